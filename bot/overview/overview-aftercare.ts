import type { AftercarePlan, PlannedTalk } from '../aftercare';
import { isOverdue } from '../aftercare';
import { standardWorkingCalendar, type WorkingCalendar } from '../shared/working-days';

/**
 * Aftercare at a glance (Bijlage 5: three talks, a nazorgformulier after each): talks planned, held,
 * forms missing, forms overdue (two working days after the talk, as the reminder counts them), and
 * incidents where no talk is planned yet. Pure: plans and the moment in, counts and rows out.
 */
export type TalkStatus = 'gepland' | 'gehouden' | 'formulier-ontbreekt' | 'te-laat' | 'geannuleerd';

export const talkStatusLabels: Record<TalkStatus, string> = {
  gepland: 'Gepland',
  gehouden: 'Gehouden',
  'formulier-ontbreekt': 'Formulier ontbreekt',
  'te-laat': 'Formulier te laat',
  geannuleerd: 'Geannuleerd',
};

export function talkStatus(
  talk: PlannedTalk,
  now: Date,
  calendar: WorkingCalendar = standardWorkingCalendar,
): TalkStatus {
  if (talk.state === 'cancelled') return 'geannuleerd';
  if (talk.form) return 'gehouden';
  if (now < new Date(talk.end)) return 'gepland';
  return isOverdue(talk, now, calendar) ? 'te-laat' : 'formulier-ontbreekt';
}

export interface AftercareSummary {
  planned: number;
  held: number;
  formMissing: number;
  overdue: number;
  /** Offered to the manager, no talk in the calendar yet. */
  notScheduled: number;
  /** The manager arranges the talks themselves (outside the bot). */
  self: number;
}

export interface AftercareRow {
  number: string;
  incidentAt: string;
  managerName: string;
  /** Only for viewers who may see the victim's name. */
  employeeName?: string;
  state: AftercarePlan['state'];
  talks: { talk: number; start: string; status: TalkStatus; label: string }[];
}

export function aftercareOverview(
  plans: readonly AftercarePlan[],
  /** Incident number → may the viewer see the victim's name; plans of other incidents are left out. */
  visible: ReadonlyMap<string, boolean>,
  now: Date,
): { summary: AftercareSummary; plans: AftercareRow[] } {
  const summary: AftercareSummary = { planned: 0, held: 0, formMissing: 0, overdue: 0, notScheduled: 0, self: 0 };
  const rows: AftercareRow[] = [];
  for (const plan of plans) {
    const namesShown = visible.get(plan.number);
    if (namesShown === undefined) continue;
    if (plan.state === 'offered') summary.notScheduled += 1;
    if (plan.state === 'self') summary.self += 1;
    const talks = plan.talks.map((talk) => {
      const status = talkStatus(talk, now);
      if (status === 'gepland') summary.planned += 1;
      if (status === 'gehouden') summary.held += 1;
      if (status === 'formulier-ontbreekt') summary.formMissing += 1;
      if (status === 'te-laat') summary.overdue += 1;
      return { talk: talk.talk, start: talk.start, status, label: talkStatusLabels[status] };
    });
    rows.push({
      number: plan.number,
      incidentAt: plan.incidentAt,
      managerName: plan.manager.name,
      employeeName: namesShown ? plan.employee.name : undefined,
      state: plan.state,
      talks,
    });
  }
  return { summary, plans: rows.sort((a, b) => b.incidentAt.localeCompare(a.incidentAt)) };
}
