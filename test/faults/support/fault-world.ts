import { TableClient } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { addButton } from '../../../bot/alarms/button-admin';
import type { Alarm } from '../../../bot/alarms/alarm-model';
import type { AlarmStore } from '../../../bot/alarms/alarm-store';
import type { Button, ButtonKind } from '../../../bot/alarms/button-model';
import { signButtonRequest } from '../../../bot/alarms/webhook-auth';
import { createAlarmTable } from '../../../bot/alarms/alarm-table';
import { createTableProvider } from '../../../bot/platform/storage/table-provider';
import { systemClock } from '../../../bot/shared/clock';
import { BotClient, halteamChannel } from '../../support/test-app';
import { BotProcess, killAllBots, sleep } from './bot-process';
import { buildBot, faultsCacheDir, repoRoot } from './build-bot';
import {
  alarmIdOfCard,
  escalationLevel,
  FaultConnector,
  isAlarmCardPost,
  isCardUpdate,
  type ConnectorCall,
} from './fault-connector';

export { halteamChannel };
export const receptionChannel = '19:receptie@thread.tacv2';

/** The Halteam as the stand-in reports the team's members: every alarm mentions them. */
export const halteamMembers = [
  { id: '29:mohamed', aadObjectId: 'aad-mohamed', name: 'Mohamed El Amrani' },
  { id: '29:lotte', aadObjectId: 'aad-lotte', name: 'Lotte Jansen' },
  { id: '29:pieter', aadObjectId: 'aad-pieter', name: 'Pieter Bakker' },
];

const artifactsDir = path.join(repoRoot, 'test', 'artifacts', 'faults');

/** What a press got back, with the moments it was sent and answered (Date.now()). */
export interface PressOutcome {
  status: number;
  sentAt: number;
  answeredAt: number;
  headers: Headers;
  text: string;
  alarmId?: string;
}

export interface PressOptions {
  webhookId?: string;
  type?: 'press' | 'test' | 'heartbeat';
  /** Sign with this secret instead of the button's (a forged press). */
  secret?: string;
  timeoutMs?: number;
}

const worlds = new Set<FaultWorld>();

/**
 * Everything one fault test runs against: the Bot Connector stand-in (with the Halteam's members),
 * fresh tables in the shared Azurite (a unique prefix), the bot processes it starts, and the test's
 * own view of storage (the alarm store, the jobs table).
 */
