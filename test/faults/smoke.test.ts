import { BotClient } from '../support/test-app';
import { alarmIdOfCard } from './support/fault-connector';
import { faultTest, halteamChannel, halteamMembers, receptionChannel, useFaultSuite } from './support/fault-world';

/**
 * The happy path with the bot as a child process, so that a failure elsewhere in the fault suite can be
 * told apart: when this fails, the harness (build, spawn, stand-in, storage) is at fault, not the product.
 */
describe('fault suite smoke: the happy path with the bot as a process', () => {
  useFaultSuite();

  faultTest(
    'press → card mentioning the Halteam; "Ik kom eraan" updates it in place',
    async (world) => {
      const bot = await world.spawnBot();
      await world.bind(bot, ['halteam']);
      const [button] = await world.addButtons(1);
      if (!button) throw new Error('no button');

      const pressed = await world.press(bot, button);
      expect(pressed.status).toBe(202);
      expect(pressed.alarmId).toBeDefined();
      const card = await world.waitForCard(pressed.alarmId, 5_000);
      expect(alarmIdOfCard(card)).toBe(pressed.alarmId);
      expect(card.conversationId).toBe(halteamChannel);
      const mentioned = JSON.stringify(card.body.attachments).match(/"mentioned":\{"id":"([^"]+)"/g) ?? [];
      expect(mentioned).toHaveLength(halteamMembers.length);

      const activityId = card.newActivityId as string;
      const client = new BotClient(bot.url, world.connector.url);
      const [member] = halteamMembers;
      const clicked = await client.execute(
        { id: `${halteamChannel};messageid=${activityId}`, conversationType: 'channel' },
        member as (typeof halteamMembers)[number],
        activityId,
        'alarm.respond',
        { buttonId: button.id, alarmId: pressed.alarmId },
      );
      expect(clicked.body.statusCode).toBe(200);
      const update = await world.connector.waitFor(
        (call) =>
          call.method === 'PUT' &&
          call.activityId === activityId &&
          JSON.stringify(call.body).includes('komt eraan sinds'),
        5_000,
        'the card updated with the responder',
      );
      expect(update.conversationId).toBe(halteamChannel);
      expect(world.cards()).toHaveLength(1);
    },
    60_000,
  );

  faultTest(
    'nobody comes: level 1 in the card’s thread after the card, level 2 to reception after that',
    async (world) => {
      const bot = await world.spawnBot();
      await world.bind(bot);
      const [button] = await world.addButtons(1);
      if (!button) throw new Error('no button');

      const pressed = await world.press(bot, button);
      expect(pressed.status).toBe(202);
      const card = await world.waitForCard(pressed.alarmId, 5_000);
      const first = await world.until('level 1 escalation', () => world.escalations(1, button.location)[0], 15_000);
      const second = await world.until('level 2 escalation', () => world.escalations(2, button.location)[0], 15_000);

      expect(first.conversationId).toBe(`${halteamChannel};messageid=${card.newActivityId}`);
      expect(first.arrivedAt).toBeGreaterThan(card.arrivedAt);
      expect(first.arrivedAt - pressed.answeredAt).toBeGreaterThanOrEqual(2_500);
      expect(second.conversationId).toBe(receptionChannel);
      expect(second.arrivedAt).toBeGreaterThan(first.arrivedAt);
      expect(world.cards()).toHaveLength(1);
      expect(world.escalations(1)).toHaveLength(1);
      expect(world.escalations(2)).toHaveLength(1);
    },
    60_000,
  );
});
