/**
 * `npm start`: the whole product on one machine, offline. Starts embedded Table Storage (Azurite)
 * when no connection string is set, the bot (dist/bot/dev/dev-main.js: production's entry point
 * dist/bot/main.js plus the playground's users for the overview's development sign-in), and the
 * Agents Playground as a local Teams when no real bot app id is set; binds the playground's Halteam
 * and General channels; stops all of it on Ctrl-C.
 */
import '../config/env-file';
import path from 'node:path';
import { loadConfig } from '../config/load-config';
import { addButton } from '../alarms/button-admin';
import { protocolButtons } from '../alarms/protocol-buttons';
import type { AppConfig } from '../config/config-schema';
import { createAlarmTable } from '../alarms/alarm-table';
import { wantsGraphStandIn } from '../platform/graph/graph-client';
import { GraphStandIn, standInUsersFrom } from '../platform/graph/graph-stand-in';
import { createTableProvider } from '../platform/storage/table-provider';
import { systemClock } from '../shared/clock';
import { isHalteamError } from '../shared/errors';
import { startAzurite } from './azurite-process';
import { startChild, waitForOutput, type ManagedChild } from './child-process';
import { halteamChannelId, readMockTenant } from './mock-tenant';
import { PlaygroundClient } from './playground-client';
import { startPlayground, type RunningPlayground } from './playground-process';

const projectRoot = path.resolve(__dirname, '../../..');
/** What we started, stopped in this order (see stopAll). */
const running: { playground?: ManagedChild; bot?: ManagedChild; storage?: ManagedChild } = {};
let playgroundStarting: Promise<RunningPlayground> | undefined;
let stopping = false;

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

let stopped: Promise<void> | undefined;

/**
 * Stops every child we started, once, then exits: the playground first (its open connections would
 * hold up the bot's stop), then the bot, then storage, after the bot's last writes. Storage stops with
 * SIGINT, the one signal on which Azurite saves its file (see azurite-process.ts), whichever signal
 * stopped us; it runs in its own process group, so a terminal's Ctrl-C or SIGHUP reaches it only
 * through here.
 */
async function stopAll(code: number): Promise<never> {
  if (!stopped) {
    stopping = true;
    say('\nHalteam stopt…');
    stopped = (async () => {
      // A playground still starting is handed over once it listens.
      await playgroundStarting?.catch(() => undefined);
      for (const child of [running.playground, running.bot, running.storage]) {
        await child?.stop().catch(() => undefined);
      }
    })();
  }
  await stopped;
  process.exit(code);
}

