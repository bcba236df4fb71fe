import { DateTime } from 'luxon';
import type { Alarm } from '../alarms';
import type { MeasureRecord } from '../measures';
import { measureKindLabels, type MeasureKind } from '../measures';
import { aangifteGroundsFor } from '../reports';
import {
  formLabels,
  placeKindLabels,
  placeText,
  victimOf,
  type AggressionForm,
  type IncidentReport,
  type PoliceAnswer,
} from '../reports';
import { factsOf, findRepeats } from '../reports';
import { zone } from '../shared/time-format';

/**
 * Read models for the Overzicht tab. Hoofdstuk 7 "Registratie": registration gives insight into the
 * kinds, places and numbers of incidents; the management team reviews all reports once a year and the
 * policy is evaluated yearly. Pure functions: reports and alarms in, rows and counts out.
 */

/** One incident as the list shows it, before the viewer's rights remove names (see overview-access). */
export interface IncidentRow {
  number: string;
  occurredAt: string;
  submittedAt: string;
  /** yyyy-MM in Dutch local time. */
  month: string;
  forms: AggressionForm[];
  formLabels: string[];
  /** `location` (a registered place with a button) or one of the protocol's other channels. */
  placeKind: IncidentReport['place']['kind'];
  /** The location's name, or the channel (Telefoon, Social media, …). */
  place: string;
  police: PoliceAnswer;
  /** Hoofdstuk 6: the facts call for an aangifte. */
  aangifteRequired: boolean;
  /** Recorded with a measure (Hoofdstuk 7 "Afwikkeling"): aangifte done. */
  aangifteDone: boolean;
  /** The measures decided against the aggressor, in the order decided. */
  measures: MeasureKind[];
  measureLabels: string[];
  injury: boolean;
  damage: boolean;
  weapons: boolean;
  /**
   * A repeat ("bij herhaling", Bijlage 9) as the advice counts it: an earlier report within a year about
   * the same person (certain, or confirmed by the manager), not another report of the same event.
   */
  repeat: boolean;
  fromAlarm: boolean;
  managerAadObjectId?: string;
  managerName: string;
  victimName: string;
  aggressor?: string;
  description: string;
}

export function monthOf(iso: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('yyyy-MM');
}

/** Rows for the reports, newest incident first; `repeat` is decided as the advice decides it (repeat-rules). */
export function incidentRows(
  reports: readonly IncidentReport[],
  measures: readonly MeasureRecord[] = [],
): IncidentRow[] {
  const measuresOf = (number: string) =>
    measures.filter((measure) => measure.number === number).sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
  const facts = reports.map(factsOf);
  return reports
    .map((report): IncidentRow => {
      const decided = measuresOf(report.number);
      return {
        number: report.number,
        occurredAt: report.occurredAt,
        submittedAt: report.submittedAt,
        month: monthOf(report.occurredAt),
        forms: report.forms,
        formLabels: report.forms.map((form) => formLabels[form]),
        placeKind: report.place.kind,
        place: placeText(report.place),
        police: report.police,
        aangifteRequired: aangifteGroundsFor({ ...report, occurredAt: new Date(report.occurredAt) }).length > 0,
        aangifteDone: decided.some((measure) => measure.aangifte.status === 'gedaan'),
        measures: decided.map((measure) => measure.kind),
        measureLabels: decided.map((measure) => measureKindLabels[measure.kind]),
        injury: report.injury,
        damage: report.damage,
        weapons: report.weapons,
        repeat: findRepeats(factsOf(report), facts, report.samePerson).repeats.length > 0,
        fromAlarm: report.source.kind === 'alarm',
        managerAadObjectId: report.manager.aadObjectId,
        managerName: report.manager.name,
        victimName: victimOf(report).name,
        aggressor: report.aggressor.kind === 'known' ? report.aggressor.identification : undefined,
        description: report.description,
      };
    })
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
}

export interface IncidentFilter {
  /** yyyy-MM-dd, inclusive, Dutch local dates. */
  from?: string;
  to?: string;
  form?: AggressionForm;
  place?: string;
  police?: PoliceAnswer;
  aangifte?: 'ja' | 'nee';
  /** A kind of measure, or `geen` for incidents without one yet. */
  measure?: MeasureKind | 'geen';
}

