import { adviceFor as aangifteAdviceFor } from '../reports';
import { repeatLines } from '../reports';
import { sanctionAdviceFor } from '../reports';
import type { IncidentReport } from '../reports';
import type { ReportStore } from '../reports';
import { sanctionNoteTexts } from '../reports';
import { dayAndTime } from '../shared/time-format';
import { preselect, type Preselection } from './measure-rules';

/**
 * The advice as the form shows it: the preselection in words that name it, the notes (repeat first),
 * the other reports of the same event (one incident: one measure), and whether aangifte was advised.
 */
export type Advised = Preselection & { notes: string[]; sameEvent: string[]; aangifteAdvised: boolean };

/** The sanction rules' advice for this report (Hoofdstuk 7), with the repeats that shaped it. */
export async function adviceFor(
  report: IncidentReport,
  reports: Pick<ReportStore, 'factsSince'>,
  today: string,
): Promise<Advised> {
  const { sanction, repeats } = await sanctionAdviceFor(report, reports);
  return {
    ...preselect(sanction, today),
    notes: [
      ...repeatLines(repeats, report.aggressor.kind === 'known', 'form', dayAndTime),
      ...sanction.notes.map((note) => sanctionNoteTexts[note]),
    ],
    sameEvent: repeats.sameEvent.map((incident) => incident.number),
    aangifteAdvised: aangifteAdviceFor(report).required,
  };
}
