import type { DutyStatement, RosterDay } from './duty-rules';

/** Where duty statements and the roster live (Table Storage), shared by every instance. */
export interface DutyStore {
  /** Keeps a member's latest statement; an older one is replaced. */
  saveStatement(statement: DutyStatement): Promise<void>;
  statements(): Promise<DutyStatement[]>;
  saveRosterDay(day: RosterDay): Promise<void>;
  /** Takes a day off the roster: the default rule applies again. */
  removeRosterDay(date: string): Promise<void>;
  rosterDay(date: string): Promise<RosterDay | undefined>;
  /** Roster days on or after `date` (yyyy-MM-dd), in date order. */
  rosterFrom(date: string): Promise<RosterDay[]>;
}
