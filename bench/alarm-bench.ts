/**
 * `npm run bench:alarm`: latency from a button's webhook to the alarm card arriving at the Bot
 * Connector, at 1, 10 and 50 concurrent presses (bursts of that many at once, each burst after the
 * previous one has settled), beside the floor for the same I/O: an HTTP endpoint
 * that does one table write and one POST to the same connector. Real Azurite, real HTTP on loopback.
 *
 * The alarm run has Teams' pacing off, which shows the cost of our own pipeline against the floor.
 * `npm run bench:alarm -- --teams-limits` adds a run with the pacing on (7 messages per second per
 * conversation, as in production), which holds a burst's cards back on purpose and takes minutes.
 */
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { TableClient, type TransactionAction } from '@azure/data-tables';
import { createApp } from '../bot/app';
import { addButton } from '../bot/alarms/button-admin';
import type { Button } from '../bot/alarms/button-model';
import { signButtonRequest } from '../bot/alarms/webhook-auth';
import { loadConfig } from '../bot/config/load-config';
import { startAzurite } from '../bot/dev/azurite-process';
import { createAlarmTable } from '../bot/platform/storage/alarm-table';
import { createTableProvider } from '../bot/platform/storage/table-provider';
import { systemClock } from '../bot/shared/clock';
import { createLogger } from '../bot/shared/logger';
import { FakeConnector } from '../test/support/fake-connector';

/**
 * Presses at once, and how many such bursts are measured. p99 needs enough bursts: at 50 at once,
 * one slow burst is 50 samples, so 20 bursts would make p99 the single slowest burst.
 */
