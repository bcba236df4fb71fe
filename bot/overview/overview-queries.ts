import { DateTime } from 'luxon';
import { kindLabels, type AlarmStore } from '../alarms';
import type { IncidentReport } from '../reports';
import type { Clock } from '../shared/clock';
import { zone } from '../shared/time-format';
import { visibleRow, type Viewer } from './overview-access';
import type { AuditLog } from './overview-audit-table';
import { exportCsv } from './overview-export';
import { alarmStats, filterRows, incidentStats, type IncidentFilter, type IncidentRow } from './overview-stats';

/** What the tab's questions read: the viewer, every report (for repeat counts) and the rows they may see. */
export interface ViewerRows {
  viewer: Viewer;
  reports: readonly IncidentReport[];
  rows: readonly IncidentRow[];
}

interface QueryDeps {
  audit: AuditLog;
  clock: Clock;
}

/** The register, filtered: the list holds descriptions and names where the viewer may see them, so the read is audited. */
export async function listIncidents(found: ViewerRows, filter: IncidentFilter, deps: QueryDeps) {
  const rows = filterRows(found.rows, filter);
  await deps.audit.recordListRead({
    at: deps.clock.now(),
    viewerAadObjectId: found.viewer.aadObjectId,
    viewerName: found.viewer.name,
    roles: found.viewer.roles,
    filter: Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, String(value)])),
    rows: rows.length,
  });
  return {
    places: [...new Set(found.rows.map((row) => row.place))].sort(),
    incidents: rows.map((row) => visibleRow(found.viewer, row)),
    stats: incidentStats(rows, found.reports),
  };
}

/** An export holds what the detail holds (names where allowed): each exported incident is audited. */
export async function exportIncidents(found: ViewerRows, filter: IncidentFilter, deps: QueryDeps) {
  const rows = filterRows(found.rows, filter).map((row) => visibleRow(found.viewer, row));
  const at = deps.clock.now();
  await Promise.all(
    rows.map((row) =>
      deps.audit.recordRead({
        at,
        via: 'export',
        viewerAadObjectId: found.viewer.aadObjectId,
        viewerName: found.viewer.name,
        roles: found.viewer.roles,
        incident: row.number,
      }),
    ),
  );
  return { name: `incidenten-${filter.from ?? 'begin'}-tot-${filter.to ?? 'nu'}.csv`, body: exportCsv(rows) };
}

/** Without a start date the alarm figures cover the last 400 days (a year and its month before). */
const defaultAlarmWindowDays = 400;

/** Alarm response times in the filter's days (Dutch local days) and every button's last signs of life. */
export async function alarmOverview(
  filter: IncidentFilter,
  deps: { alarms: Pick<AlarmStore, 'alarmsSince' | 'listButtons'>; clock: Clock },
) {
  const since = filter.from
    ? new Date(`${filter.from}T00:00:00Z`)
    : new Date(deps.clock.now().getTime() - defaultAlarmWindowDays * 86_400_000);
  // A day earlier in UTC, so the first local day is whole whatever the offset; the filter below is exact.
  since.setUTCDate(since.getUTCDate() - 1);
  const alarms = (await deps.alarms.alarmsSince(since)).filter((alarm) => {
    const localDay = DateTime.fromISO(alarm.receivedAt, { zone }).toFormat('yyyy-MM-dd');
    return (!filter.from || localDay >= filter.from) && (!filter.to || localDay <= filter.to);
  });
  const buttons = await deps.alarms.listButtons();
  return {
    stats: alarmStats(alarms),
    buttons: buttons
      .map((button) => ({
        id: button.id,
        kind: kindLabels[button.kind],
        location: button.location,
        lastTestAt: button.lastTestAt,
        lastHeartbeatAt: button.lastHeartbeatAt,
        lastPressAt: button.lastPressAt,
      }))
      .sort((a, b) => a.location.localeCompare(b.location)),
  };
}
