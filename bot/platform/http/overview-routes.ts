import { DateTime } from 'luxon';
import restify from 'restify';
import { z } from 'zod';
import type { AftercarePlan } from '../../aftercare/aftercare-model';
import type { Alarm } from '../../alarms/alarm-model';
import type { AlarmStore } from '../../alarms/alarm-store';
import { kindLabels } from '../../alarms/button-model';
import {
  mayOpen,
  mayUseOverview,
  roleLabels,
  seesAll,
  visibleRow,
  visibleRows,
  type Viewer,
} from '../../overview/overview-access';
import { devUserHeader, type Authenticator, type DevUser } from '../../overview/overview-auth';
import type { MeasureRecord } from '../../measures/measure-store';
import { measureKindLabels, measureKinds } from '../../measures/measure-rules';
import { aftercareOverview } from '../../overview/overview-aftercare';
import { exportCsv } from '../../overview/overview-export';
import {
  alarmStats,
  filterRows,
  incidentRows,
  incidentStats,
  type IncidentFilter,
} from '../../overview/overview-stats';
import { incidentTimeline } from '../../overview/overview-timeline';
import { aggressionForms, formLabels, type IncidentReport } from '../../reports/report-model';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { zone } from '../../shared/time-format';
import type { AuditLog } from '../storage/overview-audit-table';

export interface OverviewRouteDeps {
  authenticate: Authenticator;
  /** 'development' only without Entra settings; the page then offers the mock users. */
  signIn: 'entra' | 'development';
  devUsers(): Promise<DevUser[]>;
  reports(): Promise<IncidentReport[]>;
  /** Every measure (bot/measures). */
  measures(): Promise<MeasureRecord[]>;
  /** Every aftercare plan (bot/aftercare). */
  aftercarePlans(): Promise<AftercarePlan[]>;
  alarms: Pick<AlarmStore, 'alarmsSince' | 'listButtons' | 'getAlarm'>;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** The built tab (tab/dist); the page is not served when it is missing. */
  tabDirectory: string;
  botAppId?: string;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const filterSchema = z.object({
  from: day.optional(),
  to: day.optional(),
  form: z.enum(aggressionForms).optional(),
  place: z.string().max(200).optional(),
  police: z.enum(['ja', 'nee', 'gebeld']).optional(),
  aangifte: z.enum(['ja', 'nee']).optional(),
  measure: z.enum([...measureKinds, 'geen']).optional(),
});

const numberSchema = z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{1,6}$/);

/**
 * The Overzicht tab: its static page under `/tab/` and its JSON API under `/api/overview/`.
 * Every API call signs in first (401 without a valid token), then checks the viewer's role (403).
 */
