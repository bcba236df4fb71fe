import { DateTime } from 'luxon';
import { zone } from '../shared/time-format';
import type { IncidentCounter } from './report-store';

/** AGR-2026-0042: the year of submission (Europe/Amsterdam) and a sequence that starts at 1 each year. */
export function formatIncidentNumber(year: number, sequence: number): string {
  return `AGR-${year}-${String(sequence).padStart(4, '0')}`;
}

/** An incident number as typed after a command (`schade agr-2026-0001`), or undefined when it is not one. */
export function parseIncidentNumber(text: string): string | undefined {
  const number = text.trim().toUpperCase();
  return /^AGR-\d{4}-\d{4,}$/.test(number) ? number : undefined;
}

/** The next number of the year `at` falls in; the counter guarantees no two submissions share one. */
export async function allocateIncidentNumber(at: Date, counter: IncidentCounter): Promise<string> {
  const year = DateTime.fromJSDate(at, { zone }).year;
  return formatIncidentNumber(year, await counter.next(year));
}
