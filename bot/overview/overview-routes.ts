import { DateTime } from 'luxon';
import restify from 'restify';
import { z } from 'zod';
import type { AftercarePlan } from '../aftercare/aftercare-model';
import type { AlarmStore } from '../alarms/alarm-store';
import { kindLabels } from '../alarms/button-model';
import { mayUseOverview, roleLabels, seesAll, visibleRow, visibleRows, type Viewer } from './overview-access';
import { devUserHeader, type Authenticator, type DevUser } from './overview-auth';
import type { MeasureRecord } from '../measures/measure-store';
import { measureKindLabels, measureKinds } from '../measures/measure-rules';
import { aftercareOverview } from './overview-aftercare';
import { exportCsv } from './overview-export';
import { alarmStats, filterRows, incidentRows, incidentStats, type IncidentFilter } from './overview-stats';
import { incidentDetail } from './overview-detail';
import { aggressionForms, formLabels, type IncidentReport } from '../reports/report-model';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { zone } from '../shared/time-format';
import type { AuditLog } from './overview-audit-table';
import { visibleSuspicions, type OutsideOverviewSource } from './overview-outside';

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
  /** Home visits and suspicions (bot/outside); absent, the tab shows no such section. */
  outside?: OutsideOverviewSource;
}

/** A date that exists on the calendar (2026-02-29 and 2026-13-01 do not), Dutch local. */
const day = z.iso.date({ error: 'geen bestaande datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-12-01' });
const oneOf = { error: 'onbekende waarde' };
const filterSchema = z
  .object({
    from: day.optional(),
    to: day.optional(),
    form: z.enum(aggressionForms, oneOf).optional(),
    place: z.string({ error: 'één plaats of kanaal tegelijk' }).max(200, { error: 'te lang' }).optional(),
    police: z.enum(['ja', 'nee', 'gebeld'], oneOf).optional(),
    aangifte: z.enum(['ja', 'nee'], oneOf).optional(),
    measure: z.enum([...measureKinds, 'geen'], oneOf).optional(),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, {
    error: 'de begindatum ligt na de einddatum',
    path: ['to'],
  });

/** The filter's query parameters as the tab names them, for the message of a 400. */
const filterLabels: Record<string, string> = {
  from: 'van',
  to: 'tot en met',
  form: 'vorm van agressie',
  place: 'plaats of kanaal',
  police: 'politie',
  aangifte: 'aangifte',
  measure: 'maatregel',
};

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

  /** The filter, or a 400 naming each bad parameter in Dutch (`error`, as the API's other answers) and by key. */
  function parseFilter(req: restify.Request, res: restify.Response): IncidentFilter | undefined {
    const parsed = filterSchema.safeParse(req.query ?? {});
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))];
      const reasons = parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? '');
        return `${filterLabels[key] ?? key} (${key}): ${issue.message}`;
      });
      res.send(400, { error: `Ongeldig filter: ${reasons.join('; ')}.`, fields });
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
      // The list holds descriptions and names where the viewer may see them: who asked what is kept.
      await deps.audit.recordListRead({
        at: deps.clock.now(),
        viewerAadObjectId: found.viewer.aadObjectId,
        viewerName: found.viewer.name,
        roles: found.viewer.roles,
        filter: Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, String(value)])),
        rows: rows.length,
      });
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
      const detail = number.success
        ? await incidentDetail(found.viewer, number.data, found, 'detail', deps)
        : ({ kind: 'unknown' } as const);
      if (detail.kind === 'unknown') {
        res.send(404, { error: 'Onbekend incident' });
        return;
      }
      if (detail.kind === 'refused') {
        res.send(403, { error: 'Je hebt geen toegang tot dit incident' });
        return;
      }
      res.send(200, { incident: detail.incident, timeline: detail.timeline });
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

    server.get('/api/overview/outside', async (req: restify.Request, res: restify.Response) => {
      const found = await context(req, res);
      if (!found) return;
      if (!deps.outside) return res.send(200, { summary: undefined, suspicions: [] });
      const since = new Date(deps.clock.now().getTime() - 400 * 86_400_000);
      const [summary, suspicions] = await Promise.all([deps.outside.summary(since), deps.outside.suspicions(since)]);
      // Linked through the viewer's own rows: a link never names an incident the viewer may not open.
      res.send(200, { summary, suspicions: visibleSuspicions(found.viewer, suspicions, found.rows) });
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
