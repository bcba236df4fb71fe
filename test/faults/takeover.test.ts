import { alarmRef, expectStories, settleMs, sleep, timing, waitForStories, within } from './support/alarm-story';
import { isAlarmCardPost } from './support/fault-connector';
import { faultTest, useFaultSuite } from './support/fault-world';

/**
 * Issue 14, item 3. Two instances share one storage. The one that answered 202 is killed -9 before
 * its card reached Teams (the stand-in holds the POST) and is not restarted. The other, running all
 * along, must take the alarm over: the card within the delivery lease plus a sweep (and slack), then
 * both escalations.
 */
describe('fault 3: the instance that took the press dies; the other takes over', () => {
  useFaultSuite();

  faultTest(
    'the surviving instance posts the card and sends the escalations',
    async (world) => {
      const [dying, survivor] = await Promise.all([
        world.spawnBot({ name: 'dying' }),
        world.spawnBot({ name: 'survivor' }),
      ]);
      await world.bind(dying);
      const [button] = await world.addButtons(1);
      if (!button) throw new Error('no button');

      const held = world.connector.hold(isAlarmCardPost);
      const pressed = await world.press(dying, button);
      expect(pressed.status).toBe(202);
      const ref = alarmRef(button, pressed.alarmId);
      await within(held.arrived, 5_000, 'the card POST of the instance that took the press');
      await dying.kill9();
      world.note('the instance that took the press is killed -9; it stays dead');
      held.release();

      const allowance = timing.deliveryLeaseMs + timing.sweepMs + 3_000;
      const card = await world.waitForCard(ref.alarmId, allowance + 5_000);
      world.note(`card ${card.arrivedAt - pressed.answeredAt} ms after the 202`);
      expect(card.arrivedAt - pressed.answeredAt).toBeLessThanOrEqual(allowance);

      await waitForStories(world, [ref], { levels: [1, 2], timeoutMs: 15_000 });
      await sleep(settleMs);
      expectStories(world, [ref]);
      expect(dying.alive).toBe(false);
      expect(survivor.alive).toBe(true);
    },
    60_000,
  );
});
