import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { startAzurite, type RunningAzurite } from '../../bot/dev/azurite-process';
import { freePort, startChild } from '../../bot/dev/child-process';
import { developmentConnectionString } from '../../bot/platform/storage/table-provider';
import { buildBot, repoRoot } from '../faults/support/build-bot';
import { within } from '../support/waiting';

/**
 * `npm start` stopped by a signal must not lose what storage acknowledged: Azurite writes its file
 * every 5 s and on SIGINT only. The real launcher (bot/dev/start.ts, built as the fault suite builds the
 * bot, into a scratch project with the repository's node_modules) runs with its persistent Azurite in
 * that scratch project; a row is written, the launcher is signalled at once, and a new Azurite on the
 * same files must read the row back. MICROSOFT_APP_* placeholders keep the playground from starting.
 */

const table = 'launcherstop';

interface Launcher {
  process: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

let scratch: string | undefined;
let launcher: Launcher | undefined;
let azuritePort: number | undefined;
const azurites: RunningAzurite[] = [];

async function scratchProject(): Promise<string> {
  const entry = await buildBot();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'halteam-launcher-stop-'));
  fs.cpSync(path.dirname(path.dirname(entry)), path.join(dir, 'dist'), { recursive: true });
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.copyFileSync(path.join(repoRoot, '.m365agentsplayground.yml'), path.join(dir, '.m365agentsplayground.yml'));
  return dir;
}

function env(botPort: number, storagePort: number): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of Object.keys(base)) {
    if (/^(STORAGE_|TEST_STORAGE_|GRAPH_|MICROSOFT_APP_)/.test(name)) delete base[name];
  }
  return {
    ...base,
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    PORT: String(botPort),
    AZURITE_TABLE_PORT: String(storagePort),
    MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
    MICROSOFT_APP_PASSWORD: 'placeholder',
    MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-000000000002',
  };
}

/** The launcher as `npm start` runs it, the leader of its own process group (a terminal's job). */
async function startLauncher(dir: string): Promise<Launcher> {
  azuritePort = await freePort();
  const child = spawn(process.execPath, [path.join(dir, 'dist/bot/dev/start.js')], {
    cwd: dir,
    env: env(await freePort(), azuritePort),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (/MICROSOFT_APP_ID is gezet/.test(output.join(''))) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`the launcher exited (${code}):\n${output.join('').slice(-3000)}`)));
  });
  launcher = { process: child, output, exited };
  await within(ready, 40_000, `the launcher was not ready:\n${output.join('').slice(-3000)}`);
  return launcher;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitUntilClosed(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (await portOpen(port)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

const client = (port: number) =>
  TableClient.fromConnectionString(developmentConnectionString('127.0.0.1', port), table, {
    allowInsecureConnection: true,
  });

/** Writes one row (acknowledged once this resolves), then signals at once. */
async function writeThenSignal(port: number, signal: () => void): Promise<string> {
  const rowKey = `row-${Date.now()}`;
  const tableClient = client(port);
  await tableClient.createTable();
  await tableClient.createEntity({ partitionKey: 'stop', rowKey, note: 'acknowledged before the signal' });
  signal();
  return rowKey;
}

/** A new Azurite on the same files: is the row there? */
async function readBack(location: string, rowKey: string): Promise<string | undefined> {
  const azurite = await startAzurite({ projectRoot: repoRoot, location });
  azurites.push(azurite);
  try {
    const row = await client(azurite.port).getEntity<{ note: string }>('stop', rowKey);
    return row.note;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

afterEach(async () => {
  for (const azurite of azurites.splice(0)) await azurite.child.stop();
  const running = launcher;
  launcher = undefined;
  if (running && running.process.exitCode === null && running.process.signalCode === null) {
    // Only the group this test started: the launcher and the children it left in its group.
    process.kill(-(running.process.pid as number), 'SIGKILL');
    await running.exited;
  }
  // Storage in its own group closes itself once the launcher is gone; wait for it before removing its files.
  if (azuritePort !== undefined) await waitUntilClosed(azuritePort, 10_000);
  azuritePort = undefined;
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe('stopping npm start keeps every acknowledged write', () => {
  it.each([
    ['SIGTERM to the launcher (a service manager, kill)', (pid: number) => process.kill(pid, 'SIGTERM')],
    ['SIGHUP to its process group (the terminal window closes)', (pid: number) => process.kill(-pid, 'SIGHUP')],
    ['SIGINT to its process group (Ctrl-C)', (pid: number) => process.kill(-pid, 'SIGINT')],
  ])(
    '%s',
    async (_how, send) => {
      scratch = await scratchProject();
      const running = await startLauncher(scratch);
      const port = azuritePort as number;
      const rowKey = await writeThenSignal(port, () => send(running.process.pid as number));

      const code = await within(running.exited, 30_000, 'the launcher did not stop');
      // Storage stopped with the launcher; nothing is left listening.
      const storageStopped = await waitUntilClosed(port, 10_000);
      const row = storageStopped ? await readBack(path.join(scratch, '.data/azurite'), rowKey) : 'not read';

      expect({ code, storageStopped, row, output: running.output.join('') }).toMatchObject({
        code: 0,
        storageStopped: true,
        row: 'acknowledged before the signal',
      });
    },
    60_000,
  );

  it('Azurite saves when it is sent SIGTERM itself (a service manager signalling every process)', async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'halteam-azurite-stop-'));
    const location = path.join(scratch, 'azurite');
    const azurite = await startAzurite({ projectRoot: repoRoot, location, ownProcessGroup: true });
    const rowKey = await writeThenSignal(azurite.port, () => azurite.child.process.kill('SIGTERM'));
    // A second signal while it saves is ignored instead of killing it half-way.
    azurite.child.process.kill('SIGINT');
    await within(azurite.child.exited, 15_000, 'Azurite did not stop');

    expect(await readBack(location, rowKey)).toBe('acknowledged before the signal');
  });

  it('a child that does not stop within its grace period is killed, with a warning', async () => {
    const warnings: string[] = [];
    const stubborn = startChild(
      'stubborn',
      process.execPath,
      ['-e', "process.on('SIGINT', () => console.log('ignored')); console.log('up'); setInterval(() => {}, 1000)"],
      {},
      { signal: 'SIGINT', graceMs: 300, warn: (line) => warnings.push(line) },
    );
    await new Promise((resolve) => stubborn.process.stdout?.once('data', resolve));
    await within(stubborn.stop(), 10_000, 'the child was not killed');

    expect(stubborn.process.signalCode).toBe('SIGKILL');
    expect(warnings).toEqual([expect.stringMatching(/stubborn .* niet binnen 0.3 s na SIGINT .* SIGKILL/)]);
  });
});