export function filterRows(rows: readonly IncidentRow[], filter: IncidentFilter): IncidentRow[] {
  const day = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('yyyy-MM-dd');
  return rows.filter(
    (row) =>
      (!filter.from || day(row.occurredAt) >= filter.from) &&
      (!filter.to || day(row.occurredAt) <= filter.to) &&
      (!filter.form || row.forms.includes(filter.form)) &&
      (!filter.place || row.place === filter.place) &&
      (!filter.police || row.police === filter.police) &&
      (!filter.aangifte || row.aangifteRequired === (filter.aangifte === 'ja')) &&
      (!filter.measure ||
        (filter.measure === 'geen' ? row.measures.length === 0 : row.measures.includes(filter.measure))),
  );
}

export interface Count {
  key: string;
  label: string;
  count: number;
}

/** Every month from the first to the last of the rows (empty months count 0, so the chart has no gaps). */
function monthsBetween(months: readonly string[]): string[] {
  if (months.length === 0) return [];
  const sorted = [...months].sort();
  const result: string[] = [];
  let cursor = DateTime.fromFormat(sorted[0]!, 'yyyy-MM', { zone });
  const last = DateTime.fromFormat(sorted[sorted.length - 1]!, 'yyyy-MM', { zone });
  while (cursor <= last) {
    result.push(cursor.toFormat('yyyy-MM'));
    cursor = cursor.plus({ months: 1 });
  }
  return result;
}

export function monthLabel(month: string): string {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone }).setLocale('nl').toFormat('LLL yyyy');
}

