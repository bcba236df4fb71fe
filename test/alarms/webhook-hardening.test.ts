import net, { type AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { TableClient } from '@azure/data-tables';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type restify from 'restify';
import type { Button } from '../../bot/alarms/button-model';
import { rotateButtonSecret } from '../../bot/alarms/button-admin';
import { createServer } from '../../bot/platform/http/create-server';
import { processActivities } from '../../bot/platform/teams/create-adapter';
import { createLogger } from '../../bot/shared/logger';
import { alarmCards, press, rawRequest, registerButton, signedPress, storeOf } from '../support/buttons';
import { TcpProxy } from '../support/tcp-proxy';
import { bindChannel, halteamChannel, startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';

const wrongSecret = 'whsec_d3Jvbmd3cm9uZ3dyb25nd3Jvbmd3cm9uZ3dyb25nISE=';

async function alive(test: TestApp): Promise<void> {
  const health = await fetch(`${test.url}/healthz`);
  expect(health.status).toBe(200);
}

async function nothingStored(test: TestApp): Promise<void> {
  await test.app.alarms.idle();
  expect(await storeOf(test).alarmsSince(new Date(0))).toEqual([]);
  expect(alarmCards(test)).toEqual([]);
}

/** Counts the reads of the alarms table that actually go to storage (the real client, not a stand-in). */
async function countStorageReads(test: TestApp): Promise<() => number> {
  const client: TableClient = await test.app.tables.table('alarms');
  const getEntity = jest.spyOn(client, 'getEntity');
  const listEntities = jest.spyOn(client, 'listEntities');
  return () => getEntity.mock.calls.length + listEntities.mock.calls.length;
}

describe('the HTTP edge', () => {
  let test: TestApp;
  let button: Button;

  beforeEach(async () => {
    test = await startTestApp();
    await bindChannel(test, 'halteam', halteamChannel);
    button = await registerButton(test);
  });
  afterEach(stopAllTestApps);

  describe('compressed bodies', () => {
    it.each([
      ['the button webhook', () => `/api/buttons/${button.id}/events`],
      ['the bot endpoint', () => '/api/messages'],
    ])('%s refuses gzip that is not gzip with 415, and the service stays up', async (_name, path) => {
      const response = await rawRequest(test.url, {
        path: path(),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: Buffer.from('this is not gzip at all, just junk bytes \u0000\u00ff'),
      });
      expect(response.status).toBe(415);
      await alive(test);
      await nothingStored(test);
    });

    it('refuses a correctly signed press sent gzipped (415), and stores nothing', async () => {
      const { body, headers } = signedPress(button);
      const response = await rawRequest(test.url, {
        path: `/api/buttons/${button.id}/events`,
        headers: { ...headers, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipSync(body),
      });
      expect(response.status).toBe(415);
      expect(JSON.parse(response.body)).toEqual({ error: 'content encoding not supported' });
      await nothingStored(test);
    });

    it.each(['deflate', 'br', 'GZIP', 'gzip, identity', 'x-unknown'])(
      'refuses Content-Encoding %s (415)',
      async (encoding) => {
        const { body, headers } = signedPress(button);
        const response = await rawRequest(test.url, {
          path: `/api/buttons/${button.id}/events`,
          headers: { ...headers, 'content-type': 'application/json', 'content-encoding': encoding },
          body,
        });
        expect(response.status).toBe(415);
        await alive(test);
        await nothingStored(test);
      },
    );

    it('accepts Content-Encoding identity', async () => {
      const { body, headers } = signedPress(button);
      const response = await rawRequest(test.url, {
        path: `/api/buttons/${button.id}/events`,
        headers: { ...headers, 'content-type': 'application/json', 'content-encoding': 'identity' },
        body,
      });
      expect(response.status).toBe(202);
    });

    it('survives a client that goes away half way through a body', async () => {
      const { headers } = signedPress(button);
      await new Promise<void>((resolve) => {
        const socket = net.connect(Number(new URL(test.url).port), '127.0.0.1', () => {
          socket.write(
            `POST /api/buttons/${button.id}/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
              Object.entries(headers)
                .map(([name, value]) => `${name}: ${value}\r\n`)
                .join('') +
              'Content-Length: 3000\r\n\r\n{"type":"pr',
          );
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 50);
        });
      });
      await alive(test);
      expect((await press(test, button)).status).toBe(202);
    });
  });

  describe('what the hardware may send', () => {
    it.each([
      ['no Content-Type', null],
      ['application/octet-stream', 'application/octet-stream'],
      ['text/plain', 'text/plain'],
      ['application/json; charset=utf-8', 'application/json; charset=utf-8'],
    ])('accepts a correctly signed press with %s (202)', async (_name, contentType) => {
      const response = await press(test, button, { contentType });
      expect(response.status).toBe(202);
      await test.app.alarms.idle();
      expect(alarmCards(test)).toHaveLength(1);
    });

    it('refuses a press with application/octet-stream and a wrong signature (401)', async () => {
      const response = await press(test, button, { contentType: 'application/octet-stream', secret: wrongSecret });
      expect(response.status).toBe(401);
      await nothingStored(test);
    });

    it('accepts the bearer scheme in any case (RFC 7235)', async () => {
      const token = await registerButton(test, 'raadzaal', { authMode: 'token', kind: 'paniekknop' });
      for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
        const response = await press(test, token, {
          type: 'heartbeat',
          headers: { authorization: `${scheme} ${token.secret}` },
        });
        expect(response.status).toBe(202);
      }
      expect((await press(test, token, { headers: { authorization: `bearer ${wrongSecret}` } })).status).toBe(401);
      expect((await press(test, token, { headers: { authorization: `Basic ${token.secret}` } })).status).toBe(401);
    });

    it.each([
      ['in 1970', '1970-01-01T00:00:00Z'],
      ['in 9999', '9999-12-31T23:59:59Z'],
      ['25 hours ago', () => new Date(Date.now() - 25 * 3_600_000).toISOString()],
      ['ten minutes ahead', () => new Date(Date.now() + 10 * 60_000).toISOString()],
    ])('refuses a press whose pressedAt is %s (400 with the reason)', async (_name, pressedAt) => {
      const at = typeof pressedAt === 'function' ? pressedAt() : pressedAt;
      const response = await press(test, button, { body: JSON.stringify({ type: 'press', pressedAt: at }) });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/pressedAt: .*24 hours.*5 minutes/);
      await nothingStored(test);
    });

    it.each([
      ['23 hours ago', -23 * 3_600_000],
      ['four minutes ahead', 4 * 60_000],
    ])('accepts a pressedAt %s', async (_name, offset) => {
      const pressedAt = new Date(Date.now() + offset).toISOString();
      const response = await press(test, button, { body: JSON.stringify({ type: 'press', pressedAt }) });
      expect(response.status).toBe(202);
    });
  });

  describe('unknown buttons', () => {
    it('answers an unknown button exactly like a failed authentication (401, same body)', async () => {
      const unknown = await press(test, { ...button, id: 'kantine-3' });
      const wrong = await press(test, button, { secret: wrongSecret });
      const malformed = await press(test, { ...button, id: 'Not_A_Valid_Id' });
      expect([unknown.status, wrong.status, malformed.status]).toEqual([401, 401, 401]);
      const bodies = [await unknown.text(), await wrong.text(), await malformed.text()];
      expect(bodies[0]).toBe(bodies[1]);
      expect(bodies[2]).toBe(bodies[1]);
      expect(unknown.headers.get('content-type')).toBe(wrong.headers.get('content-type'));
      await nothingStored(test);
    });
  });

  describe('junk before storage', () => {
    it('re-reads a button from storage at most once per 5 s on failed authentications', async () => {
      expect((await press(test, button, { type: 'heartbeat' })).status).toBe(202); // the button is known now
      const reads = await countStorageReads(test);
      const statuses: number[] = [];
      for (let client = 0; client < 40; client++) {
        const response = await press(test, button, {
          secret: wrongSecret,
          extraHeaders: { 'x-forwarded-for': `198.51.100.${client}` },
        });
        statuses.push(response.status);
      }
      expect(new Set(statuses)).toEqual(new Set([401]));
      expect(reads()).toBeLessThanOrEqual(1);
      await nothingStored(test);
    });

    it('still sees a secret rotated by another process (the first failure re-reads it)', async () => {
      expect((await press(test, button, { type: 'heartbeat' })).status).toBe(202);
      const rotated = await rotateButtonSecret(button.id, { store: storeOf(test), clock: test.app.clock });
      expect((await press(test, rotated, { type: 'heartbeat' })).status).toBe(202);
    });

    it('does not read storage for every request to the same unknown button', async () => {
      const reads = await countStorageReads(test);
      const statuses: number[] = [];
      for (let client = 0; client < 40; client++) {
        const response = await press(
          test,
          { ...button, id: 'kantine-3' },
          {
            extraHeaders: { 'x-forwarded-for': `198.51.100.${client}` },
          },
        );
        statuses.push(response.status);
      }
      expect(new Set(statuses)).toEqual(new Set([401]));
      expect(reads()).toBeLessThanOrEqual(1);
    });

    it('answers 429 with Retry-After to a client after 20 failed authentications, before any storage read', async () => {
      // Not pressed yet: this process has not seen it (registered after the start).
      const newcomer = await registerButton(test, 'nbg24', { kind: 'paniekknop', location: 'Spreekkamer NBG24' });
      const attacker = { 'x-forwarded-for': '203.0.113.7' };
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 20; attempt++) {
        statuses.push((await press(test, { ...button, id: `junk-${attempt}` }, { extraHeaders: attacker })).status);
      }
      expect(new Set(statuses)).toEqual(new Set([401]));
      const reads = await countStorageReads(test);
      for (let attempt = 20; attempt < 60; attempt++) {
        const response = await press(test, { ...button, id: `junk-${attempt}` }, { extraHeaders: attacker });
        expect(response.status).toBe(429);
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect((await press(test, button, { secret: wrongSecret, extraHeaders: attacker })).status).toBe(429);
      // At most: the list of button ids once, the known button once, and its re-read (a rotation) once.
      expect(reads()).toBeLessThanOrEqual(3);

      // Another client is not limited; valid presses from the same address never are (buttons behind one NAT).
      expect(
        (await press(test, button, { secret: wrongSecret, extraHeaders: { 'x-forwarded-for': '203.0.113.8' } })).status,
      ).toBe(401);
      expect((await press(test, button, { extraHeaders: attacker })).status).toBe(202);
      expect((await press(test, newcomer, { extraHeaders: attacker })).status).toBe(202);
      await test.app.alarms.idle();
      expect(alarmCards(test)).toHaveLength(2);
    });
  });

  describe('the draft letter download', () => {
    it('answers 429 with Retry-After after 30 downloads a minute from one client, not to others', async () => {
      const url = `${test.url}/api/measures/letters/${'a'.repeat(24)}`;
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 30; attempt++) {
        statuses.push((await fetch(url, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status);
      }
      expect(new Set(statuses)).toEqual(new Set([404]));
      const limited = await fetch(url, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await fetch(url, { headers: { 'x-forwarded-for': '203.0.113.10' } })).status).toBe(404);
    });
  });
});

describe('a storage outage', () => {
  let proxy: TcpProxy;
  let test: TestApp;

  beforeEach(async () => {
    proxy = await TcpProxy.forAzurite().start();
    test = await startTestApp({ env: { STORAGE_CONNECTION_STRING: proxy.storageConnectionString } });
    await bindChannel(test, 'halteam', halteamChannel);
  });
  afterEach(async () => {
    proxy.restore();
    await stopAllTestApps();
    await proxy.stop();
  });

  function withoutInternals(body: string): void {
    expect(body).not.toContain('127.0.0.1');
    expect(body).not.toContain('http');
    expect(body).not.toContain(String(proxy.port));
  }

  it.each([
    ['a button not read yet, storage hanging', false, 'blackhole'],
    ['a button read before, storage hanging', true, 'blackhole'],
    ['a button not read yet, storage refusing', false, 'refuse'],
    ['a button read before, storage refusing', true, 'refuse'],
  ] as const)(
    'answers 503 with Retry-After within 2 s for %s, and the retry after it stores one alarm',
    async (_n, warm, mode) => {
      const button = await registerButton(test);
      if (warm) expect((await press(test, button, { type: 'heartbeat' })).status).toBe(202);
      proxy.cut(mode);

      const started = performance.now();
      const response = await press(test, button, { webhookId: 'msg_during_outage' });
      const elapsed = performance.now() - started;
      const body = await response.text();
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(JSON.parse(body)).toEqual({ error: 'storage unavailable' });
      withoutInternals(body);
      expect(elapsed).toBeLessThan(2_000);

      proxy.restore();
      // The hardware retries with the same webhook-id: one alarm, one card.
      let retried: Response | undefined;
      for (let attempt = 0; attempt < 20 && retried?.status !== 202; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250));
        retried = await press(test, button, { webhookId: 'msg_during_outage' });
      }
      expect(retried?.status).toBe(202);
      const deadline = Date.now() + 10_000;
      while (alarmCards(test).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await test.app.alarms.idle();
      expect(await storeOf(test).alarmsSince(new Date(0))).toHaveLength(1);
      expect(alarmCards(test)).toHaveLength(1);
    },
    30_000,
  );

  it('answers a bad signature during the outage with 401 or 503, never 500, without internals', async () => {
    const button = await registerButton(test);
    expect((await press(test, button, { type: 'heartbeat' })).status).toBe(202);
    proxy.cut();
    for (const options of [{ secret: wrongSecret }, { headers: {} }]) {
      const started = performance.now();
      const response = await press(test, button, options);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect([401, 503]).toContain(response.status);
      withoutInternals(await response.text());
    }
    const unknown = await press(test, { ...button, id: 'kantine-3' });
    expect([401, 503]).toContain(unknown.status);
    withoutInternals(await unknown.text());
  }, 30_000);

  it('never leaks an error message in a 500 from any route: the letter download while storage refuses', async () => {
    proxy.cut('refuse');
    const response = await fetch(`${test.url}/api/measures/letters/${'a'.repeat(24)}`);
    expect(response.status).toBeGreaterThanOrEqual(500);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: 'internal error' });
    withoutInternals(body);
  }, 60_000);
});

describe('the server error handler', () => {
  async function listening(server: restify.Server): Promise<string> {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('answers a failing turn on /api/messages with a generic 500, and a malformed activity with 400', async () => {
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const server = createServer({
      // The SDK's own adapter, anonymous (no app id), with a turn that fails.
      processActivity: processActivities(
        new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
        async () => {
          throw new Error('connect ECONNREFUSED 10.1.2.3:443 (tenant secret s3cr3t)');
        },
      ),
      isReady: async () => ({ ready: true }),
      logger: createLogger('silent'),
    });
    const url = await listening(server);
    try {
      const activity = {
        type: 'message',
        id: 'a1',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: '29:x' },
        recipient: { id: '28:bot' },
        conversation: { id: 'a:x' },
        text: 'help',
      };
      const failed = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(failed.status).toBe(500);
      expect(await failed.json()).toEqual({ error: 'internal error' });

      const malformed = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 5, conversation: 'x' }),
      });
      expect(malformed.status).toBe(400);
      expect(await malformed.text()).not.toMatch(/ZodError|expected|at /);
    } finally {
      quiet.mockRestore();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('answers 500 with a generic body and logs the error, for any route', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    const server = createServer({
      processActivity: async () => undefined,
      isReady: async () => ({ ready: true }),
      logger,
      routes: [
        (mounted: restify.Server) => {
          mounted.get('/boom', async () => {
            throw new Error('connect ECONNREFUSED 10.1.2.3:443 at http://storage.internal/');
          });
        },
      ],
    });
    const url = await listening(server);
    try {
      const response = await fetch(`${url}/boom`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: 'internal error' });
      expect(lines.join('')).toContain('ECONNREFUSED 10.1.2.3');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
