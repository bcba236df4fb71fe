import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { localDate, zone } from './time-format';

const holidays = new Holidays('NL');

/** Answers per local date: the holiday look-up costs ~0.4 ms and duty is checked on every alarm. */
const workingDayByDate = new Map<string, boolean>();

/** A working day in the Netherlands: Monday to Friday and not a public holiday (Europe/Amsterdam). */
export function isWorkingDay(at: Date): boolean {
  const date = localDate(at);
  const known = workingDayByDate.get(date);
  if (known !== undefined) return known;
  const local = DateTime.fromJSDate(at, { zone });
  const found = local.weekday <= 5 ? holidays.isHoliday(local.set({ hour: 12 }).toJSDate()) : false;
  const working = local.weekday <= 5 && !(found && found.some((holiday) => holiday.type === 'public'));
  if (workingDayByDate.size > 5000) workingDayByDate.clear();
  workingDayByDate.set(date, working);
  return working;
}

/**
 * The moment one working day after `from`: the next working day at the same local time, moved to
 * 09:00 when that time falls outside office hours (08:00 to 17:00), so nobody is nudged at night.
 */
export function oneWorkingDayAfter(from: Date): Date {
  const start = DateTime.fromJSDate(from, { zone });
  let day = start.plus({ days: 1 });
  while (!isWorkingDay(day.toJSDate())) day = day.plus({ days: 1 });
  const outsideHours = day.hour < 8 || day.hour >= 17;
  const due = outsideHours ? day.set({ hour: 9, minute: 0, second: 0, millisecond: 0 }) : day;
  return due.toJSDate();
}
