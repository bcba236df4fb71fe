import { TestAdapter, type Activity } from 'botbuilder';
import { createAlarmTable } from '../../bot/alarms/alarm-table';
import { createFlowStateTable } from '../../bot/platform/teams/flow-state-table';
import { createConversationTable } from '../../bot/platform/storage/conversation-table';
import { createDraftTable, createIncidentCounter, createReportTable } from '../../bot/reports/report-table';
import { createTableProvider, type TableProvider } from '../../bot/platform/storage/table-provider';
import { DurableScheduler } from '../../bot/platform/scheduler/durable-scheduler';
import { createFlowRunner, createStateEraser } from '../../bot/platform/teams/flow-runner';
import { HalteamBot } from '../../bot/platform/teams/halteam-bot';
import { rolesFrom } from '../../bot/app';
import { loadConfig } from '../../bot/config/load-config';
import { alarmFactsFrom, registeredLocations } from '../../bot/alarms/offer-report';
import { notBuiltYet } from '../../bot/reports/follow-ups';
import { createReportsModule, type ReportsModule } from '../../bot/reports/reports-module';
import { helpMessage } from '../../bot/help/help-command';
import type { ManualClock } from '../../bot/shared/clock';
import { createMemberDirectory } from '../../bot/shared/directory';
import { errorCodes, HalteamError } from '../../bot/shared/errors';
import { createLogger } from '../../bot/shared/logger';
import type {
  ChannelRole,
  Messenger,
  OutgoingMessage,
  PostedMessage,
  TeamMember,
  UserAddress,
} from '../../bot/shared/messenger';
import { createWorkingCalendar, parseWorkingHours } from '../../bot/shared/working-days';
import { uniquePrefix } from '../support/test-app';

/** The Gemeentehuis team as in the playground tenant. */
export const people = {
  sanne: { id: 'user-id-0', aadObjectId: 'aad-0', name: 'Sanne de Vries' },
  mohamed: { id: 'user-id-1', aadObjectId: 'aad-1', name: 'Mohamed El Amrani' },
  lotte: { id: 'user-id-2', aadObjectId: 'aad-2', name: 'Lotte Jansen' },
  pieter: { id: 'user-id-3', aadObjectId: 'aad-3', name: 'Pieter Bakker' },
  fatima: { id: 'user-id-4', aadObjectId: 'aad-4', name: 'Fatima Yilmaz' },
  jeroen: { id: 'user-id-5', aadObjectId: 'aad-5', name: 'Jeroen de Boer' },
};
export type Someone = (typeof people)[keyof typeof people];

export interface Sent {
  to: { channel: ChannelRole } | { user: UserAddress };
  message: OutgoingMessage;
}

/**
 * The Teams edge for proactive messages, as seen from the capability: it records what was posted to
 * channels and sent to people, and can be told that a channel is not bound (as the real one fails).
 */
export class RecordingMessenger implements Messenger {
  readonly sent: Sent[] = [];
  readonly unbound = new Set<ChannelRole>();
  /** Posts to these channels arrive, but the answer is lost once (a timeout after sending: HT1205). */
  readonly answerLostOnce = new Set<ChannelRole>();
  private counter = 0;

  constructor(readonly members: TeamMember[]) {}

  async postToChannel(role: ChannelRole, message: OutgoingMessage): Promise<PostedMessage> {
    if (this.unbound.has(role)) throw new HalteamError(errorCodes.channelNotBound, `No channel is bound as ${role}`);
    this.sent.push({ to: { channel: role }, message });
    if (this.answerLostOnce.delete(role)) {
      throw new HalteamError(errorCodes.sendOutcomeUnknown, `The answer to a post to ${role} was lost`);
    }
    return { conversationId: role, activityId: String(++this.counter) };
  }

  async replyInThread(root: PostedMessage, message: OutgoingMessage): Promise<PostedMessage> {
    this.sent.push({ to: { channel: 'halteam' }, message });
    return { conversationId: root.conversationId, activityId: String(++this.counter) };
  }

  async update(): Promise<void> {}

  async sendToUser(user: UserAddress, message: OutgoingMessage): Promise<PostedMessage> {
    this.sent.push({ to: { user }, message });
    return { conversationId: `personal-${user.id}`, activityId: String(++this.counter) };
  }

  async channelMembers(): Promise<TeamMember[]> {
    return this.members;
  }

  toChannel(role: ChannelRole): OutgoingMessage[] {
    return this.sent
      .filter((entry) => 'channel' in entry.to && entry.to.channel === role)
      .map((entry) => entry.message);
  }

  toUser(id: string): OutgoingMessage[] {
    return this.sent.filter((entry) => 'user' in entry.to && entry.to.user.id === id).map((entry) => entry.message);
  }
}

/** Everything a person reads in a message: its text and its card's texts, titles and values. */
export function readable(message: Partial<Activity> | OutgoingMessage): string {
  const parts: string[] = [String((message as { text?: string }).text ?? '')];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'value' || key === 'label') && typeof value === 'string') {
          parts.push(value);
        } else walk(value);
      }
    }
  };
  walk((message as { attachments?: unknown }).attachments);
  walk((message as { card?: unknown }).card);
  return parts.join('\n');
}

