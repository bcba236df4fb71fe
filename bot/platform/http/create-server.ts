import restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from '../../shared/logger';

export interface ServerDeps {
  adapter: CloudAdapter;
  runTurn(context: TurnContext): Promise<void>;
  isReady(): Promise<{ ready: boolean; reason?: string }>;
  logger: Logger;
  /** Extra routes from capabilities (e.g. the button webhook), mounted before the server listens. */
  routes?: ReadonlyArray<(server: restify.Server) => void>;
}

export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'halteam', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.post(
    '/api/messages',
    restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }),
    async (req, res) => {
      await deps.adapter.process(req, res, (context) => deps.runTurn(context));
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

  server.on('restifyError', (req, _res, error, callback) => {
    deps.logger.warn({ method: req.method, url: req.url, status: error.statusCode, err: error }, 'request refused');
    return callback();
  });
  return server;
}
