import type { EarlierIncident, IncidentReport, Person, SamePersonAnswer } from './report-model';
import type { ReportFacts } from './repeat-rules';

export interface StoredReport {
  report: IncidentReport;
  /** The deliveries that went out (`halteam`, `manager`, `po:<id>`, …), so a retry sends only the rest. */
  delivered: string[];
  deliveryState: 'pending' | 'done';
}

/** Where submitted reports live (Table Storage). */
export interface ReportStore {
  /**
   * Stores a new report in one write together with its draft id: a draft is submitted once, so a
   * second submission of the same draft returns the report that exists.
   */
  create(report: IncidentReport): Promise<{ kind: 'created' | 'exists'; report: IncidentReport }>;
  get(number: string): Promise<StoredReport | undefined>;
  byDraft(draftId: string): Promise<IncidentReport | undefined>;
  byAlarm(alarmId: string): Promise<IncidentReport[]>;
  /** Reports about the aggressor with this key (see `aggressorKey`) whose incident was at or after `since`. */
  byAggressor(key: string, since: Date): Promise<EarlierIncident[]>;
  /**
   * Every report whose incident was at or after `since`, with what repeat detection compares
   * (repeat-rules.ts); an aggressor removed by the retention purge counts as unknown.
   */
  factsSince(since: Date): Promise<ReportFacts[]>;
  /** Records the manager's answer about an earlier report (a new answer about it replaces the old). */
  answerSamePerson(number: string, answer: SamePersonAnswer): Promise<IncidentReport | undefined>;
  markDelivered(number: string, target: string): Promise<void>;
  markDone(number: string): Promise<void>;
}

/** The yearly counter behind incident numbers; `next` never gives two callers the same value. */
export interface IncidentCounter {
  next(year: number): Promise<number>;
}

/** A draft in progress, for the reminder after a working day and the expiry after 14 days. */
export interface DraftRecord {
  draftId: string;
  user: Person;
  /** Where the conversation (and its flow state) lives. */
  conversation: { channelId: string; id: string };
  startedAt: string;
  lastActivityAt: string;
  remindedAt?: string;
}

export interface DraftStore {
  get(draftId: string): Promise<DraftRecord | undefined>;
  save(record: DraftRecord): Promise<void>;
  /** Records activity; a draft that is gone stays gone. */
  touch(draftId: string, at: Date): Promise<void>;
  markReminded(draftId: string, at: Date): Promise<void>;
  remove(draftId: string): Promise<void>;
}
