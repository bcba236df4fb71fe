import { randomUUID } from 'node:crypto';
import { createApp, type App, type AppOverrides } from '../../bot/app';
import { loadConfig } from '../../bot/config/load-config';
import { createLogger } from '../../bot/shared/logger';
import { FakeConnector } from './fake-connector';

export const tenantId = 'tenant-test';
export const admin = { id: '29:admin', aadObjectId: 'aad-admin', name: 'Sanne de Vries' };
export const colleague = { id: '29:colleague', aadObjectId: 'aad-colleague', name: 'Pieter Bakker' };
export const halteamChannel = '19:halteam@thread.tacv2';
export const dagstartChannel = '19:general@thread.tacv2';
export const receptionChannel = '19:receptie@thread.tacv2';

export interface TestApp {
  app: App;
  url: string;
  connector: FakeConnector;
  prefix: string;
  bot: BotClient;
  stop(): Promise<void>;
}

const running = new Set<TestApp>();

/** Stops every app a test started, even when the test failed half way (call from afterEach). */
export async function stopAllTestApps(): Promise<void> {
  const apps = [...running];
  running.clear();
  await Promise.all(apps.map((test) => test.stop()));
}

export function uniquePrefix(): string {
  return `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/**
 * The real application (real HTTP server, real Table Storage in Azurite) talking to an in-process
 * Bot Connector. Each call gets fresh tables unless a prefix is handed in (to test a restart).
 */
type StartOptions = { env?: Record<string, string>; prefix?: string; connector?: FakeConnector } & AppOverrides;

export async function startTestApp(options: StartOptions = {}): Promise<TestApp> {
  const connectionString = process.env.TEST_STORAGE_CONNECTION_STRING;
  if (!connectionString) throw new Error('Azurite did not start (jest global set-up)');
  const prefix = options.prefix ?? uniquePrefix();
  const config = loadConfig({
    STORAGE_CONNECTION_STRING: connectionString,
    STORAGE_TABLE_PREFIX: prefix,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    BOT_ADMINS: admin.aadObjectId,
    SCHEDULER_POLL_MS: '100',
    ...options.env,
  });
  const connector = options.connector ?? new FakeConnector();
  if (!connector.url) await connector.start();
  const app = createApp(config, {
    logger: options.logger ?? createLogger(config.LOG_LEVEL),
    runScheduler: options.runScheduler ?? false,
    messengerRetry: options.messengerRetry ?? { baseDelayMs: 5, maxDelayMs: 50 },
    alarmStorageRetry: options.alarmStorageRetry ?? { attempts: 8, baseDelayMs: 5, maxDelayMs: 50 },
    ...options,
  });
  const url = await app.start();
  const bot = new BotClient(url, connector.url);
  let stopped = false;
  const test: TestApp = {
    app,
    url,
    connector,
    prefix,
    bot,
    async stop() {
      running.delete(test);
      if (stopped) return;
      stopped = true;
      await app.stop();
      if (!options.connector) await connector.stop();
    },
  };
  running.add(test);
  return test;
}

interface Person {
  id: string;
  aadObjectId?: string;
  name: string;
}

/** Sends activities to the bot's /api/messages as Teams would, with the fake connector as serviceUrl. */
export class BotClient {
  constructor(
    readonly botUrl: string,
    readonly serviceUrl: string,
  ) {}

  async personal(from: Person, text: string): Promise<Response> {
    return this.send({
      type: 'message',
      text,
      from,
      conversation: { id: `a:personal-${from.id}`, conversationType: 'personal', tenantId },
    });
  }

  async channel(channelId: string, from: Person, text: string, threadRootId?: string): Promise<Response> {
    return this.send({
      type: 'message',
      text: `<at>Halteam</at> ${text}`,
      from,
      entities: [{ type: 'mention', text: '<at>Halteam</at>', mentioned: { id: '28:bot', name: 'Halteam' } }],
      conversation: {
        id: threadRootId ? `${channelId};messageid=${threadRootId}` : channelId,
        conversationType: 'channel',
        tenantId,
        isGroup: true,
      },
      channelData: { tenant: { id: tenantId }, team: { id: '19:team@thread.tacv2' }, channel: { id: channelId } },
    });
  }

  /** Clicks an Action.Execute button on a card; returns the invoke response body. */
  async execute(
    conversation: { id: string; conversationType: 'channel' | 'personal' },
    from: Person,
    cardActivityId: string,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<{ status: number; body: { statusCode: number; type: string; value: unknown } }> {
    const response = await this.send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      from,
      replyToId: cardActivityId,
      conversation: { ...conversation, tenantId },
      value: { action: { type: 'Action.Execute', verb, data } },
    });
    return { status: response.status, body: (await response.json()) as never };
  }

  async send(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        id: randomUUID(),
        channelId: 'msteams',
        serviceUrl: this.serviceUrl,
        recipient: { id: '28:bot', name: 'Halteam' },
        timestamp: new Date().toISOString(),
        channelData: { tenant: { id: tenantId } },
        ...activity,
      }),
    });
  }
}

/** Binds a channel the way an admin does it in Teams, through the bot. */
export async function bindChannel(
  test: TestApp,
  role: 'halteam' | 'dagstart' | 'receptie',
  channelId: string,
): Promise<void> {
  const response = await test.bot.channel(channelId, admin, `koppel ${role}`);
  if (response.status >= 300) throw new Error(`binding ${role} failed with ${response.status}`);
  await test.connector.waitFor(
    (call) =>
      (call.conversationId ?? '').startsWith(channelId) && String(call.body.text ?? '').includes('Dit kanaal is nu'),
  );
}

type ChannelRole = 'halteam' | 'dagstart' | 'receptie';
const channelOf: Record<ChannelRole, string> = {
  halteam: halteamChannel,
  dagstart: dagstartChannel,
  receptie: receptionChannel,
};

/**
 * Starts the app with the given channels bound; `members` are in the Teams roster before the
 * binding, as the duty and alarm flows expect.
 */
export async function startWithChannels(
  roles: ChannelRole[],
  { members = [], ...options }: StartOptions & { members?: Person[] } = {},
): Promise<TestApp> {
  const test = await startTestApp(options);
  for (const member of members) test.connector.members.set(member.id, { ...member });
  for (const role of roles) await bindChannel(test, role, channelOf[role]);
  return test;
}

/** Text and card text of a recorded activity, flattened for assertions on what a person reads. */
export function readableText(body: Record<string, unknown>): string {
  const parts: string[] = [String(body.text ?? '')];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string') parts.push(value);
        else collect(value);
      }
    }
  };
  collect(body.attachments);
  return parts.join('\n');
}
