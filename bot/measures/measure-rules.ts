import { DateTime } from 'luxon';
import { identityOf } from '../reports';
import { measureText, type SanctionAdvice } from '../reports';
import { zone } from '../shared/time-format';

/**
 * The measures against the aggressor (protocol Hoofdstuk 7 "Afwikkeling": "Na ieder incident volgt een
 * maatregel richting de agressor"; Hoofdstuk 5, Bijlagen 3, 7, 8 and the sanction table of Bijlage 9).
 * Pure: facts in, decisions out.
 */
export const measureKinds = [
  'mondelinge-waarschuwing',
  'schriftelijke-waarschuwing',
  'ordegesprek',
  'toegangsverbod',
  'contactverbod',
  'weigering-vertegenwoordiger',
] as const;
export type MeasureKind = (typeof measureKinds)[number];

export const measureKindLabels: Record<MeasureKind, string> = {
  'mondelinge-waarschuwing': 'Mondelinge waarschuwing',
  'schriftelijke-waarschuwing': 'Schriftelijke waarschuwing',
  ordegesprek: 'Ordegesprek',
  toegangsverbod: 'Toegangsverbod tot de gebouwen',
  contactverbod: 'Contactverbod',
  'weigering-vertegenwoordiger': 'Weigering als vertegenwoordiger (Awb 2:2)',
};

/** Measures that run for a period: a start and an end date are required. */
export const banKinds: readonly MeasureKind[] = ['toegangsverbod', 'contactverbod'];
export const isBan = (kind: MeasureKind) => banKinds.includes(kind);

/**
 * Aangifte (Hoofdstuk 7): done on a date, by whom, possibly "onder nummer" (art. 190 lid 3 Sv); or not
 * needed, with the reason when the advice was to file one (Hoofdstuk 6: "Je moet altijd aangifte doen bij").
 */
export type AangifteStatus =
  | { status: 'gedaan'; date: string; by: string; underNumber: boolean }
  | { status: 'nog-niet' }
  | { status: 'niet-nodig'; reason?: string };

export interface MeasureDecision {
  kind: MeasureKind;
  /** yyyy-MM-dd, Europe/Amsterdam; for bans only. */
  startDate?: string;
  endDate?: string;
  /** Why the manager deviates from the advice; required when they do. */
  deviationReason?: string;
}

export interface Preselection {
  kind: MeasureKind;
  startDate?: string;
  endDate?: string;
  /** The advice in words, e.g. "Toegangsverbod tot de gebouwen, 12 maanden". */
  text: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The last day of a ban of `months` starting on `startDate`: 1 March + 12 months ends on 28 February. */
export function banEnd(startDate: string, months: number): string {
  return DateTime.fromISO(startDate, { zone }).plus({ months }).minus({ days: 1 }).toISODate() as string;
}

/**
 * The card's preselection from the Bijlage 9 advice, with the advice in words that name it.
 * "Geen contact met de gemeente" is the ban the advice chose (`advice.ban`): a building ban (Bijlage 3:
 * "Bij fysiek geweld leggen we meteen een gebouwverbod op"; 8C) unless the aggression came by phone,
 * in writing or online, where it is a contactverbod (Bijlage 3, 8A, 8B). A first verbal incident: an
 * oral warning, the written one follows; remote: a written warning of the college.
 */
export function preselect(advice: SanctionAdvice, today: string): Preselection {
  const { measure } = advice;
  if (measure.kind === 'waarschuwing') {
    const kind: MeasureKind = measure.oral ? 'mondelinge-waarschuwing' : 'schriftelijke-waarschuwing';
    return { kind, text: measureText(measure) };
  }
  const kind: MeasureKind = advice.ban ?? 'toegangsverbod';
  const words = measureText(measure);
  return {
    kind,
    startDate: today,
    endDate: banEnd(today, measure.months),
    // "Geen contact met de gemeente voor 3 maanden: contactverbod", so the words match the choice.
    text: words.toLowerCase().startsWith(measureKindLabels[kind].toLowerCase())
      ? words
      : `${words}: ${measureKindLabels[kind].toLowerCase()}`,
  };
}

/** True when the decision is not what the advice says: another kind, or a ban of another length. */
export function deviates(decision: MeasureDecision, advised: Preselection): boolean {
  if (decision.kind !== advised.kind) return true;
  if (!isBan(decision.kind) || !advised.startDate || !advised.endDate || !decision.startDate || !decision.endDate) {
    return false;
  }
  const advisedDays = daysBetween(advised.startDate, advised.endDate);
  return Math.abs(daysBetween(decision.startDate, decision.endDate) - advisedDays) > 3;
}

function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days);
}

export type DecisionProblem =
  'dates-missing' | 'dates-invalid' | 'end-before-start' | 'reason-missing' | 'aangifte-reason-missing' | 'not-longer';

export const decisionProblemTexts: Record<DecisionProblem, string> = {
  'dates-missing': 'Een verbod loopt van een begindatum tot een einddatum. Vul ze allebei in.',
  'dates-invalid': 'Die datum herken ik niet. Kies de datum in de kalender.',
  'end-before-start': 'De einddatum ligt vóór de begindatum.',
  'reason-missing': 'Je wijkt af van het advies. Schrijf kort waarom; dat hoort bij het dossier.',
  'aangifte-reason-missing':
    'Het advies is aangifte te doen. Schrijf kort waarom aangifte niet nodig is; dat hoort bij het dossier.',
  'not-longer': 'Verlengen: kies een einddatum na de huidige.',
};