export class FaultWorld {
  readonly connector = new FaultConnector();
  readonly prefix = `f${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  readonly connectionString: string;
  readonly store: AlarmStore;
  readonly bots: BotProcess[] = [];
  readonly startedAt = Date.now();
  private readonly notes: string[] = [];
  private disposed = false;

  private constructor(
    readonly name: string,
    readonly entry: string,
  ) {
    const connectionString = process.env.TEST_STORAGE_CONNECTION_STRING;
    if (!connectionString) throw new Error('Azurite did not start (jest global set-up)');
    this.connectionString = connectionString;
    this.store = createAlarmTable(createTableProvider(connectionString, this.prefix));
  }

  static async create(name: string): Promise<FaultWorld> {
    const world = new FaultWorld(name, await buildBot());
    worlds.add(world);
    await world.connector.start();
    for (const member of halteamMembers) world.connector.members.set(member.id, member);
    return world;
  }

  /** Starts a bot on this world's tables (or another storage address, e.g. through a proxy). */
  async spawnBot(
    options: {
      name?: string;
      env?: Record<string, string | undefined>;
      connectionString?: string;
      ready?: boolean;
    } = {},
  ): Promise<BotProcess> {
    // A test that timed out may still be running: it must not start bots after its clean-up.
    if (this.disposed) throw new Error(`${this.name}: the test is over, no bot is started`);
    for (let attempt = 1; ; attempt++) {
      const bot = await BotProcess.spawn({
        entry: this.entry,
        name: options.name ?? `bot${this.bots.length + 1}`,
        connectionString: options.connectionString ?? this.connectionString,
        prefix: this.prefix,
        env: options.env,
      });
      this.bots.push(bot);
      this.note(`spawned ${bot.name} (pid ${bot.pid}, port ${bot.port})`);
      if (options.ready === false) return bot;
      try {
        return await bot.ready();
      } catch (error) {
        // The free port was taken by someone else between choosing it and listening: choose again.
        const portTaken = bot.logs.some((line) => line.raw.includes('EADDRINUSE'));
        if (!portTaken || attempt >= 3) throw error;
        this.note(`${bot.name}: port ${bot.port} was taken; starting again on another`);
      }
    }
  }

  /** Binds channels the way an admin does it in Teams: `@Halteam koppel …` through /api/messages. */
  async bind(bot: BotProcess, roles: ('halteam' | 'receptie')[] = ['halteam', 'receptie']): Promise<void> {
    const client = new BotClient(bot.url, this.connector.url);
    for (const role of roles) {
      const channel = role === 'halteam' ? halteamChannel : receptionChannel;
      const response = await client.channel(channel, adminPerson, `koppel ${role}`);
      if (response.status >= 300) throw new Error(`binding ${role} failed with ${response.status}`);
      await this.connector.waitFor(
        (call) =>
          (call.conversationId ?? '').startsWith(channel) && String(call.body.text ?? '').includes('Dit kanaal is nu'),
        10_000,
        `the confirmation of koppel ${role}`,
      );
    }
  }

  /** Registers buttons from the test process, as IT does with the CLI; each has its own location. */
  async addButtons(count: number, options: { idPrefix?: string; kind?: ButtonKind } = {}): Promise<Button[]> {
    const buttons: Button[] = [];
    for (let index = 1; index <= count; index++) {
      const id = `${options.idPrefix ?? 'knop'}-${index}`;
      const { button } = await addButton(
        {
          id,
          kind: options.kind ?? 'noodknop',
          location: `Balie ${id} gebouw Noord`,
          authMode: 'signature',
        },
        { store: this.store, clock: systemClock },
      );
      buttons.push(button);
    }
    return buttons;
  }

  /** What the hardware sends: a Standard Webhooks-signed POST to the bot's button webhook. */
  async press(bot: BotProcess | string, button: Button, options: PressOptions = {}): Promise<PressOutcome> {
    const url = typeof bot === 'string' ? bot : bot.url;
    const signedAt = new Date();
    const body = JSON.stringify({ type: options.type ?? 'press', pressedAt: signedAt.toISOString() });
    const webhookId = options.webhookId ?? `msg_${randomUUID()}`;
    const headers = signButtonRequest(options.secret ?? button.secret, webhookId, signedAt, body);
    const sentAt = Date.now();
    const response = await fetch(`${url}/api/buttons/${button.id}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const answeredAt = Date.now();
    const text = await response.text();
    let alarmId: string | undefined;
    try {
      alarmId = (JSON.parse(text) as { alarmId?: string }).alarmId;
    } catch {
      // Not JSON: kept as text.
    }
    this.note(`press ${button.id} -> ${response.status} after ${answeredAt - sentAt} ms ${text.slice(0, 120)}`);
    return { status: response.status, sentAt, answeredAt, headers: response.headers, text, alarmId };
  }

  /** New alarm cards that reached the channel (answered 2xx), optionally of one alarm. */
  cards(alarmId?: string): ConnectorCall[] {
    return this.connector
      .succeeded()
      .filter((call) => isAlarmCardPost(call) && (!alarmId || alarmIdOfCard(call) === alarmId));
  }

  /** Resolves with the alarm's first card at the stand-in. */
  waitForCard(alarmId: string | undefined, timeoutMs: number): Promise<ConnectorCall> {
    return this.connector.waitFor(
      (call) => isAlarmCardPost(call) && alarmIdOfCard(call) === alarmId,
      timeoutMs,
      `the card of alarm ${alarmId}`,
    );
  }

  /** Card updates (PUT) that reached the channel, optionally of one alarm. */
  cardUpdates(alarmId?: string): ConnectorCall[] {
    return this.connector
      .succeeded()
      .filter((call) => isCardUpdate(call) && (!alarmId || alarmIdOfCard(call) === alarmId));
  }

  /** Escalation messages that reached Teams; with `location`, only those about that place (one alarm per button). */
  escalations(level: 1 | 2, location?: string): ConnectorCall[] {
    return this.connector
      .succeeded()
      .filter(
        (call) =>
          escalationLevel(call) === level &&
          (!location || String(call.body.text ?? '').includes(level === 1 ? `naar ${location}.` : `bij ${location}.`)),
      );
  }

  /** Waits until `condition` holds (polling), or fails naming `what`. */
  async until<T>(
    what: string,
    condition: () => T | undefined | false | Promise<T | undefined | false>,
    timeoutMs: number,
  ) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await condition();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  /** Every stored alarm of this world (read from the test process). */
  alarms(): Promise<Alarm[]> {
    return this.store.alarmsSince(new Date(this.startedAt - 60_000));
  }

  /** The scheduler's rows (`<prefix>jobs`), read with the storage SDK. */
  async jobs(): Promise<{ rowKey: string; kind: string; status: string }[]> {
    const client = TableClient.fromConnectionString(this.connectionString, `${this.prefix}jobs`, {
      allowInsecureConnection: true,
    });
    const rows: { rowKey: string; kind: string; status: string }[] = [];
    try {
      for await (const entity of client.listEntities<{ kind: string; status: string }>()) {
        rows.push({ rowKey: String(entity.rowKey), kind: entity.kind, status: entity.status });
      }
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
    return rows;
  }

  /** A line for the failure report (what the test did, when). */
  note(text: string): void {
    this.notes.push(`+${String(Date.now() - this.startedAt).padStart(6)}ms ${text}`);
  }

  /** The whole story of the test: its steps, every connector call, every bot's output. */
  report(): string {
    const origin = this.startedAt;
    const sections = [
      `# ${this.name}`,
      `table prefix ${this.prefix}, connector ${this.connector.url}`,
      `## steps (ms since the test began)\n${this.notes.join('\n')}`,
      `## Bot Connector calls (ms since the first call)\n${this.connector.summary()}`,
      ...this.bots.map(
        (bot) =>
          `## ${bot.name} (pid ${bot.pid}, spawned at +${bot.spawnedAt - origin}ms; ms since its spawn)\n${bot.dump()}`,
      ),
    ];
    return sections.join('\n\n');
  }

  /** Writes the report to test/artifacts/faults/ and returns its path. */
  writeReport(): string {
    fs.mkdirSync(artifactsDir, { recursive: true });
    const file = path.join(artifactsDir, `${slug(this.name)}.log`);
    fs.writeFileSync(file, this.report());
    return file;
  }

  /** Adds where to read the whole story to a failure, and the tail of it. */
  explain(error: unknown): unknown {
    const file = this.writeReport();
    if (error instanceof Error) {
      const calls = this.connector.summary().split('\n').slice(-25).join('\n');
      const bots = this.bots.map((bot) => `--- ${bot.name} (last lines)\n${bot.tail(15)}`).join('\n');
      error.message +=
        `\n\nFull report: ${path.relative(repoRoot, file)}\n--- steps\n${this.notes.slice(-15).join('\n')}` +
        `\n--- connector calls (last)\n${calls}\n${bots}`;
    }
    return error;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    worlds.delete(this);
    await Promise.all(this.bots.map((bot) => bot.kill9()));
    await this.connector.stop();
    this.writeReport();
  }
}

