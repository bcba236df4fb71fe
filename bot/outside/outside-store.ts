import type { Profile, Suspicion, Visit } from './visit-model';

/** Where home visits, remembered details and suspicions live (Table Storage). */
export interface OutsideStore {
  /** Stores a new visit unless the person has an open one: then that one comes back. */
  createVisit(visit: Visit): Promise<{ created: true } | { created: false; open: Visit }>;
  getVisit(id: string): Promise<Visit | undefined>;
  openVisitOf(personId: string): Promise<Visit | undefined>;
  /** Changes a visit with optimistic concurrency; `change` returning undefined leaves it as it is. */
  updateVisit(id: string, change: (visit: Visit) => Visit | undefined): Promise<Visit | undefined>;
  visitsSince(since: Date): Promise<Visit[]>;
  allVisits(): Promise<Visit[]>;
  deleteVisit(id: string): Promise<void>;
  getProfile(personId: string): Promise<Profile | undefined>;
  saveProfile(profile: Profile): Promise<void>;
  allProfiles(): Promise<Profile[]>;
  deleteProfile(personId: string): Promise<void>;
  saveSuspicion(suspicion: Suspicion): Promise<void>;
  getSuspicion(id: string): Promise<Suspicion | undefined>;
  updateSuspicion(id: string, change: (suspicion: Suspicion) => Suspicion | undefined): Promise<Suspicion | undefined>;
  suspicionsSince(since: Date): Promise<Suspicion[]>;
  allSuspicions(): Promise<Suspicion[]>;
  deleteSuspicion(id: string): Promise<void>;
}
