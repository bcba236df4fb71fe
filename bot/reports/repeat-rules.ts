import { DateTime } from 'luxon';
import { zone } from '../shared/time-format';
import { identityOf, samePerson, type Sameness } from './aggressor-identity';
import type { EarlierIncident, IncidentReport, SamePersonAnswer } from './report-model';

/**
 * "Bij herhaling" (Bijlage 9: a repeat within one year) decided once, for the advice on the report
 * card, the measure form and the overview alike. Pure.
 *
 * - Another report of the same event is not a repeat: the same alarm, or the same person within the
 *   same hour (two colleagues reporting one scene). Such reports are one incident, linked.
 * - An earlier report within a year about the same person is a repeat. "The same person" is certain
 *   by client number, or by name and date of birth; a name that merely fits ("J. de Vries", "de Vries,
 *   Jan") is a candidate until the manager confirms "dezelfde persoon als AGR-…?" on the report card.
 *   Until then the advice counts it not, and says it may be a repeat.
 */
export interface ReportFacts {
  number: string;
  occurredAt: string;
  /** The aggressor as typed; undefined when unknown (or removed after the retention period). */
  identification?: string;
  alarmId?: string;
}

export interface RepeatCandidate extends EarlierIncident {
  identification: string;
}

export interface RepeatFindings {
  /** Earlier incidents within a year with the same person, oldest first: these make it a repeat. */
  repeats: EarlierIncident[];
  /** Other reports of the same event (same alarm, or same person within the hour). */
  sameEvent: EarlierIncident[];
  /** Reports whose aggressor's name fits, awaiting the manager's answer, oldest first. */
  candidates: RepeatCandidate[];
}

const hourMs = 60 * 60 * 1000;

export function factsOf(report: IncidentReport): ReportFacts {
  return {
    number: report.number,
    occurredAt: report.occurredAt,
    ...(report.aggressor.kind === 'known' ? { identification: report.aggressor.identification } : {}),
    ...(report.source.kind === 'alarm' ? { alarmId: report.source.alarmId } : {}),
  };
}

/** The moment one year before the incident (Europe/Amsterdam calendar): the start of "binnen een jaar". */
export function yearBefore(occurredAt: string): Date {
  return DateTime.fromISO(occurredAt, { zone }).minus({ years: 1 }).toJSDate();
}

export function findRepeats(
  report: ReportFacts,
  others: readonly ReportFacts[],
  answers: readonly SamePersonAnswer[] = [],
): RepeatFindings {
  const at = Date.parse(report.occurredAt);
  const from = yearBefore(report.occurredAt).getTime();
  const identity = report.identification ? identityOf(report.identification) : undefined;
  const findings: RepeatFindings = { repeats: [], sameEvent: [], candidates: [] };
  const sorted = [...others].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  for (const other of sorted) {
    if (other.number === report.number) continue;
    const incident = { number: other.number, occurredAt: other.occurredAt };
    if (report.alarmId && other.alarmId === report.alarmId) {
      findings.sameEvent.push(incident);
      continue;
    }
    if (!identity || !other.identification) continue;
    const otherAt = Date.parse(other.occurredAt);
    const withinHour = Math.abs(otherAt - at) < hourMs;
    if (!withinHour && (otherAt > at || otherAt < from)) continue;
    const answer = answers.find((given) => given.number === other.number);
    const same: Sameness = answer
      ? answer.same
        ? 'same'
        : 'different'
      : samePerson(identity, identityOf(other.identification));
    if (same === 'maybe') findings.candidates.push({ ...incident, identification: other.identification });
    else if (same === 'same') (withinHour ? findings.sameEvent : findings.repeats).push(incident);
  }
  // One earlier event reported twice is one repeat, not two.
  findings.repeats = findings.repeats.filter(
    (incident, index, all) =>
      index === 0 || Date.parse(incident.occurredAt) - Date.parse(all[index - 1]!.occurredAt) >= hourMs,
  );
  return findings;
}

/** At most this many "dezelfde persoon?" questions on one card (the newest candidates). */
export const maxQuestions = 3;

/**
 * The repeat part of the advice in words, for the report card (`card`: the questions are buttons
 * below) and the measure form (`form`: the questions are on the report card).
 */
export function repeatLines(
  findings: RepeatFindings,
  aggressorKnown: boolean,
  where: 'card' | 'form',
  when: (iso: string) => string,
): string[] {
  if (!aggressorKnown) return ['De agressor is onbekend, dus herhaling is niet na te gaan.'];
  const list = (incidents: readonly EarlierIncident[]) =>
    incidents.map((incident) => `${incident.number} (${when(incident.occurredAt)})`).join(', ');
  const lines: string[] = [];
  if (findings.sameEvent.length > 0) {
    lines.push(
      `Dezelfde gebeurtenis is ook gemeld als ${list(findings.sameEvent)}. Dat is één incident met meerdere meldingen, geen herhaling.`,
    );
  }
  if (findings.repeats.length > 0) lines.push(`Herhaling binnen een jaar: ${list(findings.repeats)}.`);
  for (const candidate of findings.candidates.slice(-maxQuestions)) {
    lines.push(
      `Mogelijk herhaling: bij ${candidate.number} (${when(candidate.occurredAt)}) is de agressor "${candidate.identification}". Is dat dezelfde persoon?`,
    );
  }
  if (findings.candidates.length > 0) {
    lines.push(
      where === 'card'
        ? 'Kies hieronder of het dezelfde persoon is. Tot je dat bevestigt, telt het advies het niet als herhaling.'
        : 'Bevestig op de kaart van de melding of het dezelfde persoon is. Tot dan telt het advies het niet als herhaling.',
    );
  }
  if (findings.repeats.length === 0 && findings.candidates.length === 0) {
    lines.push('Eerste keer: geen eerdere melding over deze persoon in het afgelopen jaar.');
  }
  return lines;
}
