import type { OutsideSummary, SuspicionListing } from '../outside';
import { searchable } from '../shared/directory';
import { seesAll, type Viewer } from './overview-access';
import type { IncidentRow } from './overview-stats';

/** An incident as the viewer may see it: the aggressor only where they may (overview-access). */
type LinkRow = Pick<IncidentRow, 'number' | 'occurredAt'> & { aggressor?: string };

/** Work outside the building as the overview shows it: counts (no addresses) and suspicions (no reporter). */
export type OutsideCounts = OutsideSummary;
export type SuspicionRow = SuspicionListing;

export interface OutsideOverviewSource {
  summary(since: Date): Promise<OutsideCounts>;
  suspicions(since: Date): Promise<SuspicionRow[]>;
}

/** Incidents after a suspicion whose aggressor is the person it was about. */
export function linkedIncidents(suspicion: SuspicionRow, rows: readonly LinkRow[]): string[] {
  const about = searchable(suspicion.about);
  if (!about) return [];
  return rows
    .filter((row) => row.occurredAt >= suspicion.createdAt && row.aggressor)
    .filter((row) => {
      const aggressor = searchable(row.aggressor ?? '');
      return aggressor.length > 0 && (aggressor.includes(about) || about.includes(aggressor));
    })
    .map((row) => row.number);
}

/** Suspicions the viewer may see (the coordinator every one, a manager their own), each with its linked incidents. */
export function visibleSuspicions(viewer: Viewer, suspicions: readonly SuspicionRow[], rows: readonly LinkRow[]) {
  return suspicions
    .filter(
      (suspicion) =>
        viewer.roles.includes('coordinator') ||
        (suspicion.managerAadObjectId !== undefined && suspicion.managerAadObjectId === viewer.aadObjectId),
    )
    .map(({ managerAadObjectId: _manager, ...suspicion }) => ({
      ...suspicion,
      incidents: linkedIncidents(suspicion, rows),
    }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Counts are for everyone who may use the tab; P&O and MO see them, suspicions they do not. */
export const seesOutsideCounts = (viewer: Viewer) => seesAll(viewer);