const adminPerson = { id: '29:admin', aadObjectId: 'aad-admin', name: 'Sanne de Vries' };

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);
}

/**
 * A fault test: a fresh world, the test, and on failure the world's story (steps, connector calls,
 * bot output) added to the error and written to test/artifacts/faults/. Bots are killed afterwards
 * in any case.
 */
export function faultTest(name: string, run: (world: FaultWorld) => Promise<void>, timeoutMs: number): void {
  it(
    name,
    async () => {
      const world = await FaultWorld.create(expect.getState().currentTestName ?? name);
      try {
        await run(world);
      } catch (error) {
        throw world.explain(error);
      } finally {
        await world.dispose();
      }
    },
    timeoutMs,
  );
}

/**
 * Per test file: builds the bot (once per set of sources), takes the suite lock so fault test files
 * run one at a time even when jest runs files side by side (they measure time on a 2-core machine),
 * and after each test kills whatever a timed-out test left running.
 */
export function useFaultSuite(): void {
  let lock: SuiteLock | undefined;
  beforeAll(async () => {
    lock = await SuiteLock.acquire(8 * 60_000);
    await buildBot();
  }, 9 * 60_000);
  afterEach(async () => {
    await Promise.all([...worlds].map((world) => world.dispose()));
    await killAllBots();
  });
  afterAll(() => {
    lock?.release();
  });
}

/** A lock directory with the owner's PID in it; a lock whose owner is gone is taken over. */
class SuiteLock {
  private constructor(private readonly dir: string) {}

  static async acquire(timeoutMs: number): Promise<SuiteLock> {
    const dir = path.join(faultsCacheDir, 'suite.lock');
    fs.mkdirSync(faultsCacheDir, { recursive: true });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, 'owner'), String(process.pid));
        return new SuiteLock(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = Number(readOrEmpty(path.join(dir, 'owner')));
      const ownerless = owner === 0 && Date.now() - mtimeOf(dir) > 10_000;
      if (owner === process.pid || (owner > 0 && !isAlive(owner)) || ownerless) {
        fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`fault suite lock held by pid ${owner} for too long`);
      await sleep(200);
    }
  }

  release(): void {
    if (Number(readOrEmpty(path.join(this.dir, 'owner'))) === process.pid) {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function mtimeOf(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
