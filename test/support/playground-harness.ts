import path from 'node:path';
import WebSocket from 'ws';
import { freePort } from '../../bot/dev/child-process';
import { readMockTenant, halteamChannelId, type MockTenant } from '../../bot/dev/mock-tenant';
import type { AppOverrides } from '../../bot/app';
import { PlaygroundClient } from '../../bot/dev/playground-client';
import { startPlayground, type RunningPlayground } from '../../bot/dev/playground-process';
import { readableText, startTestApp, type TestApp } from './test-app';

export interface PlaygroundMessage {
  action: 'createMessage' | 'updateMessage' | 'typing';
  actionConversationId: string;
  message: {
    messageId: string;
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    mentions?: unknown[];
    postConversationId?: string;
  };
}

/** One entry of the playground's raw activity log (`/_ws/log/stream`): every activity, both ways. */
export interface PlaygroundLog {
  logAction: string;
  log: {
    id: string;
    conversationId?: string;
    activityName: string;
    from: string;
    to: string;
    request?: { body?: Record<string, unknown> };
    response?: { statusCode?: number; body?: Record<string, unknown> };
  };
}

const projectRoot = path.resolve(__dirname, '../..');

/**
 * The real bot (in this process, real storage) and the real Agents Playground (a child process),
 * with a WebSocket reading everything the bot sends, as the playground's web UI does.
 */
export class PlaygroundHarness {
  readonly frames: PlaygroundMessage[] = [];
  /**
   * The raw activity log. Messages to conversations the playground's UI does not show (a personal chat
   * with another user than the current one) appear only here.
   */
  readonly logs: PlaygroundLog[] = [];
  readonly tenant: MockTenant = readMockTenant(path.join(projectRoot, '.m365agentsplayground.yml'));
  client!: PlaygroundClient;
  bot!: TestApp;
  private playground!: RunningPlayground;
  private socket!: WebSocket;
  private logSocket!: WebSocket;
  private logWaiters: { predicate: (entry: PlaygroundLog) => boolean; resolve: (entry: PlaygroundLog) => void }[] = [];
  private waiters: { predicate: (frame: PlaygroundMessage) => boolean; resolve: (frame: PlaygroundMessage) => void }[] =
    [];

  get halteamChannel(): string {
    return halteamChannelId(this.tenant);
  }

  get generalChannel(): string {
    return this.tenant.team.id;
  }

  user(index: number): { id: string; name: string } {
    const user = index === 0 ? this.tenant.currentUser : this.tenant.users[index - 1];
    if (!user) throw new Error(`no mock user ${index}`);
    return { id: user.id, name: user.name };
  }

  /** `overrides` reach the app, e.g. a ManualClock so a test can move time (the dagstart digest). */
  async start(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<void> {
    this.bot = await startTestApp({
      env: { BOT_ADMINS: this.tenant.currentUser.aadObjectId, ...env },
      runScheduler: true,
      ...overrides,
    });
    const port = new URL(this.bot.url).port;
    this.playground = await startPlayground({
      projectRoot,
      botEndpoint: `http://localhost:${port}/api/messages`,
      port: await freePort(),
      logFile: path.join(projectRoot, `.data/playground-test-${process.pid}.log`),
    });
    this.client = new PlaygroundClient(this.playground.url, this.tenant.bot.id);
    this.socket = new WebSocket(`ws://localhost:${this.playground.port}/_ws_conversation/v1/conversations/stream`);
    this.socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as PlaygroundMessage;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.predicate(frame)) return true;
        waiter.resolve(frame);
        return false;
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.logSocket = new WebSocket(`ws://localhost:${this.playground.port}/_ws/log/stream`);
    this.logSocket.on('message', (data) => {
      const entry = JSON.parse(data.toString()) as PlaygroundLog;
      if (!entry?.log) return;
      this.logs.push(entry);
      this.logWaiters = this.logWaiters.filter((waiter) => {
        if (!waiter.predicate(entry)) return true;
        waiter.resolve(entry);
        return false;
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.logSocket.once('open', () => resolve());
      this.logSocket.once('error', reject);
    });
  }

  /** Waits for a raw log entry (e.g. a bot message to a chat the UI does not show). */
  waitForLog(predicate: (entry: PlaygroundLog) => boolean, timeoutMs = 10_000): Promise<PlaygroundLog> {
    const existing = this.logs.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no such log entry within ${timeoutMs} ms; saw ${this.logs.length} entries`)),
        timeoutMs,
      );
      this.logWaiters.push({
        predicate,
        resolve: (entry) => {
          clearTimeout(timer);
          resolve(entry);
        },
      });
    });
  }

  waitFor(predicate: (frame: PlaygroundMessage) => boolean, timeoutMs = 10_000): Promise<PlaygroundMessage> {
    const existing = this.frames.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no such message from the bot within ${timeoutMs} ms; saw:\n${this.describeFrames()}`)),
        timeoutMs,
      );
      this.waiters.push({
        predicate,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      });
    });
  }

  /** The next message (or update) after `since` frames in a conversation (or its threads) whose text passes `test`. */
  next(
    since: number,
    conversation: string,
    test: (text: string) => boolean,
    options: { updates?: boolean; timeoutMs?: number } = {},
  ): Promise<PlaygroundMessage> {
    return this.waitFor(
      (frame) =>
        this.frames.indexOf(frame) >= since &&
        (frame.action === 'createMessage' || (options.updates === true && frame.action === 'updateMessage')) &&
        frame.actionConversationId.startsWith(conversation) &&
        test(textOf(frame)),
      options.timeoutMs ?? 15_000,
    );
  }

  /** Installs the bot in a personal chat and waits for its welcome. */
  async installChat(chat: string): Promise<void> {
    await this.client.install(chat);
    await this.waitFor(
      (frame) => frame.actionConversationId === chat && textOf(frame).includes('Ik help bij agressie'),
    );
  }

  /** `@Halteam koppel <role>` in a channel, said by `user`, and the bot's confirmation (`confirms`). */
  async bind(channel: string, user: { id: string; name: string }, role: string, confirms: string): Promise<void> {
    const since = this.frames.length;
    await this.client.say(channel, user, `koppel ${role}`, { mention: true });
    await this.next(since, channel, (text) => text.includes(confirms));
  }

  /** A user going through a card conversation in a chat: each step clicks or types and waits for the answer. */
  chat(conversation: string, user: { id: string; name: string }): ChatDriver {
    return new ChatDriver(this, conversation, user);
  }

  describeFrames(): string {
    return this.frames
      .map(
        (frame) =>
          `${frame.action} ${frame.actionConversationId}: ${textOf(frame).slice(0, 120).replace(/\n/g, ' | ')}`,
      )
      .join('\n');
  }

  async stop(): Promise<void> {
    this.socket?.close();
    this.logSocket?.close();
    await this.playground?.child.stop();
    await this.bot?.stop();
  }
}

