import { DateTime } from 'luxon';
import type { AftercarePlan } from '../aftercare';
import type { Alarm } from '../alarms';
import { outcomeLabels } from '../alarms';
import { measureKindLabels } from '../measures';
import type { MeasureRecord } from '../measures';
import { victimOf, type IncidentReport } from '../reports';
import { zone } from '../shared/time-format';
import { dutchDate, isDateOnly } from './dutch-dates';
import { talkStatus, talkStatusLabels } from './overview-aftercare';

export interface TimelineEntry {
  /** The moment (ISO 8601, UTC) or, where only the day is known, the calendar date (yyyy-MM-dd). */
  at: string;
  /** `at` as people read it: "1 dec 2026 14:05", or "1 dec 2026" for a date without a time. */
  when: string;
  kind:
    | 'incident'
    | 'alarm'
    | 'responder'
    | 'escalation'
    | 'push'
    | 'closed'
    | 'report'
    | 'measure'
    | 'aangifte'
    | 'aftercare';
  text: string;
}

const pushOccasions = ['bij het alarm', 'bij opschaling 1', 'bij opschaling 2'] as const;

/** Who got an activity-feed push (Halteam members and reception acting in their role: named). */
function pushText(push: NonNullable<Alarm['pushes']>[number]): string {
  const occasion = pushOccasions[push.level];
  if (push.people.length === 0) return `Geen melding op telefoons ${occasion}`;
  const names = push.people.map((person) => person.name ?? 'onbekend');
  return `Melding op de telefoon ${occasion} naar ${names.join(', ')}`;
}

/**
 * The incident's timeline in the detail view: the alarm (press, each "ik kom", escalations, closing),
 * the report, the measures and aangifte, and the aftercare talks with their forms. Responders are
 * Halteam members acting in their role and named; the victim only for viewers who may see names.
 */
export function incidentTimeline(
  report: IncidentReport,
  alarm: Alarm | undefined,
  measures: readonly MeasureRecord[],
  aftercare: AftercarePlan | undefined,
  namesShown: boolean,
  now: Date,
): TimelineEntry[] {
  const entries: Omit<TimelineEntry, 'when'>[] = [{ at: report.occurredAt, kind: 'incident', text: 'Incident' }];
  if (alarm) {
    entries.push({
      at: alarm.receivedAt,
      kind: 'alarm',
      text: `${alarm.exercise ? 'OEFENING: ' : ''}Alarm van ${alarm.location}`,
    });
    alarm.responders.forEach((responder, index) =>
      entries.push({ at: responder.at, kind: 'responder', text: `${responder.name} komt (${index + 1}e)` }),
    );
    for (const escalation of alarm.escalations) {
      entries.push({ at: escalation.at, kind: 'escalation', text: `Opgeschaald (niveau ${escalation.level})` });
    }
    for (const push of alarm.pushes ?? []) entries.push({ at: push.at, kind: 'push', text: pushText(push) });
    if (alarm.status === 'closed') {
      entries.push({
        at: alarm.closed.at,
        kind: 'closed',
        text: `Alarm afgesloten door ${alarm.closed.by.name}: ${outcomeLabels[alarm.closed.outcome]}`,
      });
    }
  }
  const by = namesShown ? ` door ${report.reporter.name}` : '';
  const about = namesShown && report.subject.kind === 'colleague' ? ` over ${victimOf(report).name}` : '';
  entries.push({ at: report.submittedAt, kind: 'report', text: `Melding ${report.number} ingediend${by}${about}` });
  for (const measure of measures) {
    // Measures are the manager's decisions: named, the aggressor (measure.subject) never.
    const period =
      measure.startDate && measure.endDate
        ? ` van ${dutchDate(measure.startDate)} tot en met ${dutchDate(measure.endDate)}`
        : '';
    entries.push({
      at: measure.decidedAt,
      kind: 'measure',
      text: `Maatregel: ${measureKindLabels[measure.kind]}${period} (besloten door ${measure.decidedBy.name})`,
    });
    if (measure.aangifte.status === 'gedaan') {
      entries.push({
        // The day of the aangifte is recorded, not its time.
        at: measure.aangifte.date,
        kind: 'aangifte',
        text: `Aangifte gedaan${measure.aangifte.underNumber ? ' (onder nummer)' : ''}`,
      });
    }
  }
  for (const talk of aftercare?.talks ?? []) {
    entries.push({
      at: talk.start,
      kind: 'aftercare',
      text: `Nazorggesprek ${talk.talk}: ${talkStatusLabels[talkStatus(talk, now)].toLowerCase()}`,
    });
  }
  return entries
    .map((entry) => ({ ...entry, key: sortKey(entry.at) }))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ key: _key, ...entry }) => ({ ...entry, when: dutchDate(entry.at) }));
}

/**
 * Moments in UTC order; a calendar date without a time comes after every moment of that (Dutch) day,
 * as "some time that day" is known to be no earlier than what happened on it before.
 */
function sortKey(at: string): string {
  if (isDateOnly(at)) return DateTime.fromISO(at, { zone }).endOf('day').toUTC().toISO() ?? at;
  const moment = new Date(at);
  return Number.isNaN(moment.getTime()) ? at : moment.toISOString();
}
