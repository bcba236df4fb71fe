import { DateTime } from 'luxon';
import { zone } from '../shared/time-format';
import type { Visit } from './visit-model';

/**
 * When a home visit is overdue, and what an old job may still do. Pure functions; working days do not
 * matter: visits can be in the evening or at the weekend.
 */

/** "14:30", "9.05", "9:05" → hours and minutes; undefined for anything else. */
export function parseClockTime(text: string): { hour: number; minute: number } | undefined {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

/** The longest a visit may run ahead: a clock time further away is taken as a mistake. */
export const maxAheadHours = 12;

/**
 * The next moment the clock shows `time` (today, or after midnight for a late visit), at most twelve
 * hours ahead; 'past' when that time has just gone by.
 */
export function untilFrom(time: { hour: number; minute: number }, now: Date): Date | 'past' {
  const local = DateTime.fromJSDate(now, { zone });
  let until = local.set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
  if (until <= local) until = until.plus({ days: 1 });
  if (until.diff(local, 'hours').hours > maxAheadHours) return 'past';
  return until.toJSDate();
}

export type OverdueStep = 'vraag' | 'alarm';

/** When each step is due: "Alles goed?" at the end time, the alarm after the grace. */
export function stepDueAt(until: Date, step: OverdueStep, graceMinutes: number): Date {
  return step === 'vraag' ? until : new Date(until.getTime() + graceMinutes * 60_000);
}

/** Job ids per visit and deadline: an extension schedules new ones, and the old ones find nothing to do. */
export function overdueJobId(visitId: string, until: string, step: OverdueStep): string {
  return `huisbezoek-${visitId}-${step}-${until.replace(/[^0-9]/g, '').slice(0, 12)}`;
}

/**
 * What a job for (visit, deadline, step) does now: nothing when the visit is closed, was extended
 * past that deadline, or already raised its alarm; otherwise its step. The alarm job run again after
 * a failure half way (its alarm stored, the manager not yet told) finishes its work.
 */
export function overdueDecision(
  visit: Pick<Visit, 'status' | 'until' | 'alarm'> | undefined,
  job: { until: string; step: OverdueStep },
): 'act' | 'nothing' {
  if (!visit || visit.status !== 'open') return 'nothing';
  if (visit.until !== job.until) return 'nothing';
  if (visit.alarm) {
    const unfinished = job.step === 'alarm' && visit.alarm.how === 'stil' && !visit.alarm.managerToldAt;
    return unfinished ? 'act' : 'nothing';
  }
  return 'act';
}

/** Every alarm a visit raised, the current one last. */
export function alarmIdsOf(visit: Pick<Visit, 'alarm' | 'earlierAlarmIds'>): string[] {
  return [...(visit.earlierAlarmIds ?? []), ...(visit.alarm ? [visit.alarm.id] : [])];
}

/** Overdue at `now`: open, past its end time and the grace. */
export function isOverdue(visit: Pick<Visit, 'status' | 'until'>, now: Date, graceMinutes: number): boolean {
  return visit.status === 'open' && stepDueAt(new Date(visit.until), 'alarm', graceMinutes) <= now;
}

/**
 * What is kept of the place once the visit closes: the district given, or the part after the last
 * comma when it names a place ("Dorpsstraat 1, Wognum" → "Wognum"), else "huisbezoek".
 */
export function reducedPlace(place: string, district?: string): string {
  if (district?.trim()) return district.trim();
  const parts = place.split(',');
  const last = parts.length > 1 ? (parts.at(-1) ?? '').trim() : '';
  return last && !/\d/.test(last) ? last : 'huisbezoek';
}

/** A visit open long past its end (nobody said `terug`): closed by the clean-up, its address gone. */
export const forgottenAfterHours = 12;

export function isForgotten(visit: Pick<Visit, 'status' | 'until'>, now: Date): boolean {
  return visit.status === 'open' && new Date(visit.until).getTime() + forgottenAfterHours * 3_600_000 <= now.getTime();
}

/** The visit closed: the address reduced to the district (privacy: kept only while the visit is open). */
export function closeVisit(visit: Visit, how: NonNullable<Visit['closedHow']>, at: Date): Visit {
  return {
    ...visit,
    status: 'closed',
    closedAt: at.toISOString(),
    closedHow: how,
    place: visit.placeReduced ? visit.place : reducedPlace(visit.place, visit.district),
    placeReduced: true,
  };
}

/** Reports' retention: a closed visit is removed this many months after it closed. */
export function expired(visit: Pick<Visit, 'closedAt'>, now: Date, months: number): boolean {
  if (!visit.closedAt) return false;
  return DateTime.fromISO(visit.closedAt, { zone }).plus({ months }) <= DateTime.fromJSDate(now, { zone });
}
