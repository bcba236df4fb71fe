import type { Person } from '../reports';
import type { AangifteStatus, MeasureKind } from './measure-rules';

/** A measure decided by the manager for an incident (Hoofdstuk 7, Afwikkeling), as stored. */
export interface MeasureRecord {
  /** Unique, e.g. `AGR-2026-0042-m1a2b3c4`. */
  id: string;
  /** The incident number. */
  number: string;
  kind: MeasureKind;
  startDate?: string;
  endDate?: string;
  /** The advice (Bijlage 9) in words, as it stood when the manager decided. */
  advised?: string;
  deviationReason?: string;
  aangifte: AangifteStatus;
  decidedBy: Person;
  decidedAt: string;
  /**
   * The aggressor's identity for reception (bans only): the one place it is shown beyond the manager
   * and the coordinator. Removed by the retention purge.
   */
  subject?: { name: string; photoUrl?: string };
  /** Unguessable key of the draft letter's download link. */
  letterKey: string;
  receptionToldAt?: string;
  /** Set with a change reception must hear of (they knew the ban); cleared once they are told. */
  tellReceptionAs?: 'changed';
  endToldAt?: string;
  purgedAt?: string;
  /**
   * How often the manager changed or extended it after the first decision (a second `maatregel`);
   * names the ban's start and end jobs of each version. 0 or absent: as first decided.
   */
  revision?: number;
  changedAt?: string;
  changedBy?: Person;
  /** The earlier versions in one line each, for the file. */
  history?: { summary: string; decidedAt: string; by: string }[];
  /** Lifted before its end, with the reason (a ban only); reception is told. */
  liftedAt?: string;
  liftedBy?: Person;
  liftReason?: string;
  liftToldAt?: string;
}

/** Schade verhalen (Hoofdstuk 7, Afwikkeling): one record per incident, updated as the claim goes. */
export interface DamageRecord {
  number: string;
  /** Euro cents. */
  amountCents: number;
  nature: 'materieel' | 'immaterieel' | 'beide';
  insurerReported: boolean;
  claimed: boolean;
  paid: boolean;
  /** Who is reminded while the claim is open: the incident's manager. */
  manager: Person;
  updatedBy: Person;
  updatedAt: string;
}

export interface MeasureStore {
  getDamage(number: string): Promise<DamageRecord | undefined>;
  saveDamage(record: DamageRecord): Promise<void>;
  save(record: MeasureRecord): Promise<void>;
  /** Stores a new measure; false (and nothing written) when one with its id is already there. */
  create(record: MeasureRecord): Promise<boolean>;
  get(id: string): Promise<MeasureRecord | undefined>;
  byIncident(number: string): Promise<MeasureRecord[]>;
  byLetterKey(key: string): Promise<MeasureRecord | undefined>;
  /** Every measure (a municipality records tens a year). */
  all(): Promise<MeasureRecord[]>;
  /** Changes a stored measure; `change` returns undefined to leave it. */
  update(id: string, change: (current: MeasureRecord) => MeasureRecord | undefined): Promise<MeasureRecord | undefined>;
}