function countBy(values: readonly { key: string; label: string }[]): Count[] {
  const counts = new Map<string, Count>();
  for (const { key, label } of values) {
    const count = counts.get(key) ?? { key, label, count: 0 };
    count.count += 1;
    counts.set(key, count);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export interface IncidentStats {
  total: number;
  perMonth: Count[];
  perForm: Count[];
  /** Per location, and per channel for the protocol's other places (Telefoon, Social media, …). */
  perPlace: Count[];
  police: Count[];
  aangifteRequired: number;
  /** Share of incidents whose facts call for an aangifte, 0..1 (0 when there are none). */
  aangifteRate: number;
  /** Incidents with an aangifte recorded as done, and their share of all. */
  aangifteDone: number;
  aangifteDoneRate: number;
  perMeasure: Count[];
  /** Aggressors who came back within a year (as the advice counts repeats), and their reports: counts only. */
  repeatAggressors: number;
  repeatIncidents: number;
}

/**
 * The incidents of the rows linked by "bij herhaling" (repeat-rules, as the advice decides), grouped
 * per aggressor: the size of each group of two or more.
 */
function repeatGroups(rows: readonly IncidentRow[], reports: readonly IncidentReport[]): number[] {
  const numbers = new Set(rows.map((row) => row.number));
  const facts = reports.map(factsOf);
  const groupOf = new Map<string, string>();
  const root = (number: string): string => {
    const parent = groupOf.get(number) ?? number;
    return parent === number ? number : root(parent);
  };
  for (const report of reports) {
    if (!numbers.has(report.number)) continue;
    for (const earlier of findRepeats(factsOf(report), facts, report.samePerson).repeats) {
      if (numbers.has(earlier.number)) groupOf.set(root(report.number), root(earlier.number));
    }
  }
  const sizes = new Map<string, number>();
  for (const number of numbers) sizes.set(root(number), (sizes.get(root(number)) ?? 0) + 1);
  return [...sizes.values()].filter((size) => size > 1);
}

export function incidentStats(rows: readonly IncidentRow[], reports: readonly IncidentReport[]): IncidentStats {
  const repeated = repeatGroups(rows, reports);
  const byMonth = countBy(rows.map((row) => ({ key: row.month, label: monthLabel(row.month) })));
  const aangifteRequired = rows.filter((row) => row.aangifteRequired).length;
  return {
    total: rows.length,
    perMonth: monthsBetween(rows.map((row) => row.month)).map(
      (month) => byMonth.find((count) => count.key === month) ?? { key: month, label: monthLabel(month), count: 0 },
    ),
    perForm: countBy(rows.flatMap((row) => row.forms.map((form) => ({ key: form, label: formLabels[form] })))),
    perPlace: countBy(
      rows.map((row) =>
        row.placeKind === 'location' || row.placeKind === 'anders'
          ? {
              key: `${row.placeKind}:${row.place}`,
              label: row.placeKind === 'anders' ? placeKindLabels.anders : row.place,
            }
          : { key: row.placeKind, label: row.place },
      ),
    ).map((count) => (count.key.startsWith('anders:') ? { ...count, key: 'anders' } : count)),
    police: countBy(rows.map((row) => ({ key: row.police, label: policeShort[row.police] }))),
    aangifteRequired,
    aangifteRate: rows.length === 0 ? 0 : aangifteRequired / rows.length,
    aangifteDone: rows.filter((row) => row.aangifteDone).length,
    aangifteDoneRate: rows.length === 0 ? 0 : rows.filter((row) => row.aangifteDone).length / rows.length,
    perMeasure: countBy(
      rows.map((row) =>
        row.measures.length === 0
          ? { key: 'geen', label: 'Nog geen maatregel' }
          : { key: row.measures[row.measures.length - 1]!, label: row.measureLabels[row.measureLabels.length - 1]! },
      ),
    ),
    repeatAggressors: repeated.length,
    repeatIncidents: repeated.reduce((sum, count) => sum + count, 0),
  };
}

const policeShort: Record<PoliceAnswer, string> = {
  ja: 'Politie kwam',
  gebeld: 'Gebeld, niet gekomen',
  nee: 'Geen politie',
};

/** The median (middle value; mean of the two middle values for an even count), undefined when empty. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The p-th percentile by the nearest-rank method (the smallest value with at least p% at or below it). */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface ResponseTimes {
  /** Seconds from the alarm coming in to the first "ik kom". */
  firstMedian?: number;
  firstP90?: number;
  /** Seconds to the second "ik kom". */
  secondMedian?: number;
  secondP90?: number;
  /** Seconds to the alarm being closed. */
  closeMedian?: number;
  closeP90?: number;
}

function secondsBetween(from: string, to: string | undefined): number | undefined {
  if (!to) return undefined;
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

/** Response times of real alarms (OEFENINGEN are drills: counted, never in the times). */
export function responseTimes(alarms: readonly Alarm[]): ResponseTimes {
  const real = alarms.filter((alarm) => !alarm.exercise);
  const collect = (pick: (alarm: Alarm) => string | undefined) =>
    real
      .map((alarm) => secondsBetween(alarm.receivedAt, pick(alarm)))
      .filter((value): value is number => value !== undefined);
  const first = collect((alarm) => alarm.responders[0]?.at);
  const second = collect((alarm) => alarm.responders[1]?.at);
  const close = collect((alarm) => (alarm.status === 'closed' ? alarm.closed.at : undefined));
  return {
    firstMedian: median(first),
    firstP90: percentile(first, 90),
    secondMedian: median(second),
    secondP90: percentile(second, 90),
    closeMedian: median(close),
    closeP90: percentile(close, 90),
  };
}

export interface AlarmGroup extends ResponseTimes {
  key: string;
  label: string;
  /** Real alarms (a button pressed), not drills. */
  alarms: number;
  /** OEFENINGEN. */
  exercises: number;
}

function group(alarms: readonly Alarm[], keyOf: (alarm: Alarm) => string, labelOf: (key: string) => string) {
  const groups = new Map<string, Alarm[]>();
  for (const alarm of alarms) {
    const key = keyOf(alarm);
    groups.set(key, [...(groups.get(key) ?? []), alarm]);
  }
  return [...groups.entries()].map(([key, members]): AlarmGroup => ({
    key,
    label: labelOf(key),
    alarms: members.filter((alarm) => !alarm.exercise).length,
    exercises: members.filter((alarm) => alarm.exercise).length,
    ...responseTimes(members),
  }));
}

export interface AlarmStats {
  total: ResponseTimes & { alarms: number; exercises: number };
  perMonth: AlarmGroup[];
  perLocation: AlarmGroup[];
}

export function alarmStats(alarms: readonly Alarm[]): AlarmStats {
  const months = group(alarms, (alarm) => monthOf(alarm.receivedAt), monthLabel).sort((a, b) =>
    a.key.localeCompare(b.key),
  );
  return {
    total: {
      alarms: alarms.filter((alarm) => !alarm.exercise).length,
      exercises: alarms.filter((alarm) => alarm.exercise).length,
      ...responseTimes(alarms),
    },
    perMonth: months,
    perLocation: group(
      alarms,
      (alarm) => alarm.location,
      (key) => key,
    ).sort((a, b) => a.label.localeCompare(b.label)),
  };
}
