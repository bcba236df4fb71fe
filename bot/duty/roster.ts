import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Messenger, TeamMember } from '../shared/messenger';
import { localDate } from '../shared/time-format';
import type { WorkingCalendar } from '../shared/working-days';
import { dutyAt, halteamMembers, type MemberDuty, type RosterDay, type WorkingHours } from './duty-rules';
import type { DutyStore } from './duty-store';

/** Who is in the Halteam and who is on duty now. The duty roster (dagstart issue) narrows `onDuty`. */
export interface HalteamRoster {
  members(): Promise<TeamMember[]>;
  onDuty(): Promise<TeamMember[]>;
}

/**
 * Members of the team the Halteam channel is bound in, read from Teams and kept for a few minutes:
 * an alarm must not wait for a member list, so a stale list is used while a fresh one is fetched.
 */
export function createTeamRoster(deps: {
  messenger: Messenger;
  logger: Logger;
  maxAgeMs?: number;
}): HalteamRoster & { warm(): Promise<void> } {
  const maxAgeMs = deps.maxAgeMs ?? 5 * 60_000;
  let cached: { members: TeamMember[]; at: number } | undefined;
  let fetching: Promise<TeamMember[]> | undefined;

  function fetchMembers(): Promise<TeamMember[]> {
    fetching ??= deps.messenger
      .channelMembers('halteam')
      .then((members) => {
        cached = { members, at: Date.now() };
        return members;
      })
      .finally(() => {
        fetching = undefined;
      });
    return fetching;
  }

  async function members(): Promise<TeamMember[]> {
    if (cached) {
      if (Date.now() - cached.at > maxAgeMs) {
        fetchMembers().catch((error: unknown) => deps.logger.warn({ err: error }, 'could not refresh Halteam members'));
      }
      return cached.members;
    }
    try {
      return await fetchMembers();
    } catch (error) {
      deps.logger.warn({ err: error }, 'Halteam members unknown; the alarm goes out without mentions');
      return [];
    }
  }

  return {
    members,
    onDuty: members,
    async warm() {
      await fetchMembers().catch((error: unknown) => deps.logger.info({ err: error }, 'Halteam members not read yet'));
    },
  };
}

/** The Halteam with its duty: who is a member, and who of them is on duty at a moment. */
export interface DutyRoster extends HalteamRoster {
  duty(at?: Date): Promise<MemberDuty[]>;
  rosterDay(date: string): Promise<RosterDay | undefined>;
}

/**
 * Narrows the team to the configured members (HALTEAM_MEMBERS) and applies the duty rules of
 * `duty-rules.ts`. `onDuty()` is who an alarm mentions: the members on duty now, or every member when
 * nobody is (a quiet period without a roster, or the duty table not answering), so an alarm never goes
 * out without anyone mentioned.
 */
export function createDutyRoster(deps: {
  team: HalteamRoster & { warm?: () => Promise<void> };
  store: DutyStore;
  clock: Clock;
  hours: WorkingHours;
  /** The app's calendar of working days (EXTRA_CLOSING_DAYS); without it the standard one. */
  workingDays: WorkingCalendar;
  configuredMembers: readonly string[];
  logger: Logger;
}): DutyRoster & { warm(): Promise<void> } {
  async function members(): Promise<TeamMember[]> {
    return halteamMembers(await deps.team.members(), deps.configuredMembers);
  }

  async function duty(at: Date = deps.clock.now()): Promise<MemberDuty[]> {
    const [team, statements, roster] = await Promise.all([
      members(),
      deps.store.statements(),
      deps.store.rosterDay(localDate(at)),
    ]);
    const calendar = deps.workingDays;
    return dutyAt({ members: team, statements, roster, now: at, hours: deps.hours, calendar });
  }

  return {
    members,
    duty,
    rosterDay: (date) => deps.store.rosterDay(date),
    async onDuty() {
      try {
        const onDuty = (await duty()).filter((entry) => entry.onDuty).map((entry) => entry.member);
        return onDuty.length > 0 ? onDuty : await members();
      } catch (error) {
        deps.logger.warn({ err: error }, 'duty not readable; the alarm mentions every Halteam member');
        return members();
      }
    },
    async warm() {
      await deps.team.warm?.();
    },
  };
}
