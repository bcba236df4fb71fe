import { alarmRef, sleep } from './support/alarm-story';
import { faultTest, useFaultSuite, type PressOutcome } from './support/fault-world';

/**
 * Issue 14, item 5. Four buttons pressed 30 times each within about 20 s keep their cards busy with
 * refreshes, while the stand-in holds the channel to Teams' limits (7/s, 8/2 s, 60/30 s; the bot paces
 * itself with its production defaults). A new alarm must not queue behind those refreshes: its card is
 * at the connector within 2 s of its 202.
 */
describe('fault 5: a new alarm card goes before card refreshes', () => {
  useFaultSuite();

  faultTest(
    'a new card is posted within 2 s while four busy alarms wait for refreshes',
    async (world) => {
      const bot = await world.spawnBot({ env: { ALARM_FIRST_ESCALATION_SECONDS: '600' } });
      await world.bind(bot, ['halteam']);
      const busy = await world.addButtons(4, { idPrefix: 'druk' });
      const [fresh] = await world.addButtons(1, { idPrefix: 'nieuw' });
      if (!fresh) throw new Error('no button');

      // 120 presses, one every ~165 ms, round robin over the four buttons (distinct webhook ids).
      const presses: Promise<PressOutcome>[] = [];
      for (let index = 0; index < 120; index++) {
        presses.push(world.press(bot, busy[index % 4] as (typeof busy)[number]));
        await sleep(165);
      }
      const outcomes = await Promise.all(presses);
      expect(outcomes.filter((outcome) => outcome.status !== 202).map((outcome) => outcome.status)).toEqual([]);
      world.note(
        `after 120 presses: ${world.cards().length} cards, ${world.cardUpdates().length} updates, ` +
          `${world.connector.calls.filter((call) => call.status === 429).length} answered 429`,
      );

      const pressed = await world.press(bot, fresh);
      expect(pressed.status).toBe(202);
      const ref = alarmRef(fresh, pressed.alarmId);
      // Wait longer than allowed, so that a failure says how late the card was.
      const card = await world.waitForCard(ref.alarmId, 10_000);
      const latency = card.arrivedAt - pressed.answeredAt;
      world.note(`the new card arrived ${latency} ms after its 202`);
      expect(latency).toBeLessThanOrEqual(2_000);
      expect(world.cards(ref.alarmId)).toHaveLength(1);
    },
    90_000,
  );
});
