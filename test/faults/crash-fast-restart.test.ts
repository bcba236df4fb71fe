import { alarmRef, expectStories, settleMs, sleep, timing, waitForStories, within } from './support/alarm-story';
import { isAlarmCardPost } from './support/fault-connector';
import { faultTest, useFaultSuite } from './support/fault-world';

/**
 * Issue 14, item 2. The bot is killed -9 right after it answered 202, before its card reached Teams,
 * and is started again 2 s later on the same storage. The stored alarm is the outbox: the card must
 * come, once, within the delivery lease plus one sweep (and a few seconds for the start), and the
 * first escalation must follow the card into its thread, never go out while no card exists.
 */
describe('fault 2: crash right after the 202, fast restart', () => {
  useFaultSuite();

  faultTest(
    'the card arrives once after the restart, and level 1 follows it into its thread',
    async (world) => {
      const first = await world.spawnBot({ name: 'first' });
      await world.bind(first);
      const [button] = await world.addButtons(1);
      if (!button) throw new Error('no button');

      // The stand-in keeps the card unanswered: the process dies with its card on the way.
      const held = world.connector.hold(isAlarmCardPost);
      const pressed = await world.press(first, button);
      expect(pressed.status).toBe(202);
      const ref = alarmRef(button, pressed.alarmId);
      await within(held.arrived, 5_000, 'the card POST of the first process');
      await first.kill9();
      world.note('first process killed -9 with its card held');
      held.release();

      await sleep(2_000); // the scenario: a supervisor restarts the process 2 s later
      const restarted = await world.spawnBot({ name: 'restarted', ready: false });
      const deadline = timing.deliveryLeaseMs + timing.sweepMs + 5_000;
      const card = await world.waitForCard(ref.alarmId, deadline);
      world.note(`card after ${card.arrivedAt - restarted.spawnedAt} ms from the restart`);
      expect(card.arrivedAt - restarted.spawnedAt).toBeLessThanOrEqual(deadline);

      // Both escalation levels are overdue by now: they follow the card, in order, each once.
      await waitForStories(world, [ref], { levels: [1, 2], timeoutMs: 15_000 });
      await sleep(settleMs); // nothing more may come: no second card, no second escalation
      expectStories(world, [ref]);
    },
    60_000,
  );
});
