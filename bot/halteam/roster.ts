import type { Logger } from '../shared/logger';
import type { Messenger, TeamMember } from '../shared/messenger';

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
