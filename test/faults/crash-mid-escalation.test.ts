import { alarmRef, expectStories, settleMs, sleep, timing, waitForStories, within } from './support/alarm-story';
import { escalationLevel } from './support/fault-connector';
import { faultTest, useFaultSuite } from './support/fault-world';

/**
 * Issue 14, item 12. The first escalation's POST hangs at the stand-in and the bot is killed -9 while
 * it waits; it is started again at once. Level 1 must still go out, once, before level 2, and no later
 * than the scheduler's lease plus a poll (and the start) after the restart.
 */
describe('fault 12: crash in the middle of an escalation', () => {
  useFaultSuite();

  faultTest(
    'level 1 arrives once after the restart, before level 2, without waiting for more than the lease',
    async (world) => {
      const first = await world.spawnBot({ name: 'first' });
      await world.bind(first);
      const [button] = await world.addButtons(1);
      if (!button) throw new Error('no button');
      const pressed = await world.press(first, button);
      expect(pressed.status).toBe(202);
      const ref = alarmRef(button, pressed.alarmId);
      await world.waitForCard(ref.alarmId, 5_000);

      const held = world.connector.hold((call) => escalationLevel(call) === 1);
      await within(held.arrived, timing.firstEscalationMs + 10_000, 'the level 1 POST of the first process');
      await first.kill9();
      world.note('first process killed -9 during the level 1 POST');
      held.release();

      const restarted = await world.spawnBot({ name: 'restarted', ready: false });
      const allowance = timing.schedulerLeaseMs + timing.pollMs + 3_000; // lease, a poll, the start itself
      const level1 = await world.until(
        'level 1 after the restart',
        () => world.escalations(1, ref.location)[0],
        allowance + 10_000,
      );
      world.note(`level 1 after ${level1.arrivedAt - restarted.spawnedAt} ms from the restart`);
      await waitForStories(world, [ref], { levels: [1, 2], timeoutMs: 15_000 });
      await sleep(settleMs);

      expectStories(world, [ref]);
      expect(level1.arrivedAt - restarted.spawnedAt).toBeLessThanOrEqual(allowance);
    },
    60_000,
  );
});
