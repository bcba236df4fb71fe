import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { faultsCacheDir, repoRoot } from './build-bot';
import { freePort } from '../../../bot/dev/child-process';
import { Matches } from '../../support/waiting';

/** One line the bot wrote: pino's JSON on stdout, anything else (warnings, crashes) as text. */
export interface LogLine {
  at: number;
  stream: 'stdout' | 'stderr';
  raw: string;
  json?: Record<string, unknown> & { msg?: string; level?: number };
}

/** The settings every fault test runs the bot with; a test overrides what it is about. */
export const faultSettings: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  BOT_ADMINS: 'aad-admin',
  SCHEDULER_POLL_MS: '200',
  SCHEDULER_LEASE_SECONDS: '3',
  ALARM_FIRST_ESCALATION_SECONDS: '3',
  ALARM_SECOND_ESCALATION_SECONDS: '3',
  ALARM_DELIVERY_LEASE_SECONDS: '3',
  ALARM_SWEEP_MS: '300',
  BUTTON_PRESSES_PER_MINUTE: '1000',
};

const running = new Set<BotProcess>();
let exitHookInstalled = false;

/**
 * The real bot (`<build>/bot/main.js`, as production runs dist/bot/main.js) as a child process of the
 * jest worker. Only processes started here are ever signalled, by their own PID.
 */
export class BotProcess {
  readonly logs: LogLine[] = [];
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** When spawn() was called (Date.now()). */
  readonly spawnedAt: number;
  private readonly child: ChildProcess;
  private readonly logMatches = new Matches<LogLine>(() => this.logs);

  private constructor(
    readonly name: string,
    readonly port: number,
    entry: string,
    env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.spawnedAt = Date.now();
    this.child = spawn(process.execPath, [entry], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        running.delete(this);
        resolve({ code, signal });
      }),
    );
    this.child.once('error', (error) => this.record('stderr', `spawn failed: ${error.message}`));
    this.collect(this.child.stdout, 'stdout');
    this.collect(this.child.stderr, 'stderr');
  }

  /**
   * Starts the bot with `faultSettings`, the given storage and `env` on top. The environment is built
   * from scratch (no .env file, nothing of the jest process), so a developer's settings cannot leak in.
   * Does not wait: call `ready()` (or press in a loop, to measure start-up).
   */
  static async spawn(options: {
    entry: string;
    name: string;
    connectionString: string;
    prefix: string;
    env?: Record<string, string | undefined>;
    port?: number;
  }): Promise<BotProcess> {
    const port = options.port ?? (await freePort());
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      DOTENV_CONFIG_PATH: path.join(faultsCacheDir, 'no-such.env'),
      DOTENV_CONFIG_QUIET: 'true',
      ...faultSettings,
      STORAGE_CONNECTION_STRING: options.connectionString,
      STORAGE_TABLE_PREFIX: options.prefix,
      PORT: String(port),
    };
    for (const [key, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      // Whatever happens to the jest worker, no bot outlives it.
      process.once('exit', () => {
        for (const bot of running) bot.signal('SIGKILL');
      });
    }
    const bot = new BotProcess(options.name, port, options.entry, env);
    running.add(bot);
    return bot;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once GET /healthz answers 200; rejects with the bot's output if it exits or takes too long. */
  async ready(timeoutMs = 20_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`${this.name} exited before it was healthy:\n${this.tail(30)}`);
      try {
        const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1_000) });
        await response.arrayBuffer();
        if (response.status === 200) return this;
      } catch {
        // Not listening yet.
      }
      await sleep(50);
    }
    throw new Error(`${this.name} was not healthy within ${timeoutMs} ms:\n${this.tail(30)}`);
  }

  /** kill -9: no shutdown hook runs, in-flight work is lost. Resolves once the process is gone. */
  async kill9(): Promise<void> {
    if (!this.alive) return;
    this.signal('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (a clean stop), SIGKILL after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (!this.alive) return;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Resolves with the first log line (already written or to come) that matches. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs: number, what = 'a matching log line'): Promise<LogLine> {
    return this.logMatches.waitFor(predicate, timeoutMs, `${this.name}: ${what} was not logged within ${timeoutMs} ms`);
  }

  /** The last lines of output, readable. */
  tail(count: number): string {
    return this.logs
      .slice(-count)
      .map((line) => formatLine(line, this.spawnedAt))
      .join('\n');
  }

  /** Every line of output, readable. */
  dump(): string {
    return this.logs.map((line) => formatLine(line, this.spawnedAt)).join('\n');
  }

  private signal(signal: NodeJS.Signals): void {
    // Only this child, by its own PID.
    if (this.alive && this.child.pid !== undefined) this.child.kill(signal);
  }

  private collect(stream: NodeJS.ReadableStream | null, name: LogLine['stream']): void {
    if (!stream) return;
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.record(name, line);
    });
    stream.on('end', () => {
      if (rest.trim()) this.record(name, rest);
    });
  }

  private record(stream: LogLine['stream'], raw: string): void {
    const line: LogLine = { at: Date.now(), stream, raw };
    if (raw.startsWith('{')) {
      try {
        line.json = JSON.parse(raw) as LogLine['json'];
      } catch {
        // Not pino's: kept as text.
      }
    }
    this.logs.push(line);
    this.logMatches.offer(line);
  }
}

/** Kills every bot still running in this worker (kill -9: the tests are over, nothing to keep). */
export async function killAllBots(): Promise<void> {
  await Promise.all([...running].map((bot) => bot.kill9()));
}

function formatLine(line: LogLine, origin: number): string {
  const offset = `+${String(line.at - origin).padStart(6)}ms`;
  if (!line.json) return `${offset} ${line.stream === 'stderr' ? '[stderr] ' : ''}${line.raw}`;
  const { level, msg, time: _time, service: _service, config, ...rest } = line.json;
  const levels: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
  const extra: Record<string, unknown> = config ? { config: '…' } : { ...rest };
  // Errors keep their message and where they were thrown, not the whole stack.
  const err = extra.err as { stack?: string } | undefined;
  if (err?.stack) extra.err = { ...err, stack: err.stack.split('\n').slice(0, 3).join(' | ') };
  return `${offset} ${levels[level ?? 30] ?? level} ${msg ?? ''} ${JSON.stringify(extra)}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export { freePort };
