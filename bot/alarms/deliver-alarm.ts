import { asHalteamError } from '../shared/errors';
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
  await deps.scheduler.scheduleAll([
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
  ]);
}

/**
 * Posts the card of a new alarm to the Halteam channel, mentioning the members on duty, then keeps
 * where it landed (once no other card is on its way, see cards-first). If posting fails the card is
 * tried again by a durable job; if this process dies, the re-drive at start posts it.
 * `arrived` is called as soon as the card is posted or has failed.
 */
export async function deliverAlarm(
  alarm: Alarm,
  deps: AlarmDeps,
  arrived: () => void = () => undefined,
): Promise<void> {
  const log = deps.logger.child({ alarmId: alarm.id, buttonId: alarm.buttonId });
  try {
    const onDuty = await deps.roster.onDuty();
    const posted = await deps.messenger.postToChannel(
      'halteam',
      alarmMessage(alarm, { needed: deps.settings.respondersNeeded, mention: onDuty }),
    );
    const postedAt = deps.clock.now().toISOString();
    arrived();
    await deps.cardsFirst.quiet();
    const stored = await deps.store.updateAlarm(alarm.buttonId, alarm.id, (current) =>
      current.card ? undefined : { ...current, card: { ...posted, postedAt } },
    );
    log.info({ activityId: posted.activityId }, 'alarm card posted');
    // Presses or responders that arrived while the card was on its way are shown now.
    if (
      stored &&
      (stored.presses !== alarm.presses || stored.responders.length > 0 || stored.status !== alarm.status)
    ) {
      await refreshAlarmCard(stored, deps);
    }
  } catch (raw) {
    arrived();
    const error = asHalteamError(raw);
    log.error({ err: error, code: error.code }, 'alarm card could not be posted; retrying through the scheduler');
    await deps.store.releaseDelivery(alarm.buttonId, alarm.id);
    await deps.scheduler.schedule({
      id: `alarm-${alarm.id}-deliver-${deps.clock.now().getTime()}`,
      kind: deliveryJobKind,
      dueAt: new Date(deps.clock.now().getTime() + 10_000),
      payload: { buttonId: alarm.buttonId, alarmId: alarm.id },
    });
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
    await deliverAlarm(current, deps);
    await scheduleEscalations(current, deps);
    delivered++;
  }
  for (const alarm of await deps.store.openAlarms()) await scheduleEscalations(alarm, deps);
  return delivered;
}
