import { sameEntraId } from '../shared/people';
import type { Role } from '../shared/roles';
import type { IncidentRow } from './overview-stats';

/**
 * Who may see what in the Overzicht tab. Pure: a viewer and rows in, the rows they may see out.
 *
 * The protocol names who receives a report: the manager ("De leidinggevende ... vult samen met de
 * medewerker het meldingsformulier in"), P&O ("A copy goes to P&O", it receives a copy of every
 * registration) and the Halteam coordinator. The MO / Arbo-coördinator reviews all reports once a year
 * for "insight into kinds, places and numbers of incidents": numbers, not names. The aggressor's
 * identity is kept for repeat detection and shown to the manager only (report-model), and to the
 * coordinator who keeps the register of measures.
 */
export type OverviewRole = 'coordinator' | 'po' | 'mo';

export const roleLabels: Record<OverviewRole, string> = {
  coordinator: 'Coördinator',
  po: 'P&O',
  mo: 'MO / Arbo-coördinator',
};

export interface Viewer {
  aadObjectId: string;
  name: string;
  roles: OverviewRole[];
}

/** The viewer's roles in the tab, from their roles in the bot (the Roles service). */
export function overviewRoles(roles: ReadonlySet<Role>): OverviewRole[] {
  const tabRoles: OverviewRole[] = [];
  if (roles.has('overview-coordinator')) tabRoles.push('coordinator');
  if (roles.has('po')) tabRoles.push('po');
  if (roles.has('mo')) tabRoles.push('mo');
  return tabRoles;
}

/** Coordinator, P&O and MO see every incident; anyone else only those where they are the manager. */
export function seesAll(viewer: Viewer): boolean {
  return viewer.roles.length > 0;
}

export function managesIncident(viewer: Viewer, row: Pick<IncidentRow, 'managerAadObjectId'>): boolean {
  return sameEntraId(row.managerAadObjectId, viewer.aadObjectId);
}

export function mayOpen(viewer: Viewer, row: Pick<IncidentRow, 'managerAadObjectId'>): boolean {
  return seesAll(viewer) || managesIncident(viewer, row);
}

/** The viewer may use the tab at all: a role, or manager of at least one incident. */
export function mayUseOverview(viewer: Viewer, rows: readonly Pick<IncidentRow, 'managerAadObjectId'>[]): boolean {
  return seesAll(viewer) || rows.some((row) => managesIncident(viewer, row));
}

export function seesVictimName(viewer: Viewer, row: Pick<IncidentRow, 'managerAadObjectId'>): boolean {
  return viewer.roles.includes('coordinator') || viewer.roles.includes('po') || managesIncident(viewer, row);
}

export function seesAggressor(viewer: Viewer, row: Pick<IncidentRow, 'managerAadObjectId'>): boolean {
  return viewer.roles.includes('coordinator') || managesIncident(viewer, row);
}

/** A row as this viewer may see it: names and free text (which may hold names) removed where not allowed. */
export type VisibleRow = Omit<IncidentRow, 'victimName' | 'aggressor' | 'description' | 'managerAadObjectId'> & {
  victimName?: string;
  aggressor?: string;
  description?: string;
  /** True when the viewer sees the victim's name and the description. */
  namesShown: boolean;
  /** True when the viewer may see the aggressor's identity (it may still be unknown). */
  aggressorShown: boolean;
};

export function visibleRow(viewer: Viewer, row: IncidentRow): VisibleRow {
  const { victimName, aggressor, description, managerAadObjectId: _manager, ...rest } = row;
  const names = seesVictimName(viewer, row);
  return {
    ...rest,
    victimName: names ? victimName : undefined,
    description: names ? description : undefined,
    aggressor: seesAggressor(viewer, row) ? aggressor : undefined,
    namesShown: names,
    aggressorShown: seesAggressor(viewer, row),
  };
}

export function visibleRows(viewer: Viewer, rows: readonly IncidentRow[]): IncidentRow[] {
  return rows.filter((row) => mayOpen(viewer, row));
}
