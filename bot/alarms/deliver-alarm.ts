import { z } from 'zod';
import { defineJob, type JobRequest } from '../shared/jobs';
import { asHalteamError, errorCodes, HalteamError } from '../shared/errors';
import { withRetry } from '../shared/retry';
import { alarmMessage } from './alarm-card';
import { remember, type AlarmDeps } from './alarm-deps';
import type { Alarm, PostedCard } from './alarm-model';
import type { OutboxEntry } from './alarm-store';
import { cardAudience } from './alarm-audience';
import { pushJobs, schedulePush } from './push-alarm';

const alarmJobRef = z.object({ buttonId: z.string(), alarmId: z.string() });

export const escalationJob = defineJob({
  kind: 'alarm.escalate',
  payload: alarmJobRef.extend({ level: z.union([z.literal(1), z.literal(2)]) }),
  // Never given up while the alarm is open (a closed or unknown alarm ends the job at once).
  retry: { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 1_000, maxDelayMs: 15_000 },
});
/** The longest a posted card's place waits for other cards of a burst (see workOutbox). */
export const cardPlaceWaitMs = 100;
/** Jobs of this kind were stored by earlier versions for a failed card; they now only start a sweep. */
export const deliveryJob = defineJob({ kind: 'alarm.deliver', payload: alarmJobRef });

export function escalationJobId(alarm: Pick<Alarm, 'id'>, level: 1 | 2): string {
  return `alarm-${alarm.id}-escalate-${level}`;
}

/**
 * Both escalation levels of an alarm, due from the moment it was received, and its push to phones
 * (none for an OEFENING, whose push workOutbox stores after its card).
 */
export function escalationJobs(alarm: Alarm, deps: Pick<AlarmDeps, 'settings' | 'feed' | 'clock'>): JobRequest[] {
  if (alarm.exercise || alarm.status !== 'open') return [];
  const received = new Date(alarm.receivedAt).getTime();
  const first = received + deps.settings.firstEscalationMs;
  const second = first + deps.settings.secondEscalationMs;
  const payload = { buttonId: alarm.buttonId, alarmId: alarm.id };
  return [
    ...pushJobs(alarm, 0, deps),
    escalationJob.request(escalationJobId(alarm, 1), new Date(first), { ...payload, level: 1 }),
    escalationJob.request(escalationJobId(alarm, 2), new Date(second), { ...payload, level: 2 }),
  ];
}

/** Stores the escalation jobs (one write; ids are fixed, so storing them again is harmless). */
function scheduleAll(alarm: Alarm, deps: AlarmDeps): Promise<void> {
  return deps.scheduler.scheduleAll(escalationJobs(alarm, deps));
}

/** Stores the escalation jobs, retrying while storage is away, and marks them stored on the alarm. */
export async function storeEscalations(alarm: Alarm, deps: AlarmDeps): Promise<void> {
  // Cards before bookkeeping: escalation is a minute away (see cards-first).
  await deps.cardsFirst.quiet();
  await withRetry(() => scheduleAll(alarm, deps), {
    ...deps.settings.storageRetry,
    classify: () => ({ retry: true }),
    onRetry: (error, attempt, delayMs) =>
      deps.logger.warn({ err: error, alarmId: alarm.id, attempt, delayMs }, 'escalation not stored yet; trying again'),
  });
  await deps.store.markEscalationsStored(alarm.buttonId, alarm.id);
}

/** The pause before any instance tries a failed card again: doubling from 1 s, at most 30 s, never giving up. */
export function outboxRetryDelayMs(attempts: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.min(attempts, 5));
}

/**
 * Keeps this instance's lease on an alarm's outbox alive while it works (posting can take several
 * attempts when Teams is slow); if this process dies, the lease runs out and another instance, or
 * this one restarted, takes the work over.
 */
