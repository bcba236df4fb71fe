/**
 * `npm run bench:alarm`: latency from a button's webhook to the alarm card arriving at the Bot
 * Connector, at 1, 10 and 50 concurrent presses (bursts of that many at once, each burst after the
 * previous one has settled), beside the floor for the same I/O: an HTTP endpoint
 * that does one table write and one POST to the same connector. Real Azurite, real HTTP on loopback.
 *
 * The button hardware and the Bot Connector stand-in run in a worker thread (`outside-world.ts`), as
 * they are other machines in production; the bot and the floor server share the main thread.
 *
 * The alarm run has Teams' pacing off, which shows the cost of our own pipeline against the floor.
 * `npm run bench:alarm -- --teams-limits` adds a run with the pacing on (7 messages per second per
 * conversation, as in production), which holds a burst's cards back on purpose and takes minutes.
 */
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { TableClient, type TransactionAction } from '@azure/data-tables';
import { createApp } from '../bot/app';
import { addButton } from '../bot/alarms/button-admin';
import { loadConfig } from '../bot/config/load-config';
import { startAzurite } from '../bot/dev/azurite-process';
import { createAlarmTable } from '../bot/alarms/alarm-table';
import { createTableProvider } from '../bot/platform/storage/table-provider';
import { systemClock } from '../bot/shared/clock';
import { createLogger } from '../bot/shared/logger';
import type { WorldAnswer, WorldButton, WorldRequest } from './outside-world';

/**
 * Presses at once, and how many such bursts are measured. p99 needs enough bursts: at 50 at once,
 * one slow burst is 50 samples, so 20 bursts would make p99 the single slowest burst.
 */
const levels = [
  { concurrency: 1, bursts: 1000 },
  { concurrency: 10, bursts: 400 },
  { concurrency: 50, bursts: 200 },
];
/** With Teams' pacing a channel takes about two cards a second, so that run uses far fewer bursts. */
const pacedLevels = [
  { concurrency: 1, bursts: 20 },
  { concurrency: 10, bursts: 4 },
  { concurrency: 50, bursts: 2 },
];
/** `-- --teams-limits` adds a run with Teams' own pacing on (slow: it holds cards back on purpose). */
const withTeamsLimits = process.argv.includes('--teams-limits');
const channel = '19:halteam@thread.tacv2';
const projectRoot = path.resolve(__dirname, '..');

const describe = (list: typeof levels) =>
  list.map((level) => `${level.bursts} bursts of ${level.concurrency}`).join(', ');

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/** The worker thread with the button hardware and the connector stand-in; one request at a time. */
async function startOutsideWorld(): Promise<{
  connectorUrl: string;
  graphUrl: string;
  ask(request: WorldRequest): Promise<WorldAnswer>;
  stop(): Promise<number>;
}> {
  const worker = new Worker(path.join(__dirname, 'outside-world.ts'), {
    execArgv: ['--require', 'ts-node/register/transpile-only'],
  });
  let pending: { resolve: (answer: WorldAnswer) => void; reject: (error: Error) => void } | undefined;
  const next = () =>
    new Promise<WorldAnswer>((resolve, reject) => {
      pending = { resolve, reject };
    });
  worker.on('message', (answer: WorldAnswer) => {
    const waiting = pending;
    pending = undefined;
    if (answer.op === 'failed') waiting?.reject(new Error(`outside world: ${answer.message}`));
    else waiting?.resolve(answer);
  });
  worker.on('error', (error) => pending?.reject(error));
  const ready = await next();
  if (ready.op !== 'ready') throw new Error('outside world did not start');
  return {
    connectorUrl: ready.connectorUrl,
    graphUrl: ready.graphUrl,
    ask(request) {
      const answer = next();
      worker.postMessage(request);
      return answer;
    },
    stop: () => worker.terminate(),
  };
}