export function overviewRoutes(deps: OverviewRouteDeps): (server: restify.Server) => void {
  async function signIn(req: restify.Request, res: restify.Response): Promise<Viewer | undefined> {
    const result = await deps.authenticate(req.headers);
    if (!result.ok) {
      deps.logger.info({ url: req.url, reason: result.reason }, 'overview sign-in refused');
      res.send(401, { error: 'Niet aangemeld' });
      return undefined;
    }
    return result.viewer;
  }

  /** The viewer, the rows they may see, and all rows (for repeat counts); 403 when they may not use the tab. */
  async function context(req: restify.Request, res: restify.Response) {
    const viewer = await signIn(req, res);
    if (!viewer) return undefined;
    const [reports, measures] = await Promise.all([deps.reports(), deps.measures()]);
    const rows = incidentRows(reports, measures);
    if (!mayUseOverview(viewer, rows)) {
      deps.logger.info({ viewer: viewer.aadObjectId }, 'overview refused: no role');
      res.send(403, { error: 'Je hebt geen toegang tot het overzicht' });
      return undefined;
    }
    return { viewer, reports, measures, rows: visibleRows(viewer, rows) };
  }

  function parseFilter(req: restify.Request, res: restify.Response): IncidentFilter | undefined {
    const parsed = filterSchema.safeParse(req.query ?? {});
    if (!parsed.success) {
      res.send(400, { error: 'Ongeldig filter' });
      return undefined;
    }
    return parsed.data;
  }

  return (server) => {
    server.get('/api/overview/config', async (_req: restify.Request, res: restify.Response) => {
      res.send(200, {
        signIn: deps.signIn,
        devUsers: deps.signIn === 'development' ? await deps.devUsers() : [],
        botAppId: deps.botAppId,
        forms: aggressionForms.map((form) => ({ key: form, label: formLabels[form] })),
        measures: measureKinds.map((kind) => ({ key: kind, label: measureKindLabels[kind] })),
      });
    });

    server.get('/api/overview/me', async (req: restify.Request, res: restify.Response) => {
      const found = await context(req, res);
      if (!found) return;
      res.send(200, {
        name: found.viewer.name,
        roles: found.viewer.roles.map((role) => roleLabels[role]),
        seesAll: seesAll(found.viewer),
      });
    });

    server.get('/api/overview/incidents', async (req: restify.Request, res: restify.Response) => {
      const found = await context(req, res);
      if (!found) return;
      const filter = parseFilter(req, res);
      if (!filter) return;
      const rows = filterRows(found.rows, filter);
      res.send(200, {
        places: [...new Set(found.rows.map((row) => row.place))].sort(),
        incidents: rows.map((row) => visibleRow(found.viewer, row)),
        stats: incidentStats(rows, found.reports),
      });
    });

    server.get('/api/overview/incidents/:number', async (req: restify.Request, res: restify.Response) => {
      const found = await context(req, res);
      if (!found) return;
      const number = numberSchema.safeParse(String(req.params.number ?? ''));
      const report = number.success ? found.reports.find((candidate) => candidate.number === number.data) : undefined;
      const row = report && incidentRows([report], found.measures)[0];
      if (!report || !row) {
        res.send(404, { error: 'Onbekend incident' });
        return;
      }
      if (!mayOpen(found.viewer, row)) {
        res.send(403, { error: 'Je hebt geen toegang tot dit incident' });
        return;
      }
      await deps.audit.recordRead({
        at: deps.clock.now(),
        via: 'detail',
        viewerAadObjectId: found.viewer.aadObjectId,
        viewerName: found.viewer.name,
        roles: found.viewer.roles,
        incident: report.number,
      });
      const alarm: Alarm | undefined =
        report.source.kind === 'alarm'
          ? await deps.alarms.getAlarm(report.source.buttonId, report.source.alarmId)
          : undefined;
      const visible = visibleRow(found.viewer, found.rows.find((candidate) => candidate.number === row.number) ?? row);
      res.send(200, {
        incident: visible,
        timeline: incidentTimeline(
          report,
          alarm,
          found.measures.filter((measure) => measure.number === report.number),
          (await deps.aftercarePlans()).find((plan) => plan.number === report.number),
          visible.namesShown,
          deps.clock.now(),
        ),
      });
    });

    server.get('/api/overview/alarms', async (req: restify.Request, res: restify.Response) => {
      const found = await context(req, res);
      if (!found) return;
      const filter = parseFilter(req, res);
      if (!filter) return;
      const since = filter.from
        ? new Date(`${filter.from}T00:00:00Z`)
        : new Date(deps.clock.now().getTime() - 400 * 86_400_000);
      since.setUTCDate(since.getUTCDate() - 1);
      const alarms = (await deps.alarms.alarmsSince(since)).filter((alarm) => {
        const localDay = DateTime.fromISO(alarm.receivedAt, { zone }).toFormat('yyyy-MM-dd');
        return (!filter.from || localDay >= filter.from) && (!filter.to || localDay <= filter.to);
      });
      const buttons = await deps.alarms.listButtons();
      res.send(200, {
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
      });
    });

    server.get('/api/overview/aftercare', async (req: restify.Request, res: restify.Response) => {
      const found = await context(req, res);
      if (!found) return;
      const visible = new Map(found.rows.map((row) => [row.number, visibleRow(found.viewer, row).namesShown]));
      res.send(200, aftercareOverview(await deps.aftercarePlans(), visible, deps.clock.now()));
    });

    server.get('/api/overview/export.csv', async (req: restify.Request, res: restify.Response) => {
      const found = await context(req, res);
      if (!found) return;
      const filter = parseFilter(req, res);
      if (!filter) return;
      const rows = filterRows(found.rows, filter).map((row) => visibleRow(found.viewer, row));
      // An export holds what the detail holds (names where allowed): each exported incident is logged.
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
      const name = `incidenten-${filter.from ?? 'begin'}-tot-${filter.to ?? 'nu'}.csv`;
      const body = exportCsv(rows);
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}"`,
        'Cache-Control': 'no-store',
      });
      res.end(body);
    });

    // The built page (tab/dist), files relative to the `*`.
    server.get('/tab/*', restify.plugins.serveStaticFiles(deps.tabDirectory, { maxAge: 0 }));
  };
}

export { devUserHeader };
