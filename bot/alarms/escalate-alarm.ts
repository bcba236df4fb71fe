import type { AlarmDeps } from './alarm-deps';
import { escalationDecision, recordEscalation, stillNeeded } from './alarm-rules';
import { kindLabels } from './button-model';
import { isHalteamError, errorCodes } from '../shared/errors';

/**
 * Too few responders after the first interval: every Halteam member is called in the card's thread.
 * After the second: reception is alerted (or, with no reception channel bound, the Halteam thread
 * carries the advice) and calling 112 is advised. Runs on the durable scheduler, so a restart neither
 * loses nor repeats it; the alarm keeps which levels have gone out.
 */
export async function escalateAlarm(
  input: { buttonId: string; alarmId: string; level: 1 | 2 },
  deps: AlarmDeps,
): Promise<void> {
  const alarm = await deps.store.getAlarm(input.buttonId, input.alarmId);
  if (!alarm) return;
  const decision = escalationDecision(alarm, input.level, deps.settings.respondersNeeded);
  const log = deps.logger.child({ alarmId: alarm.id, level: input.level });
  if (!decision.escalate) {
    log.info({ reason: decision.reason }, 'no escalation needed');
    return;
  }
  const missing = stillNeeded(alarm, deps.settings.respondersNeeded);
  const coming =
    alarm.responders.length === 0 ? 'Er is nog niemand onderweg' : `Er is pas ${alarm.responders.length} onderweg`;
  let to: 'halteam' | 'receptie' | 'fallback';

  if (input.level === 1) {
    const everyone = await deps.roster.members();
    const text =
      `**Opschaling:** ${coming} naar ${alarm.location}. Er zijn nog ${missing} Halteamleden nodig. ` +
      `${everyone.map((member) => `<at>${member.name}</at>`).join(' ')} Kun je gaan? Klik dan op "Ik kom eraan" op de kaart.`;
    await postInThreadOrChannel(
      alarm,
      { text, mentions: everyone.map((member) => ({ userId: member.id, name: member.name })) },
      deps,
    );
    to = 'halteam';
  } else {
    const text =
      `**Alarm zonder genoeg hulp:** ${kindLabels[alarm.kind]} bij ${alarm.location}. ${coming}. ` +
      'Bel 112 als er gevaar is, en stuur iemand die kan helpen.';
    try {
      await deps.messenger.postToChannel('receptie', { text });
      to = 'receptie';
    } catch (error) {
      if (!isHalteamError(error, errorCodes.channelNotBound)) throw error;
      log.warn('no reception channel bound; the escalation goes to the Halteam thread');
      await postInThreadOrChannel(alarm, { text: `${text} (Er is geen receptiekanaal gekoppeld.)` }, deps);
      to = 'fallback';
    }
  }

  await deps.store.updateAlarm(alarm.buttonId, alarm.id, (current) =>
    recordEscalation(current, { level: input.level, at: deps.clock.now().toISOString(), to }),
  );
  log.warn({ to }, 'alarm escalated');
}

async function postInThreadOrChannel(
  alarm: { card?: { conversationId: string; activityId: string } },
  message: { text: string; mentions?: { userId: string; name: string }[] },
  deps: AlarmDeps,
): Promise<void> {
  if (alarm.card) await deps.messenger.replyInThread(alarm.card, message);
  else await deps.messenger.postToChannel('halteam', message);
}
