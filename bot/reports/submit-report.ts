import type { Clock } from '../shared/clock';
import { allocateIncidentNumber } from './incident-number';
import type { ReportDraft, SubmitResult } from './report-form';
import type { IncidentCounter, ReportStore } from './report-store';

export interface SubmitDeps {
  store: ReportStore;
  counter: IncidentCounter;
  clock: Clock;
}

/**
 * Gives the draft its incident number and stores it. A draft is submitted once: sending it again (a
 * double click, an old card) returns the report it already became.
 */
export async function submitReport(draft: ReportDraft, deps: SubmitDeps): Promise<SubmitResult> {
  const existing = await deps.store.byDraft(draft.draftId);
  if (existing) return { kind: 'already', report: existing };
  const submittedAt = deps.clock.now();
  const number = await allocateIncidentNumber(submittedAt, deps.counter);
  const result = await deps.store.create({ ...draft, number, submittedAt: submittedAt.toISOString() });
  return { kind: result.kind === 'created' ? 'submitted' : 'already', report: result.report };
}
