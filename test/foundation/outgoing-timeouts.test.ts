import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type restify from 'restify';
import type { ConversationReference } from 'botbuilder';
import { CalendarError } from '../../bot/aftercare/calendar';
import { createGraphCalendar } from '../../bot/aftercare/graph-calendar';
import { createGraphClient, GraphTimeoutError } from '../../bot/platform/graph/graph-client';
import { createServer } from '../../bot/platform/http/create-server';
import { classifyConnectorError, ConnectorTimeoutError } from '../../bot/platform/teams/connector-errors';
import { createAdapter, processActivities } from '../../bot/platform/teams/create-adapter';
import { errorCodes } from '../../bot/shared/errors';
import { createLogger } from '../../bot/shared/logger';
import { FakeConnector } from '../support/fake-connector';
import { StubAuthentication } from '../support/stub-authentication';
import { within } from '../support/waiting';

/**
 * Issue 15: every call to Teams and Graph has a time limit (undici alone waits up to 300 s for an
 * answer). Each test injects a short limit and a service that takes the request and never answers.
 */
const limitMs = 300;
const development = {
  MICROSOFT_APP_ID: undefined,
  MICROSOFT_APP_PASSWORD: undefined,
  MICROSOFT_APP_TENANT_ID: undefined,
  MICROSOFT_APP_TYPE: 'SingleTenant' as const,
  TEAMS_SERVICE_URL_HOSTS: [] as string[],
};

function logCapture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** An HTTP server that accepts every request and answers none (or only the headers). */
async function silentServer(mode: 'no-answer' | 'headers-only' = 'no-answer') {
  const open = new Set<http.ServerResponse>();
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    open.add(res);
    if (mode === 'headers-only') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"id":');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    async stop() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('calls to the Bot Connector through the SDK client', () => {
  const connector = new FakeConnector();
  let server: restify.Server | undefined;

  beforeAll(() => connector.start());
  afterAll(() => connector.stop());
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
    jest.restoreAllMocks();
  });

  async function botWith(runTurn: Parameters<typeof processActivities>[1], options = {}) {
    const capture = logCapture();
    const adapter = createAdapter(development, capture.logger, { connectorTimeoutMs: limitMs, ...options });
    server = createServer({
      processActivity: processActivities(adapter, runTurn),
      isReady: async () => ({ ready: true }),
      logger: capture.logger,
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
    const post = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: randomUUID(),
          channelId: 'msteams',
          serviceUrl: connector.url,
          text: 'help',
          from: { id: '29:someone', name: 'Iemand' },
          recipient: { id: '28:bot', name: 'Halteam' },
          conversation: { id: 'a:personal-someone', conversationType: 'personal' },
        }),
      });
    return { adapter, post, ...capture };
  }

  it('a reply in a turn ends at its limit with a ConnectorTimeoutError, retryable with an unknown outcome', async () => {
    connector.failNext(1, { kind: 'hang' });
    let failure: unknown;
    let tookMs = 0;
    const bot = await botWith(async (context) => {
      const startedAt = Date.now();
      failure = await context.sendActivity('Typ **help** om te zien wat ik kan.').catch((error: unknown) => error);
      tookMs = Date.now() - startedAt;
    });
    await within(bot.post(), 5000, 'the turn');
    expect(failure).toBeInstanceOf(ConnectorTimeoutError);
    expect(tookMs).toBeGreaterThanOrEqual(limitMs - 10);
    expect(tookMs).toBeLessThan(limitMs + 2000);
    expect(classifyConnectorError(failure)).toEqual({ retry: true, outcomeUnknown: true });
    expect(connector.calls.at(-1)).toMatchObject({ method: 'POST', answer: 'none' });
  });

  it('a turn failing that way is logged as HT1207 and sends no apology into the silence', async () => {
    connector.failNext(1, { kind: 'hang' });
    const before = connector.calls.length;
    const bot = await botWith(async (context) => {
      await context.sendActivity('Typ **help** om te zien wat ik kan.');
    });
    await within(bot.post(), 5000, 'the turn');
    expect(bot.lines).toContainEqual(
      expect.objectContaining({ msg: 'turn failed', code: errorCodes.connectorTimeout }),
    );
    expect(connector.calls.length - before).toBe(1);
  });

  it('getting the token counts too: a token service that never answers ends the proactive call at the limit', async () => {
    const capture = logCapture();
    const neverSigns = { signRequest: () => new Promise<never>(() => undefined) };
    const adapter = createAdapter(development, capture.logger, {
      connectorTimeoutMs: limitMs,
      authentication: new StubAuthentication({ credentials: neverSigns as never }),
    });
    const before = connector.calls.length;
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: { id: '19:halteam@thread.tacv2' } as ConversationReference['conversation'],
    };
    const startedAt = Date.now();
    let failure: unknown;
    await within(
      adapter.continueConversationAsync('', reference, async (context) => {
        failure = await context.sendActivity('Alarm').catch((error: unknown) => error);
      }),
      5000,
      'the proactive send',
    );
    expect(failure).toBeInstanceOf(ConnectorTimeoutError);
    expect(Date.now() - startedAt).toBeLessThan(limitMs + 2000);
    expect(connector.calls.length).toBe(before);
  });

  it('validating an incoming token that takes too long (signing keys not answering) ends in a 500, no turn', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let turns = 0;
    const bot = await botWith(
      async () => {
        turns++;
      },
      { authentication: new StubAuthentication({ authenticationDelayMs: Infinity }), authenticationTimeoutMs: limitMs },
    );
    const answer = await within(bot.post(), 5000, 'the answer');
    expect(answer.status).toBe(500);
    expect(turns).toBe(0);
  });
});

describe('calls to Microsoft Graph', () => {
  const settings = (url: string) => ({
    GRAPH_BASE_URL: `${url}/v1.0`,
    GRAPH_TENANT_ID: undefined,
    GRAPH_CLIENT_ID: undefined,
    GRAPH_CLIENT_SECRET: undefined,
  });

  it('a Graph that takes the request and never answers ends at the limit with a GraphTimeoutError', async () => {
    const graph = await silentServer();
    try {
      const client = createGraphClient(settings(graph.url), { timeoutMs: limitMs });
      const startedAt = Date.now();
      const failure = await within(
        (client?.api('/users/aad-lotte').get() as Promise<unknown>).catch((error: unknown) => error),
        5000,
        'the Graph call',
      );
      expect(failure).toBeInstanceOf(GraphTimeoutError);
      expect(failure).toMatchObject({ timeoutMs: limitMs });
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(limitMs - 10);
      expect(graph.requests()).toBe(1);
    } finally {
      await graph.stop();
    }
  });

  it.each(['no-answer', 'headers-only'] as const)(
    'the calendar retries an attempt without an answer in time (%s), then says Graph is unavailable',
    async (mode) => {
      const graph = await silentServer(mode);
      try {
        const client = createGraphClient(settings(graph.url), { timeoutMs: limitMs });
        const waits: number[] = [];
        const calendar = createGraphCalendar(client as NonNullable<typeof client>, {
          attempts: 2,
          sleep: async (ms) => void waits.push(ms),
        });
        const failure = await within(
          calendar.user('aad-lotte').catch((error: unknown) => error),
          5000,
          'the calendar',
        );
        expect(failure).toBeInstanceOf(CalendarError);
        expect(failure).toMatchObject({
          problem: 'unavailable',
          message: expect.stringContaining('no answer in time'),
        });
        expect(graph.requests()).toBe(2);
        expect(waits).toHaveLength(1);
      } finally {
        await graph.stop();
      }
    },
  );
});
