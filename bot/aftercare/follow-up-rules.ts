import type { WorkingCalendar } from '../shared/working-days';
import type { PlannedTalk } from './aftercare-model';

/**
 * When the bot follows a talk through. Pure rules over dates:
 * - the reminder with the agenda goes out one working day before the talk (09:00 when that time is
 *   outside office hours);
 * - the nazorgformulier comes right after the talk's end;
 * - a talk without a form two working days after its end is reminded once and from then on overdue.
 */
export const reminderDueAt = (talkStart: Date, calendar: WorkingCalendar): Date =>
  calendar.oneWorkingDayBefore(talkStart);

export const formDueAt = (talkEnd: Date): Date => talkEnd;

export const formOverdueAt = (talkEnd: Date, calendar: WorkingCalendar): Date =>
  calendar.oneWorkingDayAfter(calendar.oneWorkingDayAfter(talkEnd));

/** A planned talk whose form is still missing two working days after it. */
export function isOverdue(talk: PlannedTalk, now: Date, calendar: WorkingCalendar): boolean {
  return talk.state === 'planned' && !talk.form && now >= formOverdueAt(new Date(talk.end), calendar);
}
