import type { PostedMessage } from '../shared/messenger';
import type { DagstartEntry } from './dagstart-card';

/** An incident's card in the dagstart channel, kept so a later measure updates it in place. */
export interface DagstartCardRecord {
  entry: DagstartEntry;
  posted: PostedMessage;
}

/** Where the dagstart keeps its cards and when the last digest went out (Table Storage). */
export interface DagstartStore {
  getCard(number: string): Promise<DagstartCardRecord | undefined>;
  saveCard(record: DagstartCardRecord): Promise<void>;
  /** The due moment of the last digest posted (ISO), to list incidents since then. */
  lastDigest(): Promise<string | undefined>;
  saveLastDigest(at: string): Promise<void>;
  /** The digest job planned last, so that a changed DAGSTART_DIGEST_TIME can replace it. */
  plannedDigest(): Promise<PlannedDigest | undefined>;
  savePlannedDigest(plan: PlannedDigest): Promise<void>;
}

/** A digest job in the scheduler: its id and the day (yyyy-MM-dd) it is for. */
export interface PlannedDigest {
  jobId: string;
  date: string;
}
