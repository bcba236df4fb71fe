import { DateTime } from 'luxon';
import { z } from 'zod';
import { defineJob, type JobRequest } from '../shared/jobs';
import { zone } from '../shared/time-format';
import type { WorkingCalendar } from '../shared/working-days';

/** The digest's moment on a day: `time` (HH:MM, DAGSTART_DIGEST_TIME) in Europe/Amsterdam. */
export function digestDueOn(date: string, time: string): Date {
  const [hour = 8, minute = 30] = time.split(':').map(Number);
  return DateTime.fromISO(date, { zone }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

/**
 * The day of the next digest after `after`: today when its moment is still ahead and today is a
 * working day, else the first working day after (the one calendar: no weekends, public holidays,
 * 5 May or municipal closing days).
 */
export function nextDigestDate(after: Date, time: string, calendar: WorkingCalendar): string {
  let day = DateTime.fromJSDate(after, { zone }).startOf('day');
  for (let i = 0; i < 30; i++) {
    const date = day.toFormat('yyyy-MM-dd');
    if (calendar.isWorkingDay(day.set({ hour: 12 }).toJSDate()) && digestDueOn(date, time) > after) return date;
    day = day.plus({ days: 1 });
  }
  throw new Error('no working day within 30 days');
}

export const dagstartDigestJob = defineJob({
  kind: 'dagstart-digest',
  payload: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
});

/**
 * One job per day and time of day, with an id from both: scheduling it twice (two instances, a
 * restart) is harmless, and a changed DAGSTART_DIGEST_TIME gives a new job instead of finding the old
 * one stored (the old one stands down, see ensureNextDigest).
 */
export function digestJob(date: string, time: string): JobRequest {
  const dueAt = digestDueOn(date, time);
  const clock = DateTime.fromJSDate(dueAt, { zone }).toFormat('HHmm');
  return dagstartDigestJob.request(`dagstart-digest-${date}-${clock}`, dueAt, { date });
}
