import type { AftercarePlan } from '../aftercare';
import type { Alarm } from '../alarms';
import type { AlarmStore } from '../alarms';
import type { MeasureRecord } from '../measures';
import type { AuditLog } from './overview-audit-table';
import type { IncidentReport } from '../reports';
import type { Clock } from '../shared/clock';
import { mayOpen, visibleRow, type Viewer, type VisibleRow } from './overview-access';
import { incidentRows } from './overview-stats';
import { incidentTimeline, type TimelineEntry } from './overview-timeline';

export interface IncidentDetailDeps {
  aftercarePlans(): Promise<AftercarePlan[]>;
  alarms: Pick<AlarmStore, 'getAlarm'>;
  audit: AuditLog;
  clock: Clock;
}

export type IncidentDetail =
  { kind: 'unknown' } | { kind: 'refused' } | { kind: 'found'; incident: VisibleRow; timeline: TimelineEntry[] };

/**
 * One incident's summary and timeline as this viewer may see it: the tab's detail and the chat's
 * `incident` command both come here, so both follow the same rules (overview-access) and every read
 * that shows the incident is written to the audit log first.
 */
export async function incidentDetail(
  viewer: Viewer,
  number: string,
  loaded: { reports: readonly IncidentReport[]; measures: readonly MeasureRecord[] },
  via: 'detail' | 'chat',
  deps: IncidentDetailDeps,
): Promise<IncidentDetail> {
  const report = loaded.reports.find((candidate) => candidate.number === number);
  // Every report counts for "herhaling", so the row is made from all of them.
  const row = report && incidentRows(loaded.reports, loaded.measures).find((candidate) => candidate.number === number);
  if (!report || !row) return { kind: 'unknown' };
  if (!mayOpen(viewer, row)) return { kind: 'refused' };
  await deps.audit.recordRead({
    at: deps.clock.now(),
    via,
    viewerAadObjectId: viewer.aadObjectId,
    viewerName: viewer.name,
    roles: viewer.roles,
    incident: report.number,
  });
  const alarm: Alarm | undefined =
    report.source.kind === 'alarm'
      ? await deps.alarms.getAlarm(report.source.buttonId, report.source.alarmId)
      : undefined;
  const incident = visibleRow(viewer, row);
  return {
    kind: 'found',
    incident,
    timeline: incidentTimeline(
      report,
      alarm,
      loaded.measures.filter((measure) => measure.number === report.number),
      (await deps.aftercarePlans()).find((plan) => plan.number === report.number),
      incident.namesShown,
      deps.clock.now(),
    ),
  };
}
