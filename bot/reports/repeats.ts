import { factsOf, findRepeats, yearBefore, type RepeatFindings } from './repeat-rules';
import type { IncidentReport } from './report-model';
import type { ReportStore } from './report-store';
import { sanctionAdvice, type SanctionAdvice } from './sanction-rules';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The one look-up of earlier incidents for "bij herhaling" (Bijlage 9), for the manager's report card
 * and the measure form alike: the reports of the last year (a day's margin; the rule is exact), then
 * the rule of repeat-rules.ts with the manager's same-person answers.
 */
export async function repeatFindings(
  report: IncidentReport,
  store: Pick<ReportStore, 'factsSince'>,
): Promise<RepeatFindings> {
  const since = new Date(yearBefore(report.occurredAt).getTime() - dayMs);
  return findRepeats(factsOf(report), await store.factsSince(since), report.samePerson);
}

/** The Bijlage 9 advice for a report, with the repeat findings it rests on. */
export async function sanctionAdviceFor(
  report: IncidentReport,
  store: Pick<ReportStore, 'factsSince'>,
): Promise<{ sanction: SanctionAdvice; repeats: RepeatFindings }> {
  const repeats = await repeatFindings(report, store);
  const sanction = sanctionAdvice({
    forms: report.forms,
    place: report.place,
    damage: report.damage,
    police: report.police,
    aggressorKnown: report.aggressor.kind === 'known',
    occurredAt: new Date(report.occurredAt),
    earlier: repeats.repeats,
  });
  return { sanction, repeats };
}