async function main(): Promise<void> {
  // Ctrl-C; a service manager (or `kill`); a terminal window closing.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));
  // After a terminal closed, writing to it fails: that must not end us before storage is saved.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);

  const env: NodeJS.ProcessEnv = { ...process.env };
  const tenantFile = path.join(projectRoot, '.m365agentsplayground.yml');
  const tenant = readMockTenant(tenantFile);
  const local = !env.MICROSOFT_APP_ID;
  const port = Number(env.PORT ?? 3978);

  // The playground needs only the bot's address: it starts while storage and the bot do.
  if (local) {
    playgroundStarting = startPlayground({
      projectRoot,
      botEndpoint: `http://localhost:${port}/api/messages`,
      port: Number(env.PLAYGROUND_PORT ?? 56150),
      configPath: tenantFile,
    }).then((playground) => {
      running.playground = playground.child;
      playground.child.exited.then((code) => {
        if (!stopping) {
          say(`De Playground is gestopt (exit ${code}).`);
          void stopAll(1);
        }
      });
      return playground;
    });
    // Awaited below; should start-up fail before that, this failure is not the one to report.
    playgroundStarting.catch(() => undefined);
  }

  if (!env.STORAGE_CONNECTION_STRING) {
    const azurite = await startAzurite({
      projectRoot,
      location: path.join(projectRoot, '.data/azurite'),
      port: Number(env.AZURITE_TABLE_PORT ?? 10002),
      ownProcessGroup: true,
      warn: say,
    });
    running.storage = azurite.child;
    env.STORAGE_CONNECTION_STRING = azurite.connectionString;
    say(`Opslag:     Azurite (lokaal) op 127.0.0.1:${azurite.port}, gegevens in .data/azurite`);
  } else {
    say('Opslag:     Azure Table Storage uit STORAGE_CONNECTION_STRING');
  }
  if (local && !env.BOT_ADMINS) env.BOT_ADMINS = tenant.currentUser.aadObjectId;
  // No Graph credentials: a Graph stand-in on this machine with the playground's people, so aftercare
  // (Outlook calendars) can be tried. Never started when GRAPH_* credentials are set.
  if (wantsGraphStandIn(env)) {
    const graph = new GraphStandIn(standInUsersFrom(tenant));
    env.GRAPH_BASE_URL = await graph.start();
    say(`Graph:      stand-in op ${env.GRAPH_BASE_URL} (geen GRAPH_* gezet; agenda's in het geheugen)`);
  } else {
    say('Graph:      Microsoft Graph met GRAPH_CLIENT_ID en GRAPH_CLIENT_SECRET');
  }

  try {
    loadConfig(env);
  } catch (error) {
    if (isHalteamError(error)) say(error.message);
    return stopAll(78);
  }

  const bot = startChild('bot', process.execPath, [path.join(projectRoot, 'dist/bot/dev/dev-main.js')], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.bot = bot;
  bot.process.stdout?.pipe(process.stdout);
  bot.exited.then((code) => {
    if (!stopping) {
      say(`De bot is gestopt (exit ${code}).`);
      void stopAll(1);
    }
  });
  await waitForOutput(bot, /Halteam is listening/, 30_000);
  const seeded = await seedProtocolButtons(loadConfig(env));
  if (seeded > 0) say(`Knoppen:    ${seeded} alarmknoppen uit het protocol geregistreerd (npm run button -- list)`);
  const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
  say(`Bot:        http://localhost:${port}/api/messages  (readyz: ${ready.status})`);

  if (!local) {
    say('MICROSOFT_APP_ID is gezet: de bot praat met echte Teams; de lokale Playground start niet.');
    return;
  }

  const playground = await (playgroundStarting as Promise<RunningPlayground>);

  const client = new PlaygroundClient(playground.url, tenant.bot.id);
  const coordinator = { id: tenant.currentUser.id, name: tenant.currentUser.name };
  await client.install(tenant.team.id);
  await client.say(halteamChannelId(tenant), coordinator, 'koppel halteam', { mention: true });
  await client.say(tenant.team.id, coordinator, 'koppel dagstart', { mention: true });

  say(`Teams:      ${playground.url}  (Microsoft 365 Agents Playground, team "${tenant.team.name}")`);
  say('            Kanaal "Halteam" en kanaal "General" (dagstart) zijn gekoppeld.');
  say('');
  say('Probeer eerst:');
  say(`  1. Open ${playground.url} en typ "help" in de persoonlijke chat met Halteam.`);
  say('  2. Druk op een alarmknop (in een tweede terminal):  npm run button -- press balie-noord-1');
  say('     (een test: npm run button -- press nbg24 --test)');
  say('     en kijk in het kanaal Halteam; klik daar op "Ik kom eraan".');
  say(`  3. Typ "melden" in de persoonlijke chat, en bekijk het overzicht: http://localhost:${port}/tab/index.html`);
  say('');
  say('Stoppen: Ctrl-C.');
}

/** First run: the buttons the protocol names (Bijlage 10), each with its own secret. */
async function seedProtocolButtons(config: AppConfig): Promise<number> {
  const store = createAlarmTable(createTableProvider(config.STORAGE_CONNECTION_STRING, config.STORAGE_TABLE_PREFIX));
  let created = 0;
  for (const button of protocolButtons) {
    const { result } = await addButton({ ...button, authMode: 'signature' }, { store, clock: systemClock });
    if (result === 'created') created++;
  }
  return created;
}

main().catch((error: unknown) => {
  say(`Starten lukte niet: ${error instanceof Error ? error.message : String(error)}`);
  void stopAll(1);
});
