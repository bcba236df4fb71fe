import type { HalteamRoster } from '../duty';
import type { JobScheduler } from '../shared/jobs';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Messenger } from '../shared/messenger';
import type { ClosedAlarm, OpenAlarm, Person, PostedCard } from './alarm-model';
import type { AlarmStore } from './alarm-store';
import type { CardsFirst } from './cards-first';
import type { ActivityFeed } from '../shared/activity-feed';

export interface RetrySchedule {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface AlarmSettings {
  respondersNeeded: number;
  firstEscalationMs: number;
  secondEscalationMs: number;
  /** How long an instance owns an alarm's outbox work (card, escalation jobs) before another may take it; renewed while it works. */
  deliveryLeaseMs: number;
  /** How often every instance sweeps the outbox for work another left undone. */
  sweepMs: number;
  /** Retries, past the storage SDK's own, for storing the escalation jobs. */
  storageRetry: RetrySchedule;
  /** Retries for keeping where a posted card landed: long, since the card must not be posted twice. */
  cardPlaceRetry: RetrySchedule;
  /**
   * How long past its own due time level 2 waits for level 1 to go out first (a crash during level 1
   * delays it by at most a job lease); after that, reception is alerted regardless.
   */
  levelOrderGraceMs: number;
  /** Reception's people (Entra object ids): mentioned and pushed at the second escalation. */
  receptionMembers: readonly string[];
  /** Whether a test press (OEFENING) pushes the members on duty during working hours. */
  drillPushes: boolean;
  /** The tenant, for deep links to the card in activity-feed pushes. */
  tenantId?: string;
}

/** Offered to whoever closes an alarm: start the incident report for the colleague (report capability). */
export type OfferReport = (alarm: ClosedAlarm, closer: Person) => Promise<void>;

export interface AlarmDeps {
  store: AlarmStore;
  messenger: Messenger;
  roster: HalteamRoster;
  scheduler: JobScheduler;
  clock: Clock;
  logger: Logger;
  settings: AlarmSettings;
  offerReport: OfferReport;
  cardsFirst: CardsFirst;
  /** Whether a moment is within working hours on a working day (drills stay quiet outside them). */
  workingTime: (at: Date) => boolean;
  /** Activity-feed pushes (Microsoft Graph); absent when Graph is not configured. */
  feed?: ActivityFeed;
  /** This instance, in outbox leases. */
  owner: string;
  /** Presses this instance joined to an alarm whose card was still on its way (alarm id → latest). */
  joinedWhilePosting: Map<string, OpenAlarm>;
  /**
   * Cards this instance posted lately (alarm id → where it landed). A press may have read the alarm
   * just before the card's place was written and come back after the poster looked for joined
   * presses: it finds the card here and refreshes it itself.
   */
  postedLately: Map<string, PostedCard>;
}

/**
 * Sets a key in one of the small in-process maps above, dropping the oldest entry past `max`: another
 * instance may be posting the card, so these maps are kept small rather than exact.
 */
export function remember<V>(map: Map<string, V>, key: string, value: V, max = 1_000): void {
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
}
