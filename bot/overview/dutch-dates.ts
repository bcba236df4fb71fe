import { dutchMonths as months, localParts, two } from '../shared/time-format';

/**
 * Dates as people read them in the Overzicht tab and the `incident` command: "1 dec 2026", with the
 * Dutch local time when the value holds one ("1 dec 2026 14:05"). A calendar date without a time
 * (an aangifte's date, a ban's first and last day) stays a date: no midnight (or 01:00 once turned
 * into a moment in UTC) is invented for it. Pure and Intl-only, so the tab's page uses it too.
 */
const calendarDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date ("2026-12-01") that exists; undefined for anything else. */
function dateParts(value: string): { year: number; month: number; day: number } | undefined {
  const match = calendarDate.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  const exists = check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
  return exists ? { year, month, day } : undefined;
}

/** True for a calendar date without a time of day ("2026-12-01"). */
export function isDateOnly(value: string): boolean {
  return dateParts(value) !== undefined;
}

/**
 * "1 dec 2026" for a calendar date, "1 dec 2026 14:05" (Europe/Amsterdam) for a moment (ISO 8601
 * with a time). A value that is neither comes back as it is, so nothing is shown that was not there.
 */
export function dutchDate(value: string): string {
  const date = dateParts(value);
  if (date) return `${date.day} ${months[date.month - 1]} ${date.year}`;
  if (calendarDate.test(value) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return value;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  const { year, month, day, hour, minute } = localParts(at);
  return `${day} ${months[month - 1]} ${year} ${two(hour)}:${two(minute)}`;
}