function holdLease(alarm: Alarm, deps: AlarmDeps): { stop(): Promise<void> } {
  let stopped = false;
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      const leaseUntil = new Date(deps.clock.now().getTime() + deps.settings.deliveryLeaseMs);
      renewing = deps.store.renewOutbox(alarm.buttonId, alarm.id, deps.owner, leaseUntil).then(
        (kept) => {
          if (!kept && !stopped) deps.logger.warn({ alarmId: alarm.id }, 'alarm outbox lease was taken over');
        },
        (error: unknown) =>
          deps.logger.warn({ err: error, alarmId: alarm.id }, 'alarm outbox lease not renewed; trying again'),
      );
    },
    Math.max(100, Math.floor(deps.settings.deliveryLeaseMs / 3)),
  );
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await renewing;
    },
  };
}

/**
 * The outbox work of one alarm whose lease this instance holds: post its card to the Halteam channel
 * (mentioning the members on duty) and record where it landed at once; store its escalation jobs.
 * A card once posted is never posted again. A failed post ends the lease after a back-off, and any
 * instance tries again; it is never given up. `arrived` is called once the card is posted or has failed.
 */
export async function workOutbox(
  entry: OutboxEntry,
  deps: AlarmDeps,
  arrived: () => void = () => undefined,
): Promise<'done' | 'card failed'> {
  const { alarm } = entry;
  // Bindings per call rather than a pino child logger, whose set-up showed in the per-press profile.
  const about = { alarmId: alarm.id, buttonId: alarm.buttonId };
  const lease = holdLease(alarm, deps);
  try {
    let posted: PostedCard | undefined;
    const escalationsPending = entry.escalationsPending;
    if (entry.cardPending) {
      try {
        posted = await postCard(alarm, deps);
      } catch (raw) {
        arrived();
        const error = asHalteamError(raw);
        const retryAt = new Date(deps.clock.now().getTime() + outboxRetryDelayMs(entry.attempts));
        deps.logger.error(
          { ...about, err: error, code: error.code, attempt: entry.attempts + 1, retryAt },
          'alarm card could not be posted; trying again',
        );
        if (escalationsPending) await storeEscalations(alarm, deps);
        await lease.stop();
        await deps.store.releaseOutbox(alarm.buttonId, alarm.id, retryAt);
        return 'card failed';
      }
      arrived();
      deps.logger.info({ ...about, activityId: posted.activityId }, 'alarm card posted');
      // Where it landed is written once the burst's other cards are out, within a tenth of a second at
      // most: until then a crash would have the card posted again.
      await deps.cardsFirst.quiet(cardPlaceWaitMs);
      await keepCardPlace(alarm, posted, deps);
    } else {
      arrived();
    }
    if (escalationsPending) await storeEscalations(alarm, deps);
    if (posted) {
      remember(deps.postedLately, alarm.id, posted);
      // Presses this instance took in while the card was on its way are shown now.
      const joined = deps.joinedWhilePosting.get(alarm.id);
      deps.joinedWhilePosting.delete(alarm.id);
      if (joined && joined.presses > alarm.presses) {
        // Read again rather than show `joined`: presses since then may have refreshed the card
        // themselves, and an older count must not replace theirs.
        const current = await deps.store.getAlarm(alarm.buttonId, alarm.id);
        if (current) await refreshAlarmCard({ ...current, card: current.card ?? posted }, deps);
      }
      // A drill has no escalations to store its push with; it is stored now, behind any other card.
      if (alarm.exercise) await storeDrillPush(alarm, deps);
    }
    return 'done';
  } finally {
    await lease.stop();
  }
}

async function storeDrillPush(alarm: Alarm, deps: AlarmDeps): Promise<void> {
  await deps.cardsFirst.quiet();
  try {
    await schedulePush(alarm, 0, deps);
  } catch (raw) {
    const error = asHalteamError(raw);
    deps.logger.error({ err: error, code: error.code, alarmId: alarm.id }, 'push of a drill not stored; not sent');
  }
}

