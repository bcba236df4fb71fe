import { DateTime } from 'luxon';
import type { TeamMember } from '../shared/messenger';
import { knownAs } from '../shared/people';
import { localParts, zone } from '../shared/time-format';
import { parseWorkingHours, type WorkingCalendar, type WorkingHours } from '../shared/working-days';

/**
 * Who of the Halteam is on duty. Protocol Hoofdstuk 3: "Tijdens werktijden zijn minimaal twee leden
 * van het Halteam aanwezig en bereikbaar; in rustige perioden (vakanties) wordt een rooster gemaakt."
 *
 * The rule, per member, at a moment (first that applies wins):
 * 1. the member's own statement of today (`dienst`/`aanwezig` until the end of the day, `afwezig`
 *    until the given time or the end of the day);
 * 2. the coordinator's roster for that day (holiday periods): on duty when on it, off when not;
 * 3. otherwise: on duty during working hours on working days (the one calendar of
 *    `shared/working-days.ts`: no weekends, public holidays, 5 May or municipal closing days), off outside them.
 */
export const minimumOnDuty = 2;

export { parseWorkingHours, type WorkingHours };

/** What a member told the bot: `dienst`/`aanwezig` or `afwezig [tot HH:MM]`. */
export interface DutyStatement {
  memberId: string;
  name: string;
  status: 'aanwezig' | 'afwezig';
  at: string;
  /** When the statement ends; the end of the local day when not given. */
  until: string;
}

/** A coordinator's roster for one day (yyyy-MM-dd, Europe/Amsterdam). */
export interface RosterDay {
  date: string;
  memberIds: string[];
  by: string;
  at: string;
}

export type DutyReason = 'zelf-aanwezig' | 'zelf-afwezig' | 'rooster' | 'werktijd' | 'buiten-werktijd';

export interface MemberDuty {
  member: TeamMember;
  onDuty: boolean;
  reason: DutyReason;
  /** For a statement: until when it holds. */
  until?: string;
}

function minutesOf(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Working hours on a working day of the calendar. */
export function withinWorkingHours(at: Date, hours: WorkingHours, calendar: WorkingCalendar): boolean {
  if (!calendar.isWorkingDay(at)) return false;
  const local = localParts(at);
  const minute = local.hour * 60 + local.minute;
  return minute >= minutesOf(hours.start) && minute < minutesOf(hours.end);
}

/** The moment working hours start on the local day of `at`. */
export function workingHoursStart(at: Date, hours: WorkingHours): Date {
  const [hour = 8, minute = 0] = hours.start.split(':').map(Number);
  return DateTime.fromJSDate(at, { zone }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

/** Whether coverage matters now: working hours, or a day a coordinator made a roster for. */
export function dutyApplies(
  at: Date,
  hours: WorkingHours,
  roster: RosterDay | undefined,
  calendar: WorkingCalendar,
): boolean {
  return roster !== undefined || withinWorkingHours(at, hours, calendar);
}

/**
 * The end of a statement made at `at`: "tot 13:00" is 13:00 today, or tomorrow when that time has
 * passed; without a time, the end of the day.
 */
export function statementUntil(at: Date, untilClock?: string): Date {
  const local = DateTime.fromJSDate(at, { zone });
  if (!untilClock) return local.endOf('day').toJSDate();
  const [hour = 0, minute = 0] = untilClock.split(':').map(Number);
  let until = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (until <= local) until = until.plus({ days: 1 });
  return until.toJSDate();
}

export function dutyAt(input: {
  members: readonly TeamMember[];
  statements: readonly DutyStatement[];
  roster: RosterDay | undefined;
  now: Date;
  hours: WorkingHours;
  calendar: WorkingCalendar;
}): MemberDuty[] {
  const now = input.now.toISOString();
  const working = withinWorkingHours(input.now, input.hours, input.calendar);
  return input.members.map((member): MemberDuty => {
    const statement = input.statements
      .filter((candidate) => knownAs(member, candidate.memberId) && candidate.at <= now && now < candidate.until)
      .sort((a, b) => b.at.localeCompare(a.at))[0];
    if (statement) {
      return statement.status === 'aanwezig'
        ? { member, onDuty: true, reason: 'zelf-aanwezig', until: statement.until }
        : { member, onDuty: false, reason: 'zelf-afwezig', until: statement.until };
    }
    if (input.roster) {
      return { member, onDuty: input.roster.memberIds.some((id) => knownAs(member, id)), reason: 'rooster' };
    }
    return working
      ? { member, onDuty: true, reason: 'werktijd' }
      : { member, onDuty: false, reason: 'buiten-werktijd' };
  });
}

export interface Coverage {
  onDuty: TeamMember[];
  notOnDuty: TeamMember[];
  short: boolean;
}

export function coverageOf(duty: readonly MemberDuty[]): Coverage {
  const onDuty = duty.filter((entry) => entry.onDuty).map((entry) => entry.member);
  const notOnDuty = duty.filter((entry) => !entry.onDuty).map((entry) => entry.member);
  return { onDuty, notOnDuty, short: onDuty.length < minimumOnDuty };
}

/** Teams members narrowed to the configured Halteam list (HALTEAM_MEMBERS), when one is set. */
export function halteamMembers(team: readonly TeamMember[], configured: readonly string[]): TeamMember[] {
  if (configured.length === 0) return [...team];
  const wanted = configured.map((id) => id.toLowerCase());
  return team.filter(
    (member) =>
      wanted.includes(member.id.toLowerCase()) ||
      (member.aadObjectId !== undefined && wanted.includes(member.aadObjectId.toLowerCase())),
  );
}
