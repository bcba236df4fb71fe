import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/commands';
import type { Directory } from '../shared/directory';
import type { JobScheduler } from '../shared/jobs';
import type { Logger } from '../shared/logger';
import type { Messenger } from '../shared/messenger';
import type { OutsideStore } from './outside-store';
import type { OutsidePerson } from './visit-model';

/** The alarm this capability raises, through the alarm pipeline (wired in app.ts to bot/alarms). */
export type RaiseAlarmPort = (request: {
  kind: 'teams' | 'huisbezoek';
  person: { id: string; aadObjectId?: string; name: string; phone?: string };
  /** Where, as it may be shown beyond the alarm card: the district, or "huisbezoek". */
  location: string;
  /** A home visit's address: on the alarm card only, until `forgetAlarmAddress`. */
  address?: string;
  /** The same for every retry of one request: a second delivery raises nothing new. */
  requestId: string;
  how: string;
}) => Promise<{ outcome: 'created' | 'joined' | 'duplicate'; alarmId: string }>;

export interface OutsideSettings {
  /** HOME_VISIT_GRACE_MINUTES: how long "Alles goed?" waits before the alarm. */
  graceMinutes: number;
  /** Months a closed visit or a suspicion is kept (as reports: MEASURES_RETENTION_MONTHS). */
  retentionMonths: number;
}

export interface OutsideDeps {
  store: OutsideStore;
  messenger: Messenger;
  scheduler: JobScheduler;
  clock: Clock;
  logger: Logger;
  /** Finds the manager by name (the same directory the report uses). */
  directory: Directory;
  raiseAlarm: RaiseAlarmPort;
  /** The visit closed: its address leaves the alarm card too, and `note` goes in the card's thread. */
  forgetAlarmAddress: (personId: string, alarmId: string, note?: string) => Promise<void>;
  /** The registered locations (the buttons' places), offered for a Teams alarm. */
  locations: () => Promise<string[]>;
  settings: OutsideSettings;
}

export function personOf(actor: Actor): OutsidePerson {
  return { id: actor.id, aadObjectId: actor.aadObjectId, name: actor.name };
}
