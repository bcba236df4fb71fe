import { DateTime } from 'luxon';
import { z } from 'zod';
import { defineJob } from '../shared/jobs';
import { zone } from '../shared/time-format';
import type { Logger } from '../shared/logger';
import { localDate } from '../shared/time-format';
import type { MeasureRecord, MeasureStore } from './measure-store';

/**
 * Retention of the aggressor's personal data (seed 000, 3.3: no more personal data than the task
 * needs). They are needed for repeat detection ("bij herhaling binnen een jaar", Bijlage 9) and while
 * a measure runs; they are kept a configurable period after the incident's last measure ends
 * (MEASURES_RETENTION_MONTHS, 24 by default), then removed. The incident stays, anonymised, for the
 * yearly review (MO / Arbo-coördinator).
 */
export const purgeJob = defineJob({ kind: 'measures.purge', payload: z.object({}) });
/** The nightly purge runs at this local time. */
export const purgeTime = { hour: 3, minute: 0 };

/** The reports' side: which incidents still hold aggressor data, and removing it. */
export interface AggressorRecords {
  /** Incidents whose report still names an aggressor. */
  withAggressor(): Promise<{ number: string; occurredAt: string }[]>;
  /** Removes the aggressor's identity (and the free description, which may name them) from the report. */
  anonymise(number: string): Promise<void>;
}

/** The last day anything about the incident runs: the incident day or the last measure's last day. */
export function lastRelevantDay(
  occurredAt: string,
  measures: readonly Pick<MeasureRecord, 'endDate' | 'decidedAt'>[],
): string {
  return [
    localDate(new Date(occurredAt)),
    ...measures.map((measure) => measure.endDate ?? localDate(new Date(measure.decidedAt))),
  ]
    .sort()
    .at(-1) as string;
}

/** True once `months` have passed after the last relevant day. */
export function purgeDue(lastDay: string, today: string, months: number): boolean {
  const until = DateTime.fromISO(lastDay, { zone }).plus({ months }).toISODate() as string;
  return today > until;
}

export function nextPurgeAt(after: Date): Date {
  const local = DateTime.fromJSDate(after, { zone });
  let next = local.set({ ...purgeTime, second: 0, millisecond: 0 });
  if (next <= local) next = next.plus({ days: 1 });
  return next.toJSDate();
}

export const purgeJobId = (at: Date) => `measures-purge-${localDate(at)}`;

export interface PurgeDeps {
  store: MeasureStore;
  records: AggressorRecords;
  months: number;
  logger: Logger;
}

/** Removes what has passed its retention; returns the incident numbers purged. Logged without personal data. */
export async function purgeExpired(now: Date, deps: PurgeDeps): Promise<string[]> {
  const today = localDate(now);
  const measures = await deps.store.all();
  const purged: string[] = [];
  const reports = await deps.records.withAggressor();
  const numbers = new Set([
    ...reports.map((report) => report.number),
    ...measures.filter((m) => m.subject).map((m) => m.number),
  ]);
  for (const number of numbers) {
    const own = measures.filter((measure) => measure.number === number);
    const occurredAt = reports.find((report) => report.number === number)?.occurredAt ?? own[0]?.decidedAt;
    if (!occurredAt || !purgeDue(lastRelevantDay(occurredAt, own), today, deps.months)) continue;
    if (reports.some((report) => report.number === number)) await deps.records.anonymise(number);
    for (const measure of own.filter((candidate) => candidate.subject)) {
      await deps.store.update(measure.id, ({ subject: _removed, ...rest }) => ({
        ...rest,
        purgedAt: now.toISOString(),
      }));
    }
    purged.push(number);
  }
  deps.logger.info({ purged, count: purged.length, retentionMonths: deps.months }, 'aggressor data retention purge');
  return purged;
}