const levels = [
  { concurrency: 1, bursts: 600 },
  { concurrency: 10, bursts: 150 },
  { concurrency: 50, bursts: 80 },
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

/**
 * `concurrency` presses at the same moment (several buttons in one incident), then a pause until the
 * system is idle again (`settle`), repeated until `samples` presses are measured.
 */
async function load(
  concurrency: number,
  samples: number,
  operation: (index: number) => Promise<number>,
  settle: () => Promise<void> = async () => undefined,
): Promise<number[]> {
  const results: number[] = [];
  for (let start = 0; start < samples; start += concurrency) {
    const burst = Array.from({ length: Math.min(concurrency, samples - start) }, (_, offset) =>
      operation(start + offset),
    );
    results.push(...(await Promise.all(burst)));
    await settle();
  }
  return results;
}

async function main(): Promise<void> {
  const azurite = await startAzurite({ projectRoot: path.resolve(__dirname, '..') });
  const arrivals = new Map<string, (at: number) => void>();
  /** The last alarm card the connector received, with its button's id in it. */
  let lastCard: { body: string; buttonId: string } | undefined;
  // Resolve the waiting sample when the connector receives its POST (card or floor message).
  const connector = new FakeConnector({
    keepCalls: false,
    onCall: (call) => {
      if (call.method !== 'POST') return;
      const json = JSON.stringify(call.body);
      const key = /"(bench-[^"]+)"/.exec(json)?.[1];
      if (key && json.includes('AdaptiveCard')) lastCard = { body: json, buttonId: key };
      const done = key ? arrivals.get(key) : undefined;
      if (done) done(performance.now());
    },
  });
  await connector.start();
  const arrival = (key: string) => new Promise<number>((resolve) => arrivals.set(key, resolve));

  const rows: string[] = [];
  try {
    // --- floors: behind the same kind of HTTP endpoint, one table write then one POST to the same connector
    const floorTable = TableClient.fromConnectionString(azurite.connectionString, 'benchfloor', {
      allowInsecureConnection: true,
    });
    await floorTable.createTable();
    /** The card body the bot sent for one press, with that button's id in it (captured after the warm-up). */
    let card: { body: string; buttonId: string } | undefined;
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
          sameIo && card ? card.body.split(card.buttonId).join(key) : JSON.stringify({ type: 'message', text: key });
        await fetch(`${connector.url}/v3/conversations/${encodeURIComponent(channel)}/activities`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
      });
    });
    await new Promise<void>((resolve) => floorServer.listen(0, '127.0.0.1', resolve));
    const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}`;
    const floorOnce = (sameIo: boolean) => async () => {
      const key = `bench-${randomUUID()}`;
      const arrived = arrival(key);
      const start = performance.now();
      await fetch(floorUrl, { method: 'POST', body: JSON.stringify({ key, sameIo }) });
      return (await arrived) - start;
    };

    for (const pacing of withTeamsLimits ? [false, true] : [false]) {
      const prefix = `bench${pacing ? 'p' : 'u'}${randomUUID().replace(/-/g, '').slice(0, 6)}`;
      const config = loadConfig({
        STORAGE_CONNECTION_STRING: azurite.connectionString,
        STORAGE_TABLE_PREFIX: prefix,
        PORT: '0',
        LOG_LEVEL: 'silent',
        BUTTON_PRESSES_PER_MINUTE: '1000',
      });
      // Buttons are registered long before anyone presses them (the CLI, another process): the bot
      // reads the registry at start, as in production.
      const store = createAlarmTable(createTableProvider(config.STORAGE_CONNECTION_STRING, prefix));
      const runLevels = pacing ? pacedLevels : levels;
      const total = 50 + runLevels.reduce((sum, level) => sum + level.concurrency * level.bursts, 0);
      const buttons: Button[] = [];
      for (let index = 0; index < total; index++) {
        const id = `bench-${index}-${randomUUID().slice(0, 8)}`;
        buttons.push(
          (
            await addButton(
              { id, kind: 'noodknop', location: `Loket ${id}`, authMode: 'signature' },
              { store, clock: systemClock },
            )
          ).button,
        );
      }
      const app = createApp(config, { logger: createLogger('silent'), messengerPacing: pacing ? undefined : [] });
      const url = await app.start();
      await app.conversations.saveBinding({
        role: 'halteam',
        reference: {
          serviceUrl: connector.url,
          channelId: 'msteams',
          conversation: { id: channel, conversationType: 'channel' },
        },
        boundBy: 'bench',
        boundAt: new Date().toISOString(),
      });
      let used = 0;
      const pressOnce = async () => {
        const button = buttons[used++] as Button;
        const arrived = arrival(button.id);
        const now = new Date();
        const body = JSON.stringify({ type: 'press', pressedAt: now.toISOString() });
        const headers = signButtonRequest(button.secret, `msg_${randomUUID()}`, now, body);
        const start = performance.now();
        const response = await fetch(`${url}/api/buttons/${button.id}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
        if (response.status !== 202) throw new Error(`press answered ${response.status}`);
        return (await arrived) - start;
      };
      await load(5, pacing ? 10 : 50, pressOnce, () => app.alarms.idle()); // warm-up
      await app.alarms.idle();
      if (!lastCard) throw new Error('no card arrived during the warm-up');
      card = lastCard;
      await load(5, 50, floorOnce(true));
      await load(5, 50, floorOnce(false));

      for (const { concurrency, bursts } of runLevels) {
        // The floors and the alarm take turns burst by burst, so all meet the same storage and machine noise.
        const alarmSamples: number[] = [];
        const floorSamples: number[] = [];
        const bareSamples: number[] = [];
        for (let round = 0; round < bursts; round++) {
          bareSamples.push(...(await load(concurrency, concurrency, floorOnce(false))));
          floorSamples.push(...(await load(concurrency, concurrency, floorOnce(true))));
          alarmSamples.push(...(await load(concurrency, concurrency, pressOnce, () => app.alarms.idle())));
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
      await app.stop();
    }
    floorServer.close();
  } finally {
    await connector.stop();
    await azurite.child.stop();
  }

  process.stdout.write(
    `Alarm latency, webhook sent → card POST received by the connector (ms), ${describe(levels)}${withTeamsLimits ? ` (with Teams limits: ${describe(pacedLevels)})` : ''}, Node ${process.version}\n\n` +
      '| Teams pacing | concurrent | alarm p50 | p95 | p99 | floor p50 | p95 | p99 | p99 / floor | bare floor p99 | p99 / bare |\n' +
      '|---|---|---|---|---|---|---|---|---|---|---|\n' +
      `${rows.join('\n')}\n`,
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
