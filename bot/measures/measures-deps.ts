import type { ReportStore } from '../reports';
import type { Clock } from '../shared/clock';
import type { ConversationStore } from '../shared/conversation-store';
import type { JobScheduler } from '../shared/jobs';
import type { Logger } from '../shared/logger';
import type { Messenger } from '../shared/messenger';
import type { MeasureStore } from './measure-store';
import type { AggressorRecords } from './retention';

/** The dagstart's side (issue 6): shows the measure on the incident's dagstart card, in place. */
export interface DagstartMeasureUpdate {
  updateMeasure(number: string, measureText: string): Promise<boolean>;
}

export interface MeasuresDeps {
  store: MeasureStore;
  reports: Pick<ReportStore, 'get' | 'factsSince'>;
  messenger: Messenger;
  conversations: Pick<ConversationStore, 'getBinding'>;
  scheduler: JobScheduler;
  clock: Clock;
  logger: Logger;
  dagstart: DagstartMeasureUpdate;
  /** PUBLIC_BASE_URL: where the manager downloads the draft letter. */
  publicBaseUrl: string;
  /** The reports' aggressor data, for the retention purge. */
  aggressorRecords: AggressorRecords;
  /** MEASURES_RETENTION_MONTHS. */
  retentionMonths: number;
}

/** Work that tells others (reception, the dagstart) after the answer; the module tracks it until done. */
export type Background = (work: Promise<unknown>) => void;
