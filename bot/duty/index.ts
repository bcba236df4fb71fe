/** Duty: who is in the Halteam and who is on duty; the roster card and the coverage warning. The public face: other capabilities and the composition root import only this. */
export { createDutyModule } from './duty-module';
export { createDutyTable, withDutyCache } from './duty-table';
export { createDutyRoster, createTeamRoster, type DutyRoster, type HalteamRoster } from './roster';
export { waitAtMost } from './within';
export { withinWorkingHours } from './duty-rules';