async function postCard(alarm: Alarm, deps: AlarmDeps): Promise<PostedCard> {
  const onDuty = await cardAudience(alarm, deps);
  const posted = await deps.messenger.postToChannel('halteam', {
    ...alarmMessage(alarm, { needed: deps.settings.respondersNeeded, mention: onDuty }),
    urgent: true,
  });
  return { ...posted, postedAt: deps.clock.now().toISOString() };
}

/** Stores where the card landed, retrying while storage is away (the card is already in the channel). */
async function keepCardPlace(alarm: Alarm, card: PostedCard, deps: AlarmDeps): Promise<void> {
  try {
    await withRetry(() => deps.store.keepCardPlace(alarm.buttonId, alarm.id, card), {
      ...deps.settings.cardPlaceRetry,
      classify: () => ({ retry: true }),
      onRetry: (error, attempt, delayMs) =>
        deps.logger.warn(
          { err: error, alarmId: alarm.id, attempt, delayMs },
          'alarm card posted, but where it landed is not stored yet; trying again',
        ),
    });
  } catch (raw) {
    const error = asHalteamError(raw);
    throw new HalteamError(
      errorCodes.storageUnavailable,
      `Alarm ${alarm.id}: card posted but its place could not be stored; its updates and a re-drive are affected`,
      { alarmId: alarm.id, activityId: card.activityId },
      { cause: error },
    );
  }
}

/** Re-renders a posted card in place, for everyone in the channel. */
export async function refreshAlarmCard(alarm: Alarm, deps: AlarmDeps): Promise<void> {
  if (!alarm.card?.activityId) return;
  const onDuty = await cardAudience(alarm, deps);
  await deps.messenger.update(
    alarm.card,
    alarmMessage(alarm, { needed: deps.settings.respondersNeeded, mention: onDuty }),
  );
}

/**
 * Takes over the outbox work of one alarm if its lease has run out and does it now. 'busy': another
 * instance holds the lease; 'nothing': nothing is left to do.
 */
export async function takeOverOutbox(
  alarm: Pick<Alarm, 'buttonId' | 'id'>,
  deps: AlarmDeps,
): Promise<'done' | 'card failed' | 'busy' | 'nothing'> {
  const now = deps.clock.now();
  const lease = new Date(now.getTime() + deps.settings.deliveryLeaseMs);
  const entry = await deps.store.claimOutbox(alarm.buttonId, alarm.id, deps.owner, now, lease);
  if (!entry) {
    const current = await deps.store.getAlarm(alarm.buttonId, alarm.id);
    return current?.card ? 'nothing' : 'busy';
  }
  return workOutbox(entry, deps);
}

/**
 * Every live instance runs this every few seconds (and at start): whatever another instance left
 * undone (it died after its 202, or Teams refused the card) is taken over once its lease has run out.
 * Returns how many alarms it worked on.
 */
export async function sweepOutbox(deps: AlarmDeps, concurrency = 8): Promise<number> {
  const due = await deps.store.outboxDue(deps.clock.now());
  let next = 0;
  let worked = 0;
  const lane = async () => {
    while (next < due.length) {
      const { alarm } = due[next++] as OutboxEntry;
      // One alarm's failure must not hold back the others.
      try {
        const outcome = await takeOverOutbox(alarm, deps);
        if (outcome === 'done' || outcome === 'card failed') worked++;
      } catch (raw) {
        const error = asHalteamError(raw);
        deps.logger.error({ err: error, code: error.code, alarmId: alarm.id }, 'alarm outbox work incomplete');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, lane));
  return worked;
}

/** Open alarms stored by an earlier version, before escalations were part of the outbox: store their jobs once. */
export async function adoptOpenAlarms(deps: AlarmDeps): Promise<number> {
  const alarms = await deps.store.openAlarmsOutsideOutbox();
  for (const alarm of alarms) await storeEscalations(alarm, deps);
  return alarms.length;
}
