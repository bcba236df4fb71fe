import restify from 'restify';
import { z } from 'zod';
import type { AftercarePlan } from '../aftercare';
import type { AlarmStore } from '../alarms';
import { mayUseOverview, roleLabels, seesAll, visibleRow, visibleRows, type Viewer } from './overview-access';
import { devUserHeader, type Authenticator, type DevUser } from './overview-auth';
import type { MeasureRecord } from '../measures';
import { measureKindLabels, measureKinds } from '../measures';
import { aftercareOverview } from './overview-aftercare';
import { incidentRows, type IncidentFilter } from './overview-stats';
import { incidentDetail } from './overview-detail';
import { alarmOverview, exportIncidents, listIncidents } from './overview-queries';
import { aggressionForms, formLabels, type IncidentReport } from '../reports';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { AuditLog } from './overview-audit-table';
import { visibleSuspicions, type OutsideOverviewSource } from './overview-outside';

/** What the overview reads of the other capabilities; the composition root wires their tables in. */
export interface OverviewSources {
  reports(): Promise<IncidentReport[]>;
  /** Every measure (bot/measures). */
  measures(): Promise<MeasureRecord[]>;
  /** Every aftercare plan (bot/aftercare). */
  aftercarePlans(): Promise<AftercarePlan[]>;
  alarms: Pick<AlarmStore, 'alarmsSince' | 'listButtons' | 'getAlarm'>;
}

export interface OverviewRouteDeps extends OverviewSources {
  authenticate: Authenticator;
  /** 'development' only without Entra settings; the page then offers the mock users. */
  signIn: 'entra' | 'development';
  devUsers(): Promise<DevUser[]>;
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
      res.send(200, await listIncidents(found, filter, deps));
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
      res.send(200, await alarmOverview(filter, deps));
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
      const { name, body } = await exportIncidents(found, filter, deps);
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
