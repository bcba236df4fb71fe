import { samePerson } from '../shared/people';
import type { OutsideDeps } from './outside-deps';

import type { Actor } from '../shared/commands';
import { scheduleOverdueJobs, timeProblem } from './check-out';
import type { Visit } from './visit-model';
import { alarmIdsOf, closeVisit, overdueJobId, parseClockTime, untilFrom } from './visit-rules';

/** The visit this actor means: the one on the clicked card, or their open one. */
async function visitOf(actor: Actor, visitId: string | undefined, deps: OutsideDeps): Promise<Visit | undefined> {
  const visit = visitId ? await deps.store.getVisit(visitId) : await deps.store.openVisitOf(actor.id);
  return visit && samePerson(actor, visit.person) ? visit : undefined;
}

/** Old jobs would find nothing to do; cancelling them only keeps the job table short. */
async function cancelJobs(visit: Visit, deps: OutsideDeps): Promise<void> {
  for (const step of ['vraag', 'alarm'] as const) {
    await deps.scheduler.cancel(overdueJobId(visit.id, visit.until, step)).catch((error: unknown) => {
      deps.logger.warn({ err: error, visitId: visit.id }, 'old home-visit job not cancelled; it will do nothing');
    });
  }
}

/**
 * The address leaves the alarm card as well; the alarm itself stays with the Halteam. A failure does
 * not undo the check-in: the nightly clean-up removes it again (removing twice is harmless).
 */
export async function forgetAddress(visit: Visit, alarmId: string, deps: OutsideDeps, note?: string): Promise<void> {
  await deps.forgetAlarmAddress(visit.person.id, alarmId, note).catch((error: unknown) => {
    deps.logger.error({ err: error, visitId: visit.id, alarmId }, 'address not yet removed from the alarm card');
  });
}

/** Check-in (`terug`, "Ik ben terug", "Ik ben veilig"): the visit closes and its address is removed. */
export async function checkIn(
  actor: Actor,
  how: 'terug' | 'veilig',
  deps: OutsideDeps,
  visitId?: string,
): Promise<{ visit: Visit; closedNow: boolean } | undefined> {
  const found = await visitOf(actor, visitId, deps);
  if (!found) return undefined;
  let closedNow = false;
  const visit = await deps.store.updateVisit(found.id, (current) => {
    if (current.status !== 'open') return undefined;
    closedNow = true;
    return closeVisit(current, how, deps.clock.now());
  });
  if (!visit) return undefined;
  if (closedNow) {
    deps.logger.info({ visitId: visit.id, how }, 'home visit closed');
    await cancelJobs(found, deps);
    const safe = how === 'veilig' ? ' en is veilig' : '';
    for (const alarmId of alarmIdsOf(visit)) {
      await forgetAddress(visit, alarmId, deps, `${visit.person.name} heeft zich terug gemeld${safe}.`);
    }
    if (found.alarm && found.alarm.managerToldAt) {
      const profile = await deps.store.getProfile(visit.person.id);
      if (profile?.manager) {
        await deps.messenger.sendToUser(profile.manager, { text: `${visit.person.name} heeft zich terug gemeld.` });
      }
    }
  }
  return { visit, closedNow };
}

/** `verleng tot HH:MM`: a new end time, new jobs; the old ones find the deadline moved. */
export async function extendVisit(
  actor: Actor,
  untilText: string,
  deps: OutsideDeps,
): Promise<
  { kind: 'extended'; visit: Visit } | { kind: 'none' } | { kind: 'alarm' } | { kind: 'invalid'; message: string }
> {
  const time = parseClockTime(untilText.replace(/^tot\s+/i, ''));
  const until = time ? untilFrom(time, deps.clock.now()) : 'past';
  if (until === 'past') return { kind: 'invalid', message: timeProblem };
  const found = await visitOf(actor, undefined, deps);
  if (!found) return { kind: 'none' };
  if (found.alarm) return { kind: 'alarm' };
  const next: Visit = { ...found, until: until.toISOString(), askedAt: undefined, extensions: found.extensions + 1 };
  await scheduleOverdueJobs(next, deps);
  const visit = await deps.store.updateVisit(found.id, (current) =>
    current.status === 'open' && !current.alarm
      ? { ...current, until: next.until, askedAt: undefined, extensions: current.extensions + 1 }
      : undefined,
  );
  if (!visit || visit.until !== next.until) return { kind: 'none' };
  await cancelJobs(found, deps);
  deps.logger.info({ visitId: visit.id }, 'home visit extended');
  return { kind: 'extended', visit };
}
