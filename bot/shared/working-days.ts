import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { localDate, localParts, zone } from './time-format';

/**
 * The one calendar of working days every rule uses: the aftercare talks, the dagstart digest, the
 * Halteam's duty in working hours, and the reminders (a working day after, a working day before).
 *
 * Not a working day (Europe/Amsterdam):
 * - Saturday and Sunday;
 * - a Dutch public holiday (date-holidays, type `public`);
 * - 5 May, Bevrijdingsdag: date-holidays marks it `school`, but the Cao Gemeenten makes it a paid
 *   day off for municipal staff every year;
 * - the municipality's own closing days (EXTRA_CLOSING_DAYS): full dates (2026-12-24) or yearly
 *   days (12-24).
 */
export interface WorkingCalendar {
  isWorkingDay(at: Date): boolean;
  /** The next working day at the same local time, moved to 09:00 when outside office hours (08:00 to 17:00). */
  oneWorkingDayAfter(from: Date): Date;
  /** The previous working day at the same local time, moved to 09:00 when outside office hours. */
  oneWorkingDayBefore(at: Date): Date;
}

/** Days off for every municipal employee that date-holidays does not mark `public`, as MM-DD. */
const municipalDaysOff = ['05-05'];

const holidays = new Holidays('NL');

const fullDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const yearlyDate = /^(\d{2})-(\d{2})$/;

/**
 * What is wrong with one EXTRA_CLOSING_DAYS entry, or undefined when it is a real date (YYYY-MM-DD) or
 * a real day of the year (MM-DD; 02-29 counts in leap years only).
 */
export function closingDayProblem(value: string): string | undefined {
  const full = fullDate.exec(value);
  if (full) {
    const date = DateTime.fromObject({ year: Number(full[1]), month: Number(full[2]), day: Number(full[3]) }, { zone });
    return date.isValid ? undefined : `"${value}" is not a date`;
  }
  const yearly = yearlyDate.exec(value);
  if (yearly) {
    // 2024 is a leap year, so 02-29 is accepted as a yearly day.
    const date = DateTime.fromObject({ year: 2024, month: Number(yearly[1]), day: Number(yearly[2]) }, { zone });
    return date.isValid ? undefined : `"${value}" is not a day of the year`;
  }
  return `"${value}" is neither a date YYYY-MM-DD nor a yearly day MM-DD`;
}

/** Office hours for the moments the reminders move to: before 08:00 or from 17:00 on is 09:00. */
function withinOfficeHours(day: DateTime): DateTime {
  const outsideHours = day.hour < 8 || day.hour >= 17;
  return outsideHours ? day.set({ hour: 9, minute: 0, second: 0, millisecond: 0 }) : day;
}

/**
 * The calendar with the municipality's own closing days (EXTRA_CLOSING_DAYS, already checked by the
 * config schema). An entry that is not a date is refused here too, so a bad one never goes unnoticed.
 */
export function createWorkingCalendar(extraClosingDays: readonly string[] = []): WorkingCalendar {
  const problems = extraClosingDays.map(closingDayProblem).filter((problem) => problem !== undefined);
  if (problems.length > 0) throw new Error(`EXTRA_CLOSING_DAYS: ${problems.join('; ')}`);
  const dates = new Set(extraClosingDays.filter((value) => fullDate.test(value)));
  const yearly = new Set([...municipalDaysOff, ...extraClosingDays.filter((value) => yearlyDate.test(value))]);

  /** Answers per local date: the holiday look-up costs ~0.4 ms and duty is checked on every alarm. */
  const byDate = new Map<string, boolean>();

  function isWorkingDay(at: Date): boolean {
    const date = localDate(at);
    const known = byDate.get(date);
    if (known !== undefined) return known;
    const working =
      localParts(at).weekday <= 5 && !dates.has(date) && !yearly.has(date.slice(5)) && !isPublicHoliday(at);
    if (byDate.size > 5000) byDate.clear();
    byDate.set(date, working);
    return working;
  }

  function isPublicHoliday(at: Date): boolean {
    const noon = DateTime.fromJSDate(at, { zone }).set({ hour: 12 }).toJSDate();
    const found = holidays.isHoliday(noon);
    return !!found && found.some((holiday) => holiday.type === 'public');
  }

  return {
    isWorkingDay,
    oneWorkingDayAfter(from) {
      let day = DateTime.fromJSDate(from, { zone }).plus({ days: 1 });
      while (!isWorkingDay(day.toJSDate())) day = day.plus({ days: 1 });
      return withinOfficeHours(day).toJSDate();
    },
    oneWorkingDayBefore(at) {
      let day = DateTime.fromJSDate(at, { zone }).minus({ days: 1 });
      while (!isWorkingDay(day.toJSDate())) day = day.minus({ days: 1 });
      return withinOfficeHours(day).toJSDate();
    },
  };
}

/**
 * The calendar without municipal closing days of its own: weekends, public holidays and 5 May. For
 * modules not (yet) handed the app's calendar; the app builds one from EXTRA_CLOSING_DAYS.
 */
export const standardWorkingCalendar: WorkingCalendar = createWorkingCalendar();

/** WORKING_HOURS: the hours of a working day, HH:MM Europe/Amsterdam. */
export interface WorkingHours {
  start: string;
  end: string;
}

export function parseWorkingHours(value: string): WorkingHours {
  const [start = '08:00', end = '17:00'] = value.split('-');
  return { start, end };
}