/** What is wrong with a decision before it may be stored; empty when it is fine. */
export function checkDecision(
  decision: MeasureDecision,
  advised: Preselection | undefined,
  aangifte?: { status: AangifteStatus; advised: boolean },
  extending?: { endDate?: string },
): DecisionProblem[] {
  const problems: DecisionProblem[] = [];
  if (isBan(decision.kind)) {
    if (!decision.startDate || !decision.endDate) problems.push('dates-missing');
    else if (!isoDate.test(decision.startDate) || !isoDate.test(decision.endDate)) problems.push('dates-invalid');
    else if (decision.endDate < decision.startDate) problems.push('end-before-start');
    else if (extending?.endDate && decision.endDate <= extending.endDate) problems.push('not-longer');
  }
  if (advised && deviates(decision, advised) && !decision.deviationReason?.trim()) problems.push('reason-missing');
  // "Niet nodig" where aangifte was advised is a deviation too (Hoofdstuk 6): it needs a reason.
  if (aangifte?.advised && aangifte.status.status === 'niet-nodig' && !aangifte.status.reason?.trim()) {
    problems.push('aangifte-reason-missing');
  }
  return problems;
}

/** A ban is in force on `today` (yyyy-MM-dd) from its first to its last day, both included, unless lifted. */
export function inForce(
  measure: { kind: MeasureKind; startDate?: string; endDate?: string; liftedAt?: string },
  today: string,
): boolean {
  if (!isBan(measure.kind) || !measure.startDate || !measure.endDate || measure.liftedAt) return false;
  return measure.startDate <= today && today <= measure.endDate;
}

/** "1 maart 2027" */
export function longDate(date: string): string {
  return DateTime.fromISO(date, { zone }).setLocale('nl').toFormat('d LLLL yyyy');
}

/** The measure in one line, for the timeline and the dagstart card. No names. */
export function measureSummary(decision: MeasureDecision & { liftedAt?: string }): string {
  const label = measureKindLabels[decision.kind];
  if (isBan(decision.kind) && decision.startDate && decision.endDate) {
    const period = `${label} van ${longDate(decision.startDate)} tot en met ${longDate(decision.endDate)}`;
    return decision.liftedAt ? `${period}, opgeheven op ${longDate(localDay(decision.liftedAt))}` : period;
  }
  return label;
}

/**
 * The aggressor's name as the manager will want it on the reception card, from the report's free
 * identification ("Karel Klaassen, klantnummer 778899", "de Vries, Jan (geb. 01-02-1980)"): the name
 * without numbers, dates or remarks, given names first.
 */
export function nameFromIdentification(identification: string): string {
  return identityOf(identification).name;
}

/**
 * The measure that stands for an incident: the last one decided and not lifted. A second `maatregel`
 * shows it to change, extend or lift instead of recording another one.
 */
export function currentMeasure<T extends { decidedAt: string; liftedAt?: string }>(
  measures: readonly T[],
): T | undefined {
  return [...measures]
    .filter((measure) => !measure.liftedAt)
    .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt))
    .at(-1);
}

export type MeasureState = 'vastgelegd' | 'komt' | 'geldt' | 'afgelopen' | 'opgeheven';

/** Where a measure stands on `today`: a warning is recorded; a ban is coming, in force, over or lifted. */
export function measureState(
  measure: { kind: MeasureKind; startDate?: string; endDate?: string; liftedAt?: string },
  today: string,
): MeasureState {
  if (measure.liftedAt) return 'opgeheven';
  if (!isBan(measure.kind) || !measure.startDate || !measure.endDate) return 'vastgelegd';
  if (today < measure.startDate) return 'komt';
  return today <= measure.endDate ? 'geldt' : 'afgelopen';
}

/** A ban that has not ended yet can be extended or lifted early. */
export const canLiftOrExtend = (state: MeasureState) => state === 'komt' || state === 'geldt';

/** The measure's state in words, for the manager's card. */
export function stateText(
  measure: { kind: MeasureKind; startDate?: string; endDate?: string; liftedAt?: string },
  today: string,
): string {
  switch (measureState(measure, today)) {
    case 'komt':
      return `Gaat in op ${longDate(measure.startDate as string)}`;
    case 'geldt':
      return `Geldt nu, tot en met ${longDate(measure.endDate as string)}`;
    case 'afgelopen':
      return `Afgelopen op ${longDate(measure.endDate as string)}`;
    case 'opgeheven':
      return `Opgeheven op ${longDate(localDay(measure.liftedAt as string))}`;
    case 'vastgelegd':
      return 'Vastgelegd';
  }
}

const localDay = (iso: string) => DateTime.fromISO(iso, { zone }).toISODate() as string;

/** "Er geldt nu 1 verbod" / "Er gelden nu 2 verboden": the count with its verb and noun in agreement. */
export function bansInForceText(count: number): string {
  if (count === 0) return 'Er geldt nu geen toegangs- of contactverbod.';
  return count === 1 ? 'Er geldt nu 1 verbod:' : `Er gelden nu ${count} verboden:`;
}