async function main(): Promise<void> {
  const azurite = await startAzurite({ projectRoot });
  const world = await startOutsideWorld();
  const latencies = async (request: WorldRequest): Promise<number[]> => {
    const answer = await world.ask(request);
    if (answer.op !== 'latencies') throw new Error(`unexpected answer ${answer.op}`);
    return answer.samples;
  };

  const rows: string[] = [];
  let pushCalls = 0;
  try {
    // --- floors: behind the same kind of HTTP endpoint, one table write then one POST to the same connector
    const floorTable = TableClient.fromConnectionString(azurite.connectionString, 'benchfloor', {
      allowInsecureConnection: true,
    });
    await floorTable.createTable();
    /** The card body the bot sent for one press, with that button's id in it (captured after the warm-up). */
    let card: { body: string; key: string } | undefined;
    const floorServer = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const { key, sameIo } = JSON.parse(Buffer.concat(chunks).toString()) as { key: string; sameIo: boolean };
        if (sameIo) await floorTable.submitTransaction(pressRows(key));
        else await floorTable.createEntity({ partitionKey: key, rowKey: 'x', at: new Date().toISOString() });
        res.statusCode = 202;
        res.end();
        const body =
          sameIo && card ? card.body.split(card.key).join(key) : JSON.stringify({ type: 'message', text: key });
        await fetch(`${world.connectorUrl}/v3/conversations/${encodeURIComponent(channel)}/activities`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
      });
    });
    await new Promise<void>((resolve) => floorServer.listen(0, '127.0.0.1', resolve));
    const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}`;
    const floorBurst = (target: 'floor' | 'bare', concurrency: number) =>
      latencies({ op: 'burst', target, url: floorUrl, concurrency });

    for (const pacing of withTeamsLimits ? [false, true] : [false]) {
      const prefix = `bench${pacing ? 'p' : 'u'}${randomUUID().replace(/-/g, '').slice(0, 6)}`;
      const config = loadConfig({
        STORAGE_CONNECTION_STRING: azurite.connectionString,
        STORAGE_TABLE_PREFIX: prefix,
        PORT: '0',
        LOG_LEVEL: 'silent',
        BUTTON_PRESSES_PER_MINUTE: '1000',
        // Every alarm is pushed to the members' phones after its card (the Graph stand-in).
        GRAPH_BASE_URL: world.graphUrl,
      });
      // Buttons are registered long before anyone presses them (the CLI, another process): the bot
      // reads the registry at start, as in production.
      const store = createAlarmTable(createTableProvider(config.STORAGE_CONNECTION_STRING, prefix));
      const runLevels = pacing ? pacedLevels : levels;
      const total = 50 + runLevels.reduce((sum, level) => sum + level.concurrency * level.bursts, 0);
      const buttons: WorldButton[] = [];
      for (let index = 0; index < total; index++) {
        const id = `bench-${index}-${randomUUID().slice(0, 8)}`;
        const { button } = await addButton(
          { id, kind: 'noodknop', location: `Loket ${id}`, authMode: 'signature' },
          { store, clock: systemClock },
        );
        buttons.push({ id: button.id, secret: button.secret });
      }
      const app = createApp(config, { logger: createLogger('silent'), messengerPacing: pacing ? undefined : [] });
      const url = await app.start();
      await app.conversations.saveBinding({
        role: 'halteam',
        reference: {
          serviceUrl: world.connectorUrl,
          channelId: 'msteams',
          conversation: { id: channel, conversationType: 'channel' },
        },
        boundBy: 'bench',
        boundAt: new Date().toISOString(),
      });
      let used = 0;
      /** `concurrency` presses of unused buttons at the same moment, then a pause until the bot is idle. */
      const alarmBurst = async (concurrency: number) => {
        const samples = await latencies({
          op: 'burst',
          target: 'alarm',
          url,
          buttons: buttons.slice(used, used + concurrency),
        });
        used += concurrency;
        await app.alarms.idle();
        return samples;
      };
      for (let round = 0; round < (pacing ? 2 : 10); round++) await alarmBurst(5); // warm-up
      const captured = await world.ask({ op: 'lastCard' });
      if (captured.op !== 'lastCard' || !captured.card) throw new Error('no card arrived during the warm-up');
      card = captured.card;
      for (let round = 0; round < 10; round++) {
        await floorBurst('floor', 5);
        await floorBurst('bare', 5);
      }

      for (const { concurrency, bursts } of runLevels) {
        // The floors and the alarm take turns burst by burst, so all meet the same storage and machine noise.
        const alarmSamples: number[] = [];
        const floorSamples: number[] = [];
        const bareSamples: number[] = [];
        for (let round = 0; round < bursts; round++) {
          bareSamples.push(...(await floorBurst('bare', concurrency)));
          floorSamples.push(...(await floorBurst('floor', concurrency)));
          alarmSamples.push(...(await alarmBurst(concurrency)));
        }
        const alarm = summarise(alarmSamples);
        const floor = summarise(floorSamples);
        const bare = summarise(bareSamples);
        rows.push(
          `| ${pacing ? 'Teams limits' : 'off'} | ${concurrency} | ${alarm.p50.toFixed(1)} | ${alarm.p95.toFixed(1)} | ${alarm.p99.toFixed(1)} | ` +
            `${floor.p50.toFixed(1)} | ${floor.p95.toFixed(1)} | ${floor.p99.toFixed(1)} | **${(alarm.p99 / floor.p99).toFixed(2)}×** | ` +
            `${bare.p99.toFixed(1)} | ${(alarm.p99 / bare.p99).toFixed(2)}× |`,
        );
      }
      // Pushes run behind the cards (the scheduler's jobs): give the last ones a moment, then count them.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const pushed = await world.ask({ op: 'pushes' });
      if (pushed.op === 'pushes') pushCalls = pushed.count;
      await app.stop();
    }
    floorServer.close();
  } finally {
    await world.stop();
    await azurite.child.stop();
  }

  process.stdout.write(
    `Alarm latency, webhook sent → card POST received by the connector (ms), ${describe(levels)}${withTeamsLimits ? ` (with Teams limits: ${describe(pacedLevels)})` : ''}, Node ${process.version}\n\n` +
      '| Teams pacing | concurrent | alarm p50 | p95 | p99 | floor p50 | p95 | p99 | p99 / floor | bare floor p99 | p99 / bare |\n' +
      '|---|---|---|---|---|---|---|---|---|---|---|\n' +
      `${rows.join('\n')}\n\nActivity-feed pushes the Graph stand-in took during the run: ${pushCalls}.\n`,
  );
}

/**
 * The rows one press writes in its single entity-group transaction (webhook id, alarm, the button's
 * open-alarm slot, its last press), the same size as the bot's: the floor's "same I/O".
 */
function pressRows(partitionKey: string): TransactionAction[] {
  const at = new Date().toISOString();
  const alarm = {
    id: `20261124-120000-${partitionKey.slice(-6)}`,
    buttonId: partitionKey,
    kind: 'noodknop',
    location: `Loket ${partitionKey}`,
    exercise: false,
    pressedAt: at,
    receivedAt: at,
    presses: 1,
    responders: [],
    escalations: [],
    status: 'open',
  };
  return [
    ['create', { partitionKey, rowKey: `hook-msg_${partitionKey}`, alarmId: alarm.id, receivedAt: at }],
    [
      'create',
      {
        partitionKey,
        rowKey: `alarm-${alarm.id}`,
        data: JSON.stringify(alarm),
        status: 'open',
        receivedAt: at,
        cardState: 'pending',
        deliveryLeaseUntil: at,
      },
    ],
    ['upsert', { partitionKey, rowKey: 'button', openAlarmId: alarm.id }, 'Merge'],
    ['upsert', { partitionKey, rowKey: 'status', lastPressAt: at }, 'Merge'],
  ];
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
