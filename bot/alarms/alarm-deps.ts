import type { HalteamRoster } from '../halteam/roster';
import type { JobScheduler } from '../platform/scheduler/scheduler-types';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Messenger } from '../shared/messenger';
import type { ClosedAlarm, Person } from './alarm-model';
import type { AlarmStore } from './alarm-store';
import type { CardsFirst } from './cards-first';

export interface AlarmSettings {
  respondersNeeded: number;
  firstEscalationMs: number;
  secondEscalationMs: number;
  /** How long the instance that stored an alarm has to post its card before another may. */
  deliveryLeaseMs: number;
  /** Retries, past the storage SDK's own, for the writes after a card is posted (its place, the escalation jobs). */
  storageRetry: { attempts: number; baseDelayMs: number; maxDelayMs: number };
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
}
