import path from 'node:path';
import fs from 'node:fs';
import { developmentConnectionString } from '../platform/storage/table-provider';
import { freePort, startChild, waitForPort, type ManagedChild } from './child-process';

export interface RunningAzurite {
  child: ManagedChild;
  port: number;
  connectionString: string;
}

/**
 * Azurite keeps tables in memory and writes its file every 5 s, and at exit on SIGINT only: any other
 * way to end it loses what it acknowledged since the last save. So Azurite is only ever stopped with
 * one SIGINT (a second one, while it saves, would kill it), and this guard, loaded before Azurite,
 * makes every other ending a SIGINT too:
 * - SIGTERM and SIGHUP (a service manager stopping the whole tree, a closed terminal) close it as
 *   SIGINT does;
 * - signals after the first are ignored instead of killing it half-way through the save;
 * - when the process that started it is gone (killed, crashed), it closes itself.
 * A signal that comes before Azurite listens is kept until it does (Azurite registers its SIGINT
 * handler once it serves). Plain JavaScript, passed inline, so it works from dist/ and from ts-node.
 */
const guard = `
const parent = process.ppid;
let requested = false;
let poll;
const azuriteListens = () => process.listeners('SIGINT').some((listener) => listener !== onSignal);
function onSignal(signal) {
  if (signal === 'SIGINT' && azuriteListens()) {
    // Azurite's own listener runs right after this one and takes this SIGINT.
    requested = true;
    clearInterval(poll);
    return;
  }
  if (requested) return;
  requested = true;
  poll = setInterval(() => {
    if (!azuriteListens()) return;
    clearInterval(poll);
    process.emit('SIGINT', 'SIGINT');
  }, 20);
  poll.unref();
  setTimeout(() => process.exit(1), 60000).unref();
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal);
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  onSignal('parent gone');
}, 500);
watch.unref();
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);
`;

/** How long Azurite may take to save and exit before it is killed (its file is a few MB at most). */
export const azuriteStopGraceMs = 15_000;

/**
 * Starts Azurite's table service from the `azurite` npm package on loopback, telemetry off.
 * `location` keeps data on disk (npm start); without it, data lives in memory (tests).
 * `ownProcessGroup`: the launcher's choice, so that a terminal's Ctrl-C or SIGHUP reaches the launcher
 * only, which stops the bot first and storage last. Stopping it (`child.stop()`) sends one SIGINT and
 * waits up to `azuriteStopGraceMs`, then kills it with a warning.
 */
export async function startAzurite(options: {
  location?: string;
  port?: number;
  projectRoot: string;
  ownProcessGroup?: boolean;
  warn?: (line: string) => void;
}): Promise<RunningAzurite> {
  const port = options.port ?? (await freePort());
  const main = path.join(options.projectRoot, 'node_modules/azurite/dist/src/table/main.js');
  const args = [
    `--import=data:text/javascript,${encodeURIComponent(guard)}`,
    main,
    '--tableHost',
    '127.0.0.1',
    '--tablePort',
    String(port),
    '--disableTelemetry',
    '--skipApiVersionCheck',
    '--silent',
  ];
  if (options.location) {
    fs.mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child = startChild(
    'azurite',
    process.execPath,
    args,
    { cwd: options.location ?? options.projectRoot },
    { signal: 'SIGINT', graceMs: azuriteStopGraceMs, ownProcessGroup: options.ownProcessGroup, warn: options.warn },
  );
  await Promise.race([
    waitForPort(port, 20_000),
    child.exited.then((code) => {
      throw new Error(`Azurite exited with ${code} before it listened on port ${port}`);
    }),
  ]);
  return { child, port, connectionString: developmentConnectionString('127.0.0.1', port) };
}
