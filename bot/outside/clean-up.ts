import { DateTime } from 'luxon';
import { zone } from '../shared/time-format';
import { cleanUpJobType } from './outside-jobs';
import { forgetAddress } from './check-in';
import type { OutsideDeps } from './outside-deps';
import { alarmIdsOf, closeVisit, expired, isForgotten } from './visit-rules';

/** Daily at 03:00 local time. */
export function cleanUpJob(now: Date) {
  const next = DateTime.fromJSDate(now, { zone })
    .plus({ days: 1 })
    .set({ hour: 3, minute: 0, second: 0, millisecond: 0 });
  return cleanUpJobType.request(`buiten-opruimen-${next.toISODate()}`, next.toJSDate(), {});
}

/**
 * Privacy: a visit nobody closed loses its address after twelve hours; closed visits, suspicions and
 * remembered details are removed after the reports' retention (MEASURES_RETENTION_MONTHS).
 */
export async function cleanUp(deps: OutsideDeps): Promise<{ forgotten: number; removed: number }> {
  const now = deps.clock.now();
  let forgotten = 0;
  let removed = 0;
  for (const visit of await deps.store.allVisits()) {
    if (isForgotten(visit, now)) {
      await deps.store.updateVisit(visit.id, (current) =>
        isForgotten(current, now) ? closeVisit(current, 'vergeten', now) : undefined,
      );
      for (const alarmId of alarmIdsOf(visit)) await forgetAddress(visit, alarmId, deps);
      forgotten++;
    } else if (visit.alarm && visit.closedAt && new Date(visit.closedAt).getTime() > now.getTime() - 2 * 86_400_000) {
      // Closed since the last run: an address a failed check-in left on the card goes now.
      for (const alarmId of alarmIdsOf(visit)) await forgetAddress(visit, alarmId, deps);
    } else if (expired(visit, now, deps.settings.retentionMonths)) {
      await deps.store.deleteVisit(visit.id);
      removed++;
    }
  }
  // A phone and manager not changed for as long: gone too (asked again on the next card).
  for (const profile of await deps.store.allProfiles()) {
    if (expired({ closedAt: profile.updatedAt }, now, deps.settings.retentionMonths)) {
      await deps.store.deleteProfile(profile.personId);
      removed++;
    }
  }
  for (const suspicion of await deps.store.allSuspicions()) {
    if (expired({ closedAt: suspicion.createdAt }, now, deps.settings.retentionMonths)) {
      await deps.store.deleteSuspicion(suspicion.id);
      removed++;
    }
  }
  return { forgotten, removed };
}
