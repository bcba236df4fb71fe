import { asHalteamError } from '../shared/errors';
import type { Mention, OutgoingMessage, TeamMember } from '../shared/messenger';
import { timeOfDay } from '../shared/time-format';
import type { AlarmDeps } from './alarm-deps';
import { outcomeLabels, type Alarm } from './alarm-model';
import { stillNeeded } from './alarm-rules';
import { alarmKindLabels } from './alarm-model';

/**
 * The second escalation as reception reads it, in every state: too few coming (with the people it
 * asks to act mentioned), enough coming, closed. The same post is updated in place, so reception never
 * keeps seeing an emergency that is over.
 */
export function receptionMessage(alarm: Alarm, needed: number, mention: readonly TeamMember[] = []): OutgoingMessage {
  const what = `${alarmKindLabels[alarm.kind]} bij ${alarm.location}`;
  if (alarm.status === 'closed') {
    return {
      text:
        `**Afgehandeld om ${timeOfDay(alarm.closed.at).slice(0, 5)}, door ${alarm.closed.by.name}:** ${what} ` +
        `(${outcomeLabels[alarm.closed.outcome]}). Er is geen hulp meer nodig.`,
    };
  }
  const coming = alarm.responders.map((responder) => responder.name);
  if (stillNeeded(alarm, needed) === 0) {
    return {
      text:
        `**Genoeg hulp onderweg:** ${what}. ${joinNames(coming)} ${coming.length === 1 ? 'gaat' : 'gaan'} erheen. ` +
        'Je hoeft niemand meer te sturen. Bel 112 als er toch gevaar is.',
    };
  }
  const already =
    coming.length === 0 ? 'Er is nog niemand onderweg' : `Er is pas ${coming.length} onderweg (${joinNames(coming)})`;
  const mentions: Mention[] = mention.map((person) => ({ userId: person.id, name: person.name }));
  const calls = mentions.length > 0 ? ` ${mentions.map((person) => `<at>${person.name}</at>`).join(' ')}` : '';
  return {
    text:
      `**Alarm zonder genoeg hulp:** ${what}. ${already}. ` +
      `Bel 112 als er gevaar is, en stuur iemand die kan helpen.${calls}`,
    mentions,
  };
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} en ${names.at(-1)}`;
}

/**
 * Brings the reception post up to date once enough people are coming or the alarm is closed. It never
 * fails the click that changed the alarm: a failure is logged, and the next change tries again.
 */
export async function refreshReceptionPost(
  alarm: Alarm,
  deps: Pick<AlarmDeps, 'messenger' | 'logger' | 'settings'>,
): Promise<void> {
  const post = alarm.receptionPost;
  if (!post?.activityId) return;
  if (alarm.status === 'open' && stillNeeded(alarm, deps.settings.respondersNeeded) > 0) return;
  try {
    await deps.messenger.update(post, receptionMessage(alarm, deps.settings.respondersNeeded));
  } catch (raw) {
    const error = asHalteamError(raw);
    deps.logger.error({ err: error, code: error.code, alarmId: alarm.id }, 'reception post not updated');
  }
}
