import type { IncidentReport } from '../reports';
import type { ReportStore } from '../reports';
import type { Clock } from '../shared/clock';
import type { CardActionContext } from '../shared/commands';
import { samePerson } from '../shared/people';
import { localDate } from '../shared/time-format';
import { adviceFor, type Advised } from './advice';
import { currentMeasure } from './measure-rules';
import type { MeasureRecord, MeasureStore } from './measure-store';

/** Who acts, as both a command and a card action know them: the actor and their roles. */
export type Decider = Pick<CardActionContext, 'actor' | 'roles'>;

/**
 * The manager of the incident decides its measure (Hoofdstuk 7, Afwikkeling); the Halteam coordinator
 * (bot admins count) may do it for any incident. Roles are asked only when the actor is not the manager.
 */
export async function mayDecide(who: Decider, report: Pick<IncidentReport, 'manager'>): Promise<boolean> {
  return samePerson(who.actor, report.manager) || (await who.roles()).has('halteam-coordinator');
}

export const onlyDecider = 'Alleen de leidinggevende van deze melding of de coördinator legt een maatregel vast.';
export const onlyDamageDecider = 'Alleen de leidinggevende van deze melding of de coördinator legt de schade vast.';

/** The incident as the one who decides sees it: the report, the advice and the measure that stands. */
export type IncidentToDecide =
  | {
      kind: 'found';
      report: IncidentReport;
      advised: Advised;
      current?: MeasureRecord;
      /** How many measures this report has had (lifted ones too), read with `current`. */
      recorded: number;
    }
  | { kind: 'unknown'; text: string }
  | { kind: 'refused'; text: string };

/** The measures of the incident: of this report and of the other reports of the same event. */
async function measuresOf(numbers: readonly string[], store: Pick<MeasureStore, 'byIncident'>) {
  return (await Promise.all(numbers.map((number) => store.byIncident(number)))).flat();
}

/** The incident, for someone who may decide its measure; otherwise why not. */
export async function incidentToDecide(
  number: string,
  who: Decider,
  deps: { reports: Pick<ReportStore, 'get' | 'factsSince'>; store: Pick<MeasureStore, 'byIncident'>; clock: Clock },
): Promise<IncidentToDecide> {
  const stored = await deps.reports.get(number);
  if (!stored) return { kind: 'unknown', text: `Melding ${number} ken ik niet.` };
  if (!(await mayDecide(who, stored.report))) return { kind: 'refused', text: onlyDecider };
  const advised = await adviceFor(stored.report, deps.reports, localDate(deps.clock.now()));
  const measures = await measuresOf([number, ...advised.sameEvent], deps.store);
  const recorded = measures.filter((measure) => measure.number === number).length;
  return { kind: 'found', report: stored.report, advised, current: currentMeasure(measures), recorded };
}