/** The Action.Submit data of the buttons on the last card, by title. */
export function buttonsOf(activity: Partial<Activity>): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Submit' && typeof record.title === 'string') {
        found.set(record.title, record.data as Record<string, unknown>);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(activity.attachments);
  return found;
}

export interface HarnessOptions {
  clock: ManualClock;
  prefix?: string;
  env?: Record<string, string>;
  members?: TeamMember[];
}

/**
 * The bot as Teams runs it (HalteamBot, the flow runner, the reports capability, Table Storage in
 * Azurite, the durable scheduler), driven by botbuilder's TestAdapter: a test types and clicks as a
 * person in their personal chat and reads the bot's answers. A second harness on the same prefix is
 * the same bot after a restart.
 */
export class ReportHarness {
  readonly adapter: TestAdapter;
  readonly messenger: RecordingMessenger;
  readonly reports: ReportsModule;
  readonly scheduler: DurableScheduler;
  readonly tables: TableProvider;
  readonly prefix: string;

  constructor(readonly options: HarnessOptions) {
    const connectionString = process.env.TEST_STORAGE_CONNECTION_STRING;
    if (!connectionString) throw new Error('Azurite did not start (jest global set-up)');
    this.prefix = options.prefix ?? uniquePrefix();
    const config = loadConfig({
      STORAGE_CONNECTION_STRING: connectionString,
      STORAGE_TABLE_PREFIX: this.prefix,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ...options.env,
    });
    const logger = createLogger('silent');
    this.tables = createTableProvider(connectionString, this.prefix);
    this.messenger = new RecordingMessenger(options.members ?? Object.values(people));
    this.scheduler = new DurableScheduler({
      tables: this.tables,
      clock: options.clock,
      logger,
      pollMs: 1000,
      leaseMs: 60_000,
    });
    const flowState = createFlowStateTable(this.tables);
    const alarmStore = createAlarmTable(this.tables);
    this.reports = createReportsModule({
      config,
      workingDays: createWorkingCalendar(config.EXTRA_CLOSING_DAYS),
      workingHours: parseWorkingHours(config.WORKING_HOURS),
      store: createReportTable(this.tables),
      counter: createIncidentCounter(this.tables),
      drafts: createDraftTable(this.tables),
      messenger: this.messenger,
      directory: createMemberDirectory(() => this.messenger.channelMembers()),
      scheduler: this.scheduler,
      clock: options.clock,
      logger,
      locations: registeredLocations(alarmStore),
      alarmFacts: alarmFactsFrom(alarmStore),
      forgetConversation: createStateEraser(flowState),
      followUps: [notBuiltYet('dagstart', logger), notBuiltYet('aftercare', logger)],
    });
    for (const job of this.reports.jobs ?? []) this.scheduler.register(job);
    const commands = this.reports.commands ?? [];
    const bot = new HalteamBot({
      commands,
      cardActions: [],
      conversations: createConversationTable(this.tables),
      roles: rolesFrom(config),
      logger,
      welcome: (kind) => helpMessage(commands, kind),
      flows: createFlowRunner({ store: flowState, flows: this.reports.flows, logger }),
    });
    this.adapter = new TestAdapter((context) => bot.run(context));
  }

  /** A person types in their personal chat with the bot; returns what the bot answered. */
  async say(who: Someone, text: string): Promise<Partial<Activity>[]> {
    return this.turn(who, { text });
  }

  /** A person clicks an Action.Submit button (its data, plus any inputs, arrive as the value). */
  async click(who: Someone, value: Record<string, unknown>): Promise<Partial<Activity>[]> {
    return this.turn(who, { value });
  }

  /** Clicks the button with this title on the given answer (by default the last one). */
  async press(who: Someone, title: string, on: Partial<Activity>[], inputs: Record<string, unknown> = {}) {
    const card = [...on].reverse().find((activity) => buttonsOf(activity).has(title));
    if (!card) throw new Error(`no button "${title}" in:\n${on.map(readable).join('\n---\n')}`);
    return this.click(who, { ...(buttonsOf(card).get(title) as Record<string, unknown>), ...inputs });
  }

  private async turn(who: Someone, content: { text?: string; value?: unknown }): Promise<Partial<Activity>[]> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity({
      type: 'message',
      channelId: 'msteams',
      from: { id: who.id, aadObjectId: who.aadObjectId, name: who.name },
      conversation: { id: `a:personal-${who.id}`, conversationType: 'personal', isGroup: false, name: '' },
      recipient: { id: '28:bot', name: 'Halteam' },
      serviceUrl: 'https://smba.example/emea/',
      ...content,
    });
    return this.adapter.activeQueue.splice(0);
  }
}

export function textOf(replies: Partial<Activity>[]): string {
  return replies.map(readable).join('\n---\n');
}
