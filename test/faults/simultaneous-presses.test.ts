import { alarmIdOfCard } from './support/fault-connector';
import { faultTest, useFaultSuite } from './support/fault-world';

const pressCount = 20;

/** The number the card shows as "Aantal keer". */
function pressesShown(body: Record<string, unknown>): number | undefined {
  const match = /"title":"Aantal keer","value":"(\d+)"/.exec(JSON.stringify(body.attachments ?? []));
  return match ? Number(match[1]) : undefined;
}

/**
 * Issue 14, item 7. Twenty presses of one button arrive at the same moment (distinct webhook ids, as
 * twenty deliveries of a flaky button or twenty people pressing). Every one is stored (202, none 500),
 * they make one alarm with a press counter of 20, and one card.
 */
describe('fault 7: simultaneous presses on one button', () => {
  useFaultSuite();

  faultTest(
    '20 presses at once: all 202, one alarm counting 20 presses, one card',
    async (world) => {
      const bot = await world.spawnBot();
      await world.bind(bot, ['halteam']);
      const [button] = await world.addButtons(1);
      if (!button) throw new Error('no button');

      const outcomes = await Promise.all(Array.from({ length: pressCount }, () => world.press(bot, button)));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(outcomes.map(() => 202));
      const alarmIds = new Set(outcomes.map((outcome) => outcome.alarmId));
      expect(alarmIds.size).toBe(1);

      const alarms = (await world.alarms()).filter((alarm) => alarm.buttonId === button.id);
      expect(alarms).toHaveLength(1);
      expect(alarms[0]?.presses).toBe(pressCount);

      // The card ends up showing all twenty (posted so, or refreshed in place), and it is one card.
      const [alarmId] = [...alarmIds];
      await world.until(
        `the card of ${alarmId} showing ${pressCount} presses`,
        () =>
          world.connector
            .succeeded()
            .some((call) => alarmIdOfCard(call) === alarmId && pressesShown(call.body) === pressCount),
        10_000,
      );
      expect(world.cards()).toHaveLength(1);
    },
    45_000,
  );
});
