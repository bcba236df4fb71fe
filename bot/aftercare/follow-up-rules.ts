import { DateTime } from 'luxon';
import { zone } from '../shared/time-format';
import { isWorkingDay, oneWorkingDayAfter } from '../shared/working-days';
import type { PlannedTalk } from './aftercare-model';

/**
 * When the bot follows a talk through. Pure rules over dates:
 * - the reminder with the agenda goes out one working day before the talk (09:00 when that time is
 *   outside office hours);
 * - the nazorgformulier comes right after the talk's end;
 * - a talk without a form two working days after its end is reminded once and from then on overdue.
 */
export function oneWorkingDayBefore(at: Date): Date {
  let day = DateTime.fromJSDate(at, { zone }).minus({ days: 1 });
  while (!isWorkingDay(day.toJSDate())) day = day.minus({ days: 1 });
  const outsideHours = day.hour < 8 || day.hour >= 17;
  return (outsideHours ? day.set({ hour: 9, minute: 0, second: 0, millisecond: 0 }) : day).toJSDate();
}

export const reminderDueAt = (talkStart: Date): Date => oneWorkingDayBefore(talkStart);

export const formDueAt = (talkEnd: Date): Date => talkEnd;

export const formOverdueAt = (talkEnd: Date): Date => oneWorkingDayAfter(oneWorkingDayAfter(talkEnd));

/** A planned talk whose form is still missing two working days after it. */
export function isOverdue(talk: PlannedTalk, now: Date): boolean {
  return talk.state === 'planned' && !talk.form && now >= formOverdueAt(new Date(talk.end));
}
