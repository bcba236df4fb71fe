import type { Suspicion, Visit } from './visit-model';
import { isOverdue } from './visit-rules';

/** What the overview shows of work outside: counts, never an address. */
export interface OutsideSummary {
  homeVisits: number;
  open: number;
  overdue: number;
  alarms: number;
  withRisks: number;
  suspicions: number;
  suspicionsDiscussed: number;
}

export function outsideSummary(
  visits: readonly Visit[],
  suspicions: readonly Suspicion[],
  now: Date,
  graceMinutes: number,
): OutsideSummary {
  return {
    homeVisits: visits.length,
    open: visits.filter((visit) => visit.status === 'open').length,
    overdue: visits.filter((visit) => isOverdue(visit, now, graceMinutes) || visit.alarm?.how === 'stil').length,
    alarms: visits.filter((visit) => visit.alarm).length,
    withRisks: visits.filter((visit) => visit.risks.length > 0).length,
    suspicions: suspicions.length,
    suspicionsDiscussed: suspicions.filter((suspicion) => suspicion.discussed).length,
  };
}
