import { errorCodes, isHalteamError } from '../shared/errors';
import type { TeamMember } from '../shared/messenger';
import type { AlarmDeps } from './alarm-deps';
import type { Alarm } from './alarm-model';

type AudienceDeps = Pick<AlarmDeps, 'roster' | 'clock' | 'workingTime' | 'messenger' | 'logger' | 'settings'>;

/**
 * Who the card of an open alarm mentions: the members on duty (the roster gives every member when
 * nobody is, as at night). A drill (OEFENING) never wakes anyone: outside working hours it mentions
 * nobody.
 */
export async function cardAudience(alarm: Alarm, deps: AudienceDeps): Promise<TeamMember[]> {
  if (alarm.status !== 'open') return [];
  if (alarm.exercise && !deps.workingTime(deps.clock.now())) return [];
  return deps.roster.onDuty();
}

/**
 * Who an activity-feed push of a level reaches. 0 (the new alarm): the members on duty; a drill only
 * within working hours and only when drill pushes are on. 1: every member. 2: every member and
 * reception's people.
 */
export async function pushAudience(alarm: Alarm, level: 0 | 1 | 2, deps: AudienceDeps): Promise<TeamMember[]> {
  if (level === 0) {
    if (alarm.exercise && !deps.settings.drillPushes) return [];
    return cardAudience(alarm, deps);
  }
  const members = await deps.roster.members();
  return level === 1 ? members : unique([...members, ...(await receptionPeople(deps))]);
}

/**
 * Reception's people (RECEPTION_MEMBERS, Entra object ids) as Teams knows them: from the team of the
 * reception channel or of the Halteam channel, for their name and Teams id; someone neither team has is still
 * mentioned and pushed by their Entra id.
 */
export async function receptionPeople(deps: AudienceDeps): Promise<TeamMember[]> {
  const ids = deps.settings.receptionMembers;
  if (ids.length === 0) return [];
  const known: TeamMember[] = [];
  for (const role of ['receptie', 'halteam'] as const) {
    try {
      known.push(...(await deps.messenger.channelMembers(role)));
    } catch (error) {
      if (!isHalteamError(error, errorCodes.channelNotBound)) {
        deps.logger.warn({ err: error, role }, 'team members not readable; mentioning reception by Entra id');
      }
    }
  }
  return ids.map((id) => {
    const wanted = id.toLowerCase();
    const member = known.find(
      (candidate) => candidate.aadObjectId?.toLowerCase() === wanted || candidate.id.toLowerCase() === wanted,
    );
    return member ?? { id, aadObjectId: id, name: 'Receptie' };
  });
}

function unique(people: TeamMember[]): TeamMember[] {
  const seen = new Set<string>();
  return people.filter((person) => {
    const key = (person.aadObjectId ?? person.id).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
