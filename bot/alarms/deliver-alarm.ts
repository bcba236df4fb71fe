import { asHalteamError, errorCodes, HalteamError } from '../shared/errors';
import type { PostedMessage } from '../shared/messenger';
import { withRetry } from '../shared/retry';
import { alarmMessage } from './alarm-card';
import type { AlarmDeps } from './alarm-deps';
import type { Alarm } from './alarm-model';

export const escalationJobKind = 'alarm.escalate';
export const deliveryJobKind = 'alarm.deliver';

export function escalationJobId(alarm: Pick<Alarm, 'id'>, level: 1 | 2): string {
  return `alarm-${alarm.id}-escalate-${level}`;
}

/** Escalation is durable: both levels are stored as jobs when the alarm arrives (not for an OEFENING). */
export async function scheduleEscalations(alarm: Alarm, deps: AlarmDeps): Promise<void> {
  if (alarm.exercise || alarm.status !== 'open') return;
  const received = new Date(alarm.receivedAt).getTime();
  const first = received + deps.settings.firstEscalationMs;
  const second = first + deps.settings.secondEscalationMs;
  const payload = { buttonId: alarm.buttonId, alarmId: alarm.id };
  const jobs = [
    {
      id: escalationJobId(alarm, 1),
      kind: escalationJobKind,
      dueAt: new Date(first),
      payload: { ...payload, level: 1 },
    },
    {
      id: escalationJobId(alarm, 2),
      kind: escalationJobKind,
      dueAt: new Date(second),
      payload: { ...payload, level: 2 },
    },
  ];
  await withRetry(() => deps.scheduler.scheduleAll(jobs), {
    ...deps.settings.storageRetry,
    classify: () => ({ retry: true }),
    onRetry: (error, attempt, delayMs) =>
      deps.logger.warn({ err: error, alarmId: alarm.id, attempt, delayMs }, 'escalation not stored yet; trying again'),
  });
}

/**
 * Posts the card of a new alarm to the Halteam channel, mentioning the members on duty, then keeps
 * where it landed (once no other card is on its way, see cards-first). Only a failed post is tried
 * again (by a durable job, or the re-drive at start if this process dies); once the card is in the
 * channel it is never posted a second time, so keeping its place is retried on its own.
 * `arrived` is called as soon as the card is posted or has failed.
 */
export async function deliverAlarm(
  alarm: Alarm,
  deps: AlarmDeps,
  arrived: () => void = () => undefined,
): Promise<void> {
  // Bindings per call rather than a pino child logger, whose set-up showed in the per-press profile.
  const about = { alarmId: alarm.id, buttonId: alarm.buttonId };
  let posted: PostedMessage;
  try {
    const onDuty = await deps.roster.onDuty();
    posted = await deps.messenger.postToChannel(
      'halteam',
      alarmMessage(alarm, { needed: deps.settings.respondersNeeded, mention: onDuty }),
    );
  } catch (raw) {
    arrived();
    const error = asHalteamError(raw);
    deps.logger.error(
      { ...about, err: error, code: error.code },
      'alarm card could not be posted; retrying through the scheduler',
    );
    await deps.store.releaseDelivery(alarm.buttonId, alarm.id);
    await deps.scheduler.schedule({
      id: `alarm-${alarm.id}-deliver-${deps.clock.now().getTime()}`,
      kind: deliveryJobKind,
      dueAt: new Date(deps.clock.now().getTime() + 10_000),
      payload: { buttonId: alarm.buttonId, alarmId: alarm.id },
    });
    return;
  }
  const card = { ...posted, postedAt: deps.clock.now().toISOString() };
  arrived();
  deps.logger.info({ ...about, activityId: posted.activityId }, 'alarm card posted');
  await deps.cardsFirst.quiet();
  const stored = await keepCardPlace(alarm, card, deps);
  // Presses or responders that arrived while the card was on its way are shown now.
  if (stored && (stored.presses !== alarm.presses || stored.responders.length > 0 || stored.status !== alarm.status)) {
    await refreshAlarmCard(stored, deps);
  }
}

/** Stores where the card landed, retrying while storage is away (the card is already in the channel). */
async function keepCardPlace(alarm: Alarm, card: NonNullable<Alarm['card']>, deps: AlarmDeps) {
  const retry = deps.settings.storageRetry;
  try {
    return await withRetry(
      () =>
        deps.store.updateAlarm(alarm.buttonId, alarm.id, (current) =>
          current.card ? undefined : { ...current, card },
        ),
      {
        ...retry,
        classify: () => ({ retry: true }),
        onRetry: (error, attempt, delayMs) =>
          deps.logger.warn(
            { err: error, alarmId: alarm.id, attempt, delayMs },
            'alarm card posted, but where it landed is not stored yet; trying again',
          ),
      },
    );
  } catch (raw) {
    const error = asHalteamError(raw);
    throw new HalteamError(
      errorCodes.storageUnavailable,
      `Alarm ${alarm.id}: card posted but its place could not be stored; its updates and a restart's re-drive are affected`,
      { alarmId: alarm.id, activityId: card.activityId },
      { cause: error },
    );
  }
}

/** Re-renders a posted card in place, for everyone in the channel. */
export async function refreshAlarmCard(alarm: Alarm, deps: AlarmDeps): Promise<void> {
  if (!alarm.card) return;
  const onDuty = alarm.status === 'open' ? await deps.roster.onDuty() : [];
  await deps.messenger.update(
    alarm.card,
    alarmMessage(alarm, { needed: deps.settings.respondersNeeded, mention: onDuty }),
  );
}

/** At start (and from the delivery job): post every card whose delivery lease ran out. */
export async function redriveUndelivered(deps: AlarmDeps): Promise<number> {
  const now = deps.clock.now();
  let delivered = 0;
  for (const alarm of await deps.store.undelivered(now)) {
    const lease = new Date(now.getTime() + deps.settings.deliveryLeaseMs);
    if (!(await deps.store.claimDelivery(alarm.buttonId, alarm.id, now, lease))) continue;
    const current = (await deps.store.getAlarm(alarm.buttonId, alarm.id)) ?? alarm;
    // One alarm whose card could not be kept must not hold back the others, nor its own escalation.
    const [outcome] = await Promise.allSettled([deliverAlarm(current, deps)]);
    if (outcome?.status === 'rejected') {
      const error = asHalteamError(outcome.reason);
      deps.logger.error({ err: error, code: error.code, alarmId: current.id }, 'alarm card re-drive incomplete');
    }
    await scheduleEscalations(current, deps);
    delivered++;
  }
  for (const alarm of await deps.store.openAlarms()) await scheduleEscalations(alarm, deps);
  return delivered;
}
