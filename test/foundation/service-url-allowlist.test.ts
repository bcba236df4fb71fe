import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type restify from 'restify';
import { ConnectorClient, TokenCredentials } from 'botframework-connector';
import { loadConfig } from '../../bot/config/load-config';
import { createServer } from '../../bot/platform/http/create-server';
import { createConnectorRest } from '../../bot/platform/teams/connector-rest';
import { createAdapter, processActivities } from '../../bot/platform/teams/create-adapter';
import { createServiceUrlPolicy, ServiceUrlRefusedError } from '../../bot/platform/teams/service-url-policy';
import { createTeamsMessenger } from '../../bot/platform/teams/teams-messenger';
import type { ConversationReferenceJson, ConversationStore } from '../../bot/shared/conversation-store';
import { errorCodes } from '../../bot/shared/errors';
import { createLogger } from '../../bot/shared/logger';
import { FakeConnector } from '../support/fake-connector';
import { StubAuthentication } from '../support/stub-authentication';

/**
 * Issue 15: the bot's token goes only to Teams' service URLs. A local HTTP server (the fake connector)
 * stands in for a foreign host: with an app id configured, loopback is not a Teams host, so a request
 * reaching it is exactly what must not happen, and it records any Authorization header it gets.
 */
const appId = '00000000-0000-0000-0000-0000000000a1';
const production = {
  MICROSOFT_APP_ID: appId,
  MICROSOFT_APP_PASSWORD: 'app-password',
  MICROSOFT_APP_TENANT_ID: 'tenant-id',
  MICROSOFT_APP_TYPE: 'SingleTenant' as const,
  TEAMS_SERVICE_URL_HOSTS: [] as string[],
};
const development = { ...production, MICROSOFT_APP_ID: undefined };

function logCapture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  const refusals = () => lines.filter((line) => line.code === errorCodes.serviceUrlRefused);
  return { logger, lines, refusals };
}

