import { randomBytes, randomUUID } from 'node:crypto';
import type { Button } from '../../bot/alarms/button-model';
import { TcpProxy, type CutMode } from '../support/tcp-proxy';
import { sleep } from './support/alarm-story';
import type { BotProcess } from './support/bot-process';
import { faultTest, useFaultSuite, type FaultWorld, type PressOutcome } from './support/fault-world';

/** What a refusal may not tell the button's network: where storage is, how it failed inside. */
function internalDetails(proxy: TcpProxy, text: string): string[] {
  const patterns = [
    /127\.0\.0\.1/,
    /localhost/i,
    new RegExp(`:${proxy.port}\\b`),
    /devstoreaccount1/i,
    /AccountKey/i,
    /TableEndpoint/i,
    /E(CONNREFUSED|CONNRESET|TIMEDOUT)/,
    /\bat .+\.js:\d+/,
  ];
  return patterns.filter((pattern) => pattern.test(text)).map(String);
}

/** A press repeated with the same webhook id (as the hardware retries) until it is not a 503, within `ms`. */
async function pressUntilStored(
  world: FaultWorld,
  bot: BotProcess,
  button: Button,
  webhookId: string,
  ms: number,
): Promise<PressOutcome> {
  const deadline = Date.now() + ms;
  for (;;) {
    const outcome = await world.press(bot, button, { webhookId, timeoutMs: ms });
    if (outcome.status !== 503 || Date.now() > deadline) return outcome;
    await sleep(200);
  }
}

/**
 * Issue 14, item 8. The network between the bot and Table Storage is cut (a TCP proxy in between).
 * A press must be refused quickly and honestly: 503 with Retry-After within 2 s, no internal
 * addresses in the body; a forged press is still no 500 (401, or 503 when the registry cannot be read).
 * Once the network is back, the hardware's retry of the refused press is stored (202) and its card comes.
 */
describe('fault 8: storage unreachable', () => {
  useFaultSuite();

  const cases: { mode: CutMode; what: string }[] = [
    { mode: 'refuse', what: 'connections refused' },
    { mode: 'blackhole', what: 'connections hang' },
  ];

  for (const { mode, what } of cases) {
    faultTest(
      `${what}: 503 with Retry-After within 2 s, forged press 401/503, stored after restore`,
      async (world) => {
        const proxy = await TcpProxy.forAzurite().start();
        try {
          const bot = await world.spawnBot({ connectionString: proxy.storageConnectionString });
          await world.bind(bot, ['halteam']);
          const [button] = await world.addButtons(1);
          if (!button) throw new Error('no button');
          // The bot reads the registry at start; let it know this button first (a press does).
          const warm = await world.press(bot, button, { type: 'heartbeat' });
          expect(warm.status).toBe(202);

          proxy.cut(mode);
          world.note(`storage cut (${mode})`);
          const webhookId = `msg_${randomUUID()}`;
          const refused = await world.press(bot, button, { webhookId, timeoutMs: 5_000 }).catch((error: unknown) => {
            throw new Error(`the press during the cut got no answer within 5 s (${String(error)})`);
          });
          const tookMs = refused.answeredAt - refused.sentAt;
          world.note(`press during the cut: ${refused.status} after ${tookMs} ms`);
          expect(refused.status).toBe(503);
          expect(tookMs).toBeLessThanOrEqual(2_000);
          expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
          expect(internalDetails(proxy, refused.text)).toEqual([]);

          const forged = await world
            .press(bot, button, { secret: `whsec_${randomBytes(32).toString('base64')}`, timeoutMs: 5_000 })
            .catch((error: unknown) => {
              throw new Error(`the forged press during the cut got no answer within 5 s (${String(error)})`);
            });
          expect([401, 503]).toContain(forged.status);
          expect(internalDetails(proxy, forged.text)).toEqual([]);

          proxy.restore();
          const restoredAt = Date.now();
          world.note('storage restored');
          const stored = await pressUntilStored(world, bot, button, webhookId, 5_000);
          expect(stored.status).toBe(202);
          // A write held while storage hung may land on its own after the restore and its card go out
          // before the hardware's retry (which then finds it stored): one card, never before storage is back.
          const card = await world.waitForCard(stored.alarmId, 5_000);
          expect(card.arrivedAt).toBeGreaterThanOrEqual(restoredAt);
          expect(world.cards(stored.alarmId)).toHaveLength(1);
          expect((await world.alarms()).filter((alarm) => alarm.buttonId === button.id)).toHaveLength(1);
        } finally {
          await proxy.stop();
        }
      },
      60_000,
    );
  }
});