/** Everything a person reads in a frame: the text and the card's texts. */
export function textOf(frame: PlaygroundMessage): string {
  return readableText({ text: frame.message.text, attachments: frame.message.attachments });
}

/** What a person reads in a logged activity (raw log): its text and its card's texts. */
export function logText(entry: PlaygroundLog): string {
  const body = entry.log.request?.body ?? {};
  return readableText({ text: body.text, attachments: body.attachments });
}

/** The data of the button with this title on a card (any depth, e.g. inside Action.ShowCard). */
export function buttonData(
  node: unknown,
  title: string,
  type: 'Action.Submit' | 'Action.Execute' = 'Action.Submit',
): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.type === type && record.title === title) found ??= record.data as Record<string, unknown>;
      Object.values(record).forEach(walk);
    }
  };
  walk(node);
  if (!found) throw new Error(`no button "${title}" on: ${JSON.stringify(node).slice(0, 500)}`);
  return found;
}

export class ChatDriver {
  /** The bot's latest answer in this chat. */
  card!: PlaygroundMessage;

  constructor(
    private readonly harness: PlaygroundHarness,
    readonly conversation: string,
    readonly user: { id: string; name: string },
  ) {}

  /** Types `text` and waits for an answer that contains `expect`. */
  say = async (text: string, expect: string): Promise<PlaygroundMessage> => {
    const mark = this.harness.frames.length;
    await this.harness.client.say(this.conversation, this.user, text);
    this.card = await this.harness.next(mark, this.conversation, (reply) => reply.includes(expect));
    return this.card;
  };

  /** Clicks the Action.Submit titled `title` on the latest card (with input values) and waits for `expect`. */
  click = async (title: string, expect: string, inputs: Record<string, unknown> = {}): Promise<PlaygroundMessage> => {
    const mark = this.harness.frames.length;
    const data = buttonData(this.card.message.attachments, title);
    await this.harness.client.submit(this.conversation, this.user, this.card.message.messageId, { ...data, ...inputs });
    this.card = await this.harness.next(mark, this.conversation, (reply) => reply.includes(expect));
    return this.card;
  };

  /**
   * `melden` for something that happened to this user just now, nobody hurt, nothing broken, no
   * police, the manager Lotte Jansen, without the user's name; returns the incident number.
   */
  fileOwnReport = async (report: {
    kind: string;
    forms: string;
    description: string;
    aggressor: string;
  }): Promise<string> => {
    const { click, say } = this;
    await say('melden', 'Over wie gaat deze melding?');
    await click('Over mij: het overkwam mij', 'Wanneer gebeurde het?');
    await click('Zojuist', 'Waar gebeurde het?');
    await click('Verder', 'Wat voor agressie was het?', { selection: `kind:${report.kind}` });
    // A threat asks whom it was aimed at before the story.
    if (report.forms.split(',').includes('intimidatie')) {
      await click('Verder', 'Tegen wie was de bedreiging gericht?', { selection: report.forms });
      await click('Verder', 'Wat is er gebeurd?', { selection: 'medewerker' });
    } else {
      await click('Verder', 'Wat is er gebeurd?', { selection: report.forms });
    }
    // By phone, in writing or online nothing happened on site: no injury, damage, weapons or witnesses.
    if (['telefoon', 'schriftelijk', 'social-media'].includes(report.kind)) {
      await say(report.description, 'Is de politie gekomen?');
      await click('Nee', 'Weet je wie het was?');
      await say(report.aggressor, 'Wie is je leidinggevende?');
    } else {
      await say(report.description, 'Is er iemand gewond geraakt?');
      await click('Nee', 'Is er iets vernield of beschadigd?');
      await click('Nee', 'wapen of een gevaarlijk voorwerp');
      await click('Nee', 'Is de politie gekomen?');
      await click('Nee', 'Weet je wie het was?');
      await say(report.aggressor, 'Wie waren er verder bij?');
      await click('Niemand', 'Wie is je leidinggevende?');
    }
    await say('lotte', 'Wie bedoel je?');
    await click('Lotte Jansen', 'Mag je naam daarbij genoemd worden?');
    await click('Nee, laat mijn naam weg', 'Klopt alles?');
    await click('Versturen', 'Je melding is verstuurd als');
    const number = /AGR-\d{4}-\d{4}/.exec(textOf(this.card))?.[0];
    if (!number) throw new Error(`no incident number in: ${textOf(this.card)}`);
    return number;
  };
}