describe('which service URLs the bot calls (the policy)', () => {
  const strict = createServiceUrlPolicy({
    allowLoopback: false,
    extraHosts: ['*.botframework.azure.cn', 'smba.example.cn'],
  });
  const dev = createServiceUrlPolicy({ allowLoopback: true });

  it.each([
    'https://smba.trafficmanager.net/emea/',
    'https://smba.trafficmanager.net/teams/',
    'https://api.botframework.com',
    'https://smba.infra.gcc.teams.microsoft.com/teams',
    'https://smba.infra.gov.teams.microsoft.us/teams',
    'https://smba.infra.dod.teams.microsoft.us/teams',
    'https://SMBA.TrafficManager.NET./amer/',
    'https://directline.botframework.azure.cn/',
    'https://smba.example.cn/',
  ])('allows %s', (url) => {
    expect(strict.refusal(url)).toBeUndefined();
  });

  it.each([
    ['a foreign host', 'https://evil.example.com/'],
    ['a lookalike suffix', 'https://smba.trafficmanager.net.evil.com/'],
    ['a lookalike host', 'https://evilbotframework.com/'],
    ['http to a Teams host', 'http://smba.trafficmanager.net/emea/'],
    ['credentials in the URL', 'https://user:pass@smba.trafficmanager.net/emea/'],
    ['loopback with an app id', 'http://127.0.0.1:3978/'],
    ['localhost with an app id', 'http://localhost:56150/'],
    ['another protocol', 'ftp://smba.trafficmanager.net/'],
    ['not a URL', 'smba.trafficmanager.net'],
    ['nothing', ''],
  ])('refuses %s', (_, url) => {
    expect(strict.refusal(url)).toEqual(expect.any(String));
  });

  it('allows the local playground on loopback only without an app id, and nothing else over http', () => {
    expect(dev.refusal('http://localhost:56150/')).toBeUndefined();
    expect(dev.refusal('http://127.0.0.1:3978')).toBeUndefined();
    expect(dev.refusal('http://[::1]:3978')).toBeUndefined();
    expect(dev.refusal('http://192.168.1.10:3978')).toEqual(expect.any(String));
    expect(dev.refusal('https://evil.example.com/')).toEqual(expect.any(String));
  });

  it('reads extra hosts for sovereign clouds from TEAMS_SERVICE_URL_HOSTS, and refuses anything but host names', () => {
    const base = { STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' };
    expect(loadConfig({ ...base }).TEAMS_SERVICE_URL_HOSTS).toEqual([]);
    expect(
      loadConfig({ ...base, TEAMS_SERVICE_URL_HOSTS: ' smba.example.cn , *.botframework.azure.cn ' })
        .TEAMS_SERVICE_URL_HOSTS,
    ).toEqual(['smba.example.cn', '*.botframework.azure.cn']);
    for (const bad of ['https://smba.example.cn', '*', 'cn', '*.cn', 'smba.example.cn/emea', 'smba.example.cn:443']) {
      expect(() => loadConfig({ ...base, TEAMS_SERVICE_URL_HOSTS: bad })).toThrow(/TEAMS_SERVICE_URL_HOSTS/);
    }
  });
});

describe('a foreign service URL in a send or an update (connector REST)', () => {
  const client = new ConnectorClient(new TokenCredentials('stub-bot-token'), {
    baseUri: 'https://api.botframework.com',
  });

  it('is refused with HT1206 before the request is signed or made, and logged', async () => {
    const { logger, refusals } = logCapture();
    const fetched: string[] = [];
    const rest = createConnectorRest(
      async (url) => {
        fetched.push(String(url));
        return new Response('{"id":"1"}', { status: 201 });
      },
      createServiceUrlPolicy({ allowLoopback: false, logger }),
    );
    const signing = jest.spyOn(client.credentials, 'signRequest');
    const sent = rest.send(client, 'https://evil.example.com/', '19:halteam@thread.tacv2', { type: 'message' });
    await expect(sent).rejects.toBeInstanceOf(ServiceUrlRefusedError);
    await expect(sent).rejects.toMatchObject({ code: errorCodes.serviceUrlRefused });
    const updated = rest.update(client, 'https://evil.example.com/', '19:halteam@thread.tacv2', '17', {
      type: 'message',
    });
    await expect(updated).rejects.toMatchObject({ code: errorCodes.serviceUrlRefused });
    expect(fetched).toEqual([]);
    expect(signing).not.toHaveBeenCalled();
    expect(refusals()).toEqual([
      expect.objectContaining({ host: 'evil.example.com', what: 'send an activity' }),
      expect.objectContaining({ host: 'evil.example.com', what: 'update an activity' }),
    ]);

    // A Teams host still goes out, signed.
    await rest.send(client, 'https://smba.trafficmanager.net/emea/', 'a:1', { type: 'message' });
    expect(fetched).toEqual(['https://smba.trafficmanager.net/emea/v3/conversations/a%3A1/activities']);
  });
});

describe('a foreign service URL in an incoming activity with a valid token', () => {
  let foreign: FakeConnector;
  let server: restify.Server | undefined;
  const quietConsole = () => jest.spyOn(console, 'error').mockImplementation(() => undefined);

  beforeEach(async () => {
    foreign = new FakeConnector();
    await foreign.start();
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
    await foreign.stop();
    jest.restoreAllMocks();
  });

  async function botWith(settings: typeof production | typeof development) {
    const capture = logCapture();
    const authentication = new StubAuthentication({ appId });
    const adapter = createAdapter(settings, capture.logger, { authentication });
    let turns = 0;
    server = createServer({
      // Answers every message, as the bot does ("help").
      processActivity: processActivities(adapter, async (context) => {
        turns++;
        await context.sendActivity('Typ **help** om te zien wat ik kan.');
      }),
      isReady: async () => ({ ready: true }),
      logger: capture.logger,
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
    const post = (serviceUrl: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer a-valid-bot-framework-token' },
        body: JSON.stringify({
          type: 'message',
          id: randomUUID(),
          channelId: 'msteams',
          serviceUrl,
          text: 'help',
          from: { id: '29:someone', name: 'Iemand' },
          recipient: { id: `28:${appId}`, name: 'Halteam' },
          conversation: { id: 'a:personal-someone', conversationType: 'personal' },
        }),
      });
    return { ...capture, authentication, post, turns: () => turns };
  }

  it('is answered 400 after the token is checked: no turn, no request to that host, no token sent, logged', async () => {
    quietConsole();
    const bot = await botWith(production);
    const answer = await bot.post(`${foreign.url}/`);
    expect(answer.status).toBe(400);
    expect(bot.authentication.authenticated).toBe(1);
    expect(bot.turns()).toBe(0);
    expect(foreign.calls).toEqual([]);
    expect(bot.refusals()).toEqual([
      expect.objectContaining({
        host: new URL(foreign.url).host,
        activityType: 'message',
        msg: expect.stringContaining('incoming activity refused'),
      }),
    ]);

    const evil = await bot.post('https://evil.example.com/');
    expect(evil.status).toBe(400);
    expect(bot.refusals()).toHaveLength(2);
    expect(bot.refusals()[1]).toMatchObject({ host: 'evil.example.com' });
    expect(JSON.stringify(bot.lines)).not.toContain('stub-bot-token');
  });

  it('development without an app id: the local playground on loopback is answered (the stand-in does get calls)', async () => {
    const bot = await botWith(development);
    expect((await bot.post(`${foreign.url}/`)).status).toBe(200);
    await foreign.waitFor((call) => call.method === 'POST');
    expect(bot.turns()).toBe(1);
    // And a foreign host is refused in development too.
    expect((await bot.post('https://evil.example.com/')).status).toBe(400);
    expect(bot.turns()).toBe(1);
  });
});

describe('a stored conversation reference naming a foreign service URL (proactive sends)', () => {
  let foreign: FakeConnector;

  beforeEach(async () => {
    foreign = new FakeConnector();
    await foreign.start();
  });
  afterEach(async () => {
    await foreign.stop();
    jest.restoreAllMocks();
  });

  function storeWith(reference: ConversationReferenceJson): ConversationStore {
    const binding = { role: 'halteam' as const, reference, boundBy: 'aad-admin', boundAt: '2026-12-01T08:00:00Z' };
    return {
      getBinding: async (role) => (role === 'halteam' ? binding : undefined),
      saveBinding: async () => undefined,
      listBindings: async () => [binding],
      getUserReference: async () => reference,
      saveUserReference: async () => undefined,
      anyReference: async () => reference,
    };
  }

  function messengerFor(serviceUrl: string) {
    const capture = logCapture();
    const adapter = createAdapter(production, capture.logger, { authentication: new StubAuthentication({ appId }) });
    const reference: ConversationReferenceJson = {
      channelId: 'msteams',
      serviceUrl,
      bot: { id: `28:${appId}`, name: 'Halteam' },
      conversation: { id: '19:halteam@thread.tacv2', conversationType: 'channel', tenantId: 'tenant-id' },
    };
    const messenger = createTeamsMessenger({
      adapter,
      conversations: storeWith(reference),
      botAppId: appId,
      logger: capture.logger,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    return { messenger, ...capture };
  }

  it('posts, updates and messages nobody there: HT1206 at once (not retried), nothing received, logged', async () => {
    const { messenger, refusals } = messengerFor(`${foreign.url}/`);
    await expect(messenger.postToChannel('halteam', { text: 'Alarm' })).rejects.toMatchObject({
      code: errorCodes.serviceUrlRefused,
    });
    await expect(
      messenger.update({ conversationId: '19:halteam@thread.tacv2', activityId: '1017' }, { text: 'Gesloten' }),
    ).rejects.toMatchObject({ code: errorCodes.serviceUrlRefused });
    await expect(messenger.sendToUser({ id: '29:someone' }, { text: 'Nazorg' })).rejects.toMatchObject({
      code: errorCodes.serviceUrlRefused,
    });
    await expect(messenger.channelMembers('halteam')).rejects.toMatchObject({ code: errorCodes.serviceUrlRefused });
    expect(foreign.calls).toEqual([]);
    expect(refusals()).toHaveLength(4);
  });

  it('never hands the token to fetch for https://evil.example.com/', async () => {
    const fetched: { url: string; authorization: string | null }[] = [];
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
      fetched.push({ url: String(url), authorization: new Headers(init?.headers).get('authorization') });
      return new Response('{"id":"1"}', { status: 201 });
    });
    const { messenger, refusals } = messengerFor('https://evil.example.com/');
    await expect(messenger.postToChannel('halteam', { text: 'Alarm', urgent: true })).rejects.toMatchObject({
      code: errorCodes.serviceUrlRefused,
    });
    expect(fetched).toEqual([]);
    expect(refusals()).toEqual([expect.objectContaining({ host: 'evil.example.com' })]);
  });
});
