import { z } from 'zod';
import { defineJob, JobNotYet, type JobRequest } from '../shared/jobs';
import type { TeamMember } from '../shared/messenger';
import type { AlarmDeps } from './alarm-deps';
import type { Alarm, Push } from './alarm-model';
import { pushAudience } from './alarm-audience';
import type { ActivityNotice } from '../shared/activity-feed';
import { alarmKindLabels } from './alarm-model';

/** The push of one level of an alarm to phones; a retry sends only the batches not yet recorded. */
export const pushJob = defineJob({
  kind: 'alarm.push',
  payload: z.object({
    buttonId: z.string(),
    alarmId: z.string(),
    level: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  }),
  retry: { maxAttempts: 10, baseDelayMs: 2_000, maxDelayMs: 60_000 },
});
export type PushLevel = Push['level'];

/** The manifest's `activities.activityTypes` (manifest/manifest.json); the template text is there. */
export const activityTypes = { alarm: 'alarmRaised', drill: 'alarmDrill', escalation: 'alarmEscalated' } as const;

/** One push per alarm and level, whichever instance stores or runs it. */
export function pushJobId(alarm: Pick<Alarm, 'id'>, level: PushLevel): string {
  return `alarm-${alarm.id}-push-${level}`;
}

/** The push of a level as a durable job, or none when nobody is to be pushed for it. */
export function pushJobs(
  alarm: Alarm,
  level: PushLevel,
  deps: Pick<AlarmDeps, 'feed' | 'settings' | 'clock'>,
): JobRequest[] {
  if (!deps.feed || alarm.status !== 'open') return [];
  if (level === 0 && alarm.exercise && !deps.settings.drillPushes) return [];
  // Due at once (a new alarm's push is due when it was received, before any later job).
  const dueAt = level === 0 ? new Date(alarm.receivedAt) : deps.clock.now();
  return [pushJob.request(pushJobId(alarm, level), dueAt, { ...ref(alarm), level })];
}

export async function schedulePush(alarm: Alarm, level: PushLevel, deps: AlarmDeps): Promise<void> {
  for (const job of pushJobs(alarm, level, deps)) await deps.scheduler.schedule(job);
}

const ref = (alarm: Alarm) => ({ buttonId: alarm.buttonId, alarmId: alarm.id });

/**
 * The push job: an activity-feed notification ("Alarm: {locatie}") that opens the alarm card, to the
 * people of its level (alarm-audience.ts). It waits for the card (the link points at it) and for any
 * card still on its way, so it never delays one; the alarm records who was pushed and when, per batch,
 * so that a retry after a failure part-way pushes only the rest.
 */
export async function runPush(
  input: { buttonId: string; alarmId: string; level: PushLevel },
  deps: AlarmDeps,
): Promise<void> {
  const feed = deps.feed;
  if (!feed) return;
  // Cards before pushes: no read or call of this job competes with a card on its way.
  await deps.cardsFirst.quiet();
  const alarm = await deps.store.getAlarm(input.buttonId, input.alarmId);
  if (!alarm || alarm.status !== 'open') return;
  // A card accepted without an id (the Agents Playground) is out all the same: the link opens Teams.
  if (!alarm.card) {
    const waitedMs = deps.clock.now().getTime() - new Date(alarm.receivedAt).getTime();
    if (waitedMs < deps.settings.levelOrderGraceMs) throw new JobNotYet(1_000, 'the alarm card is not out yet');
  }
  const audience = await pushAudience(alarm, input.level, deps);
  const done = new Set((pushOf(alarm, input.level)?.people ?? []).map((person) => person.id.toLowerCase()));
  const byId = new Map<string, TeamMember>();
  for (const person of audience) {
    const id = person.aadObjectId;
    if (!id) {
      deps.logger.warn({ alarmId: alarm.id, member: person.id }, 'no Entra id known for a member; not pushed');
    } else if (!done.has(id.toLowerCase())) byId.set(id, person);
  }
  const log = { alarmId: alarm.id, level: input.level };
  if (byId.size === 0) {
    if (!pushOf(alarm, input.level)) await recordPushed(alarm, input.level, [], deps);
    deps.logger.info(log, 'nobody to push');
    return;
  }
  await feed.notify(notice(alarm, input.level, [...byId.keys()], deps), async (batch) => {
    await recordPushed(
      alarm,
      input.level,
      batch.map((id) => ({ id, name: byId.get(id)?.name })),
      deps,
    );
  });
  deps.logger.info({ ...log, recipients: byId.size }, 'alarm pushed to phones');
}

function pushOf(alarm: Alarm, level: PushLevel): Push | undefined {
  return (alarm.pushes ?? []).find((push) => push.level === level);
}

async function recordPushed(alarm: Alarm, level: PushLevel, people: Push['people'], deps: AlarmDeps): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.updateAlarm(alarm.buttonId, alarm.id, (current) => {
    const pushes = current.pushes ?? [];
    const existing = pushes.find((push) => push.level === level);
    if (!existing) return { ...current, pushes: [...pushes, { level, at, people }] };
    const known = new Set(existing.people.map((person) => person.id.toLowerCase()));
    const added = people.filter((person) => !known.has(person.id.toLowerCase()));
    if (added.length === 0) return undefined;
    return {
      ...current,
      pushes: pushes.map((push) => (push === existing ? { ...push, people: [...push.people, ...added] } : push)),
    };
  });
}

function notice(alarm: Alarm, level: PushLevel, recipients: string[], deps: AlarmDeps): ActivityNotice {
  const place = alarm.location;
  const kind = alarmKindLabels[alarm.kind];
  const common = {
    webUrl: cardLink(alarm, deps.settings.tenantId),
    templateParameters: { locatie: place },
    recipients,
  };
  if (level === 0 && alarm.exercise) {
    return {
      ...common,
      topic: 'Oefening',
      activityType: activityTypes.drill,
      previewText: `Oefening (geen echt alarm): test van de ${kind.toLowerCase()} bij ${place}.`,
    };
  }
  if (level === 0) {
    return {
      ...common,
      topic: 'Alarm',
      activityType: activityTypes.alarm,
      previewText: `${kind} bij ${place}. Kun je gaan? Open de kaart en klik op "Ik kom eraan".`,
    };
  }
  return {
    ...common,
    topic: 'Alarm zonder genoeg hulp',
    activityType: activityTypes.escalation,
    previewText:
      level === 1
        ? `Nog te weinig hulp onderweg naar ${place}. Kun je gaan? Klik op "Ik kom eraan".`
        : `Alarm zonder genoeg hulp bij ${place}. Bel 112 als er gevaar is, en stuur iemand die kan helpen.`,
  };
}

/**
 * A Teams deep link to the alarm card (a channel message opens at its thread). Without a card yet,
 * the link opens Teams; the push must not wait for ever on a card Teams refuses.
 */
export function cardLink(alarm: Pick<Alarm, 'card'>, tenantId?: string): string {
  const card = alarm.card;
  if (!card?.activityId) return 'https://teams.microsoft.com/';
  const channel = card.conversationId.split(';messageid=')[0] ?? card.conversationId;
  const query = new URLSearchParams({ ...(tenantId ? { tenantId } : {}), parentMessageId: card.activityId });
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channel)}/${encodeURIComponent(card.activityId)}?${query.toString()}`;
}
