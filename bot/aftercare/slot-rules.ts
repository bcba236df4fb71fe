import { DateTime } from 'luxon';
import type { WorkingCalendar } from '../shared/working-days';
import { zone } from '../shared/time-format';

/**
 * When the three nazorggesprekken fall (protocol Bijlage 5, "Nazorg"):
 *   gesprek 1 "1–2 dagen na het incident", gesprek 2 "2 weken na het incident",
 *   gesprek 3 "4–6 weken na het incident".
 * Pure rules: given the incident, the moment of planning and the busy times of manager and employee,
 * propose one free slot per talk on a working day of the calendar (no weekend, public holiday, 5 May or
 * municipal closing day) in office hours, Europe/Amsterdam time.
 */
export type TalkNumber = 1 | 2 | 3;
export const talkNumbers: readonly TalkNumber[] = [1, 2, 3];

export interface Interval {
  start: Date;
  end: Date;
}

export interface SlotSettings {
  /** Length of one talk. */
  durationMinutes: number;
  /** Office hours, local time: the first start and the latest end. */
  dayStartHour: number;
  dayEndHour: number;
  /** Slots start on this grid (minutes past the hour). */
  stepMinutes: number;
  /** A slot starts at least this long after the moment of planning. */
  leadMinutes: number;
}

export const defaultSlotSettings: SlotSettings = {
  durationMinutes: 60,
  dayStartHour: 9,
  dayEndHour: 17,
  stepMinutes: 30,
  leadMinutes: 60,
};

/** The candidate days of a talk, in order of preference (best first), as local ISO dates. */
export function candidateDays(talk: TalkNumber, incidentAt: Date, calendar: WorkingCalendar): string[] {
  const incidentDay = DateTime.fromJSDate(incidentAt, { zone }).startOf('day');
  const day = (offset: number) => incidentDay.plus({ days: offset });
  const working = (offset: number) => calendar.isWorkingDay(day(offset).set({ hour: 12 }).toJSDate());
  const iso = (offset: number) => day(offset).toISODate() as string;
  if (talk === 1) {
    // "1–2 dagen na het incident": the first and second working day after the incident.
    const days: string[] = [];
    for (let offset = 1; days.length < 2 && offset <= 14; offset++) if (working(offset)) days.push(iso(offset));
    return days;
  }
  if (talk === 2) {
    // "2 weken na het incident": day 14, else the nearest working day within three days of it (earlier first).
    const offsets = [14, 13, 15, 12, 16, 11, 17];
    return offsets.filter(working).map(iso);
  }
  // "4–6 weken na het incident": days 28 to 42, earliest first.
  const days: string[] = [];
  for (let offset = 28; offset <= 42; offset++) if (working(offset)) days.push(iso(offset));
  return days;
}

/** The first and last moment any talk may take place: for one getSchedule call. */
export function planningRange(incidentAt: Date, now: Date, calendar: WorkingCalendar): Interval {
  const all = talkNumbers.flatMap((talk) => candidateDays(talk, incidentAt, calendar)).sort();
  const first = DateTime.fromISO(all[0] ?? '', { zone }).startOf('day');
  const last = DateTime.fromISO(all[all.length - 1] ?? '', { zone }).endOf('day');
  const start = first.toJSDate() < now ? now : first.toJSDate();
  return { start, end: last.toJSDate() < start ? start : last.toJSDate() };
}

export type SlotProposal = { talk: TalkNumber; start: Date; end: Date } | { talk: TalkNumber; none: true };

export interface ProposeInput {
  incidentAt: Date;
  now: Date;
  /** Busy times of manager and employee together. */
  busy: readonly Interval[];
  /** Slot starts not to propose again ("Andere tijden"). */
  skip?: readonly Date[];
  settings?: SlotSettings;
  calendar: WorkingCalendar;
}

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/** One free slot per talk, or `none` when its window holds no free slot. */
export function proposeSlots(input: ProposeInput): SlotProposal[] {
  const settings = input.settings ?? defaultSlotSettings;
  const earliest = new Date(input.now.getTime() + settings.leadMinutes * 60_000);
  const skipped = new Set((input.skip ?? []).map((date) => date.getTime()));
  const taken: Interval[] = [...input.busy];
  return talkNumbers.map((talk) => {
    for (const day of candidateDays(talk, input.incidentAt, input.calendar)) {
      const dayStart = DateTime.fromISO(day, { zone }).set({ hour: settings.dayStartHour });
      const dayEnd = DateTime.fromISO(day, { zone }).set({ hour: settings.dayEndHour });
      for (let start = dayStart; start.plus({ minutes: settings.durationMinutes }) <= dayEnd;) {
        const slot = { start: start.toJSDate(), end: start.plus({ minutes: settings.durationMinutes }).toJSDate() };
        start = start.plus({ minutes: settings.stepMinutes });
        if (slot.start < earliest || skipped.has(slot.start.getTime())) continue;
        if (taken.some((busy) => overlaps(busy, slot))) continue;
        taken.push(slot);
        return { talk, ...slot };
      }
    }
    return { talk, none: true as const };
  });
}
