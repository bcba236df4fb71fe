/**
 * `npm run bench:alarm`: latency from a button's webhook to the alarm card arriving at the Bot
 * Connector, at 1, 10 and 50 concurrent presses (bursts of that many at once, each burst after the
 * previous one has settled), beside the floor for the same I/O: an HTTP endpoint
 * that does one table write and one POST to the same connector. Real Azurite, real HTTP on loopback.
 *
 * Two alarm runs: with Teams' pacing (7 messages per second per conversation, as in production) and
 * without it, which shows the cost of our own pipeline against the floor.
 */
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { TableClient } from '@azure/data-tables';
import { createApp } from '../bot/app';
import { addButton } from '../bot/alarms/button-admin';
import type { Button } from '../bot/alarms/button-model';
import { signButtonRequest } from '../bot/alarms/webhook-auth';
import { loadConfig } from '../bot/config/load-config';
import { startAzurite } from '../bot/dev/azurite-process';
import { createAlarmTable } from '../bot/platform/storage/alarm-table';
import { systemClock } from '../bot/shared/clock';
import { createLogger } from '../bot/shared/logger';
import { FakeConnector } from '../test/support/fake-connector';

const concurrencies = [1, 10, 50];
const samplesPerLevel = 200;
const channel = '19:halteam@thread.tacv2';

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/** Runs `samples` operations, `concurrency` at a time; each returns its latency in ms. */
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
  const connector = new FakeConnector();
  await connector.start();
  const arrivals = new Map<string, (at: number) => void>();
  const record = connector['record'].bind(connector) as (call: {
    body: Record<string, unknown>;
    method: string;
  }) => void;
  // Resolve the waiting sample when the connector receives its POST (card or floor message).
  connector['record'] = (call: { body: Record<string, unknown>; method: string; status: number }) => {
    record(call as never);
    if (call.method !== 'POST') return;
    const key = /"(bench-[^"]+)"/.exec(JSON.stringify(call.body))?.[1];
    const done = key ? arrivals.get(key) : undefined;
    if (done) done(performance.now());
  };
  const arrival = (key: string) => new Promise<number>((resolve) => arrivals.set(key, resolve));

  const rows: string[] = [];
  try {
    // --- floor: one table write + one POST to the same connector, behind the same kind of HTTP endpoint
    const floorTable = TableClient.fromConnectionString(azurite.connectionString, 'benchfloor', {
      allowInsecureConnection: true,
    });
    await floorTable.createTable();
    const floorServer = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const key = JSON.parse(Buffer.concat(chunks).toString()).key as string;
        await floorTable.createEntity({ partitionKey: key, rowKey: 'x', at: new Date().toISOString() });
        res.statusCode = 202;
        res.end();
        await fetch(`${connector.url}/v3/conversations/${encodeURIComponent(channel)}/activities`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', text: key }),
        });
      });
    });
    await new Promise<void>((resolve) => floorServer.listen(0, '127.0.0.1', resolve));
    const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}`;
    const floorOnce = async () => {
      const key = `bench-${randomUUID()}`;
      const arrived = arrival(key);
      const start = performance.now();
      await fetch(floorUrl, { method: 'POST', body: JSON.stringify({ key }) });
      return (await arrived) - start;
    };
    await load(5, 50, floorOnce); // warm-up

    const floor = new Map<number, ReturnType<typeof summarise>>();
    for (const concurrency of concurrencies)
      floor.set(concurrency, summarise(await load(concurrency, samplesPerLevel, floorOnce)));
    floorServer.close();

    for (const pacing of [true, false]) {
      const prefix = `bench${pacing ? 'p' : 'u'}${randomUUID().replace(/-/g, '').slice(0, 6)}`;
      const config = loadConfig({
        STORAGE_CONNECTION_STRING: azurite.connectionString,
        STORAGE_TABLE_PREFIX: prefix,
        PORT: '0',
        LOG_LEVEL: 'silent',
        BUTTON_PRESSES_PER_MINUTE: '1000',
      });
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
      const store = createAlarmTable(app.tables);
      const total = 50 + samplesPerLevel * concurrencies.length;
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
      for (const button of buttons.slice(0, 50)) await store.getButton(button.id); // as after a first press: cached
      await load(5, 50, pressOnce, () => app.alarms.idle()); // warm-up
      await app.alarms.idle();
      for (const concurrency of concurrencies) {
        const alarm = summarise(await load(concurrency, samplesPerLevel, pressOnce, () => app.alarms.idle()));
        await app.alarms.idle();
        const base = floor.get(concurrency) as ReturnType<typeof summarise>;
        rows.push(
          `| ${pacing ? 'Teams limits' : 'off'} | ${concurrency} | ${alarm.p50.toFixed(1)} | ${alarm.p95.toFixed(1)} | ${alarm.p99.toFixed(1)} | ` +
            `${base.p50.toFixed(1)} | ${base.p95.toFixed(1)} | ${base.p99.toFixed(1)} | ${(alarm.p99 / base.p99).toFixed(2)}× |`,
        );
      }
      await app.stop();
    }
  } finally {
    await connector.stop();
    await azurite.child.stop();
  }

  process.stdout.write(
    `Alarm latency, webhook sent → card POST received by the connector (ms), ${samplesPerLevel} presses per level, Node ${process.version}\n\n` +
      '| Teams pacing | concurrent | alarm p50 | p95 | p99 | floor p50 | p95 | p99 | p99 / floor |\n' +
      '|---|---|---|---|---|---|---|---|---|\n' +
      `${rows.join('\n')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
