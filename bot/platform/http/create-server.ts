import restify from 'restify';
import type { Logger } from '../../shared/logger';
import { refuseEncodedBodies } from './request-guards';

export interface ServerDeps {
  /** Hands an activity from the Bot Connector to the Teams adapter (bot/platform/teams: processActivities). */
  processActivity(req: restify.Request, res: restify.Response): Promise<void>;
  isReady(): Promise<{ ready: boolean; reason?: string }>;
  logger: Logger;
  /** Extra routes from capabilities (e.g. the button webhook), mounted before the server listens. */
  routes?: ReadonlyArray<(server: restify.Server) => void>;
}

/** What every 5xx says: the error itself goes to the log, never to the caller (no messages, stacks, addresses). */
export const internalErrorBody = { error: 'internal error' } as const;

export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'halteam', handleUncaughtExceptions: false });
  // Before routing and before any body is read: no compressed bodies, on any route.
  server.pre(refuseEncodedBodies());
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.post(
    '/api/messages',
    // JSON only, as the Bot Connector sends it (no multipart, form or CSV parsers on an open endpoint).
    restify.plugins.bodyReader({ maxBodySize: 1024 * 1024 }),
    restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true }),
    async (req, res) => {
      // The SDK answers its own failures with the error's message as the body: not past this point.
      const send = res.send.bind(res) as (...args: unknown[]) => unknown;
      res.send = ((...args: unknown[]) => {
        if (res.statusCode < 500 || typeof args[0] === 'number') return send(...args);
        deps.logger.error({ url: req.url, status: res.statusCode, detail: String(args[0]) }, 'activity failed');
        return send(res.statusCode, internalErrorBody);
      }) as typeof res.send;
      // Without a type the SDK throws before its own error handling (a 500): it is the caller's mistake.
      const body: unknown = req.body;
      if (body && typeof body === 'object' && typeof (body as { type?: unknown }).type !== 'string') {
        deps.logger.warn({ url: req.url }, 'activity refused: no activity type');
        send(400, { error: 'not a valid activity' });
        return;
      }
      await deps.processActivity(req, res);
    },
  );

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const readiness = await deps.isReady();
    res.send(
      readiness.ready ? 200 : 503,
      readiness.ready ? { status: 'ready' } : { status: 'not ready', reason: readiness.reason },
    );
  });

  for (const mount of deps.routes ?? []) mount(server);

  // Every error a handler throws or rejects with ends here before restify answers it.
  server.on('restifyError', (req, res, error: unknown, callback: () => void) => {
    const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
    if (typeof status === 'number' && status < 500) {
      deps.logger.warn({ method: req.method, url: req.url, status, err: error }, 'request refused');
      return callback();
    }
    deps.logger.error({ method: req.method, url: req.url, err: error }, 'request failed');
    if (!res.headersSent) res.send(typeof status === 'number' ? status : 500, internalErrorBody);
    return callback();
  });
  return server;
}
