import type { Logger } from '../shared/logger';
import { formLabels, placeText, victimOf, type IncidentReport } from './report-model';

/**
 * What happens after a report beyond telling people: the incident goes on the next dagstart and
 * aftercare is offered (protocol Hoofdstuk 3 and 7). Each later capability adds one of these.
 */
export interface ReportFollowUp {
  /** Stable name; a follow-up runs once per report, recorded under `followup:<name>`. */
  name: string;
  onSubmitted(report: IncidentReport): Promise<void>;
}

/** What the dagstart may show: never the aggressor, and the victim's name only when they agreed. */
export interface DagstartItem {
  number: string;
  occurredAt: string;
  place: string;
  forms: string[];
  victimName?: string;
}

export function dagstartItem(report: IncidentReport): DagstartItem {
  return {
    number: report.number,
    occurredAt: report.occurredAt,
    place: placeText(report.place),
    forms: report.forms.map((form) => formLabels[form]),
    ...(report.nameInDagstart ? { victimName: victimOf(report).name } : {}),
  };
}

/**
 * Stands in for a follow-up whose capability is not built yet (the dagstart issue, the aftercare
 * issue): it only logs, without personal data, that the hook was reached. Replace it in app.ts.
 */
export function notBuiltYet(name: 'dagstart' | 'aftercare', logger: Logger): ReportFollowUp {
  return {
    name,
    async onSubmitted(report) {
      logger.info({ followUp: name, number: report.number }, `report follow-up "${name}" is not built yet`);
    },
  };
}
