import { registerButton } from '../support/buttons';
import { halteamChannel, readableText, stopAllTestApps } from '../support/test-app';
import { anna, cardsIn, click, lotte, mohamed, newWorld, say, startBot, type World } from './outside-harness';

const text = (call: { body: Record<string, unknown> } | undefined) => readableText(call?.body ?? {});
const bram = { id: '29:bram', aadObjectId: 'aad-bram', name: 'Bram Visser' };

/** An alarm from Teams itself: the same pipeline as a button, one open alarm per person. */
describe('an alarm from Teams', () => {
  let world: World;
  afterEach(async () => {
    await stopAllTestApps();
    await world.teams.stop();
  });

  it('is two taps from the chat: the welcome card\'s "Alarm", then the place', async () => {
    world = await newWorld('2026-11-24T10:00:00');
    const bot = await startBot(world);
    await registerButton(bot, 'balie-noord-1', { location: 'Publieksbalie 1, gebouw Noord' });

    await say(bot, anna, 'hallo');
    const welcome = JSON.stringify(bot.connector.sent().at(-1)?.body.attachments);
    expect(welcome).toContain('"verb":"alarm.open"');

    const chooser = await click(bot, anna, 'alarm.open', {});
    expect(chooser.text).toContain('Alarm geven');
    expect(JSON.stringify(chooser.card)).toContain('Publieksbalie 1, gebouw Noord');

    const sent = await click(bot, anna, 'alarm.give', { location: 'Publieksbalie 1, gebouw Noord' });
    expect(sent.text).toContain('Het Halteam is gewaarschuwd: Publieksbalie 1, gebouw Noord.');
    const cards = cardsIn(bot, halteamChannel);
    expect(cards).toHaveLength(1);
    expect(text(cards[0])).toContain('Alarm via Teams');
    expect(text(cards[0])).toContain('Anna de Boer, telefoon onbekend (Alarm gegeven via Teams)');

    // The next time, the last place is one tap.
    expect(JSON.stringify((await click(bot, anna, 'alarm.open', {})).card)).toContain(
      'Alarm: Publieksbalie 1, gebouw Noord',
    );
  });

  it("joins the person's open alarm like a further press; another person gets a card of their own", async () => {
    world = await newWorld('2026-11-24T10:00:00');
    const bot = await startBot(world);
    expect(await say(bot, anna, 'alarm raadzaal')).toContain('Het Halteam is gewaarschuwd: raadzaal.');
    world.clock.advance(15_000);
    await say(bot, anna, 'alarm raadzaal');
    await bot.app.alarms.idle();
    expect(cardsIn(bot, halteamChannel)).toHaveLength(1);
    const refreshed = bot.connector.updates().at(-1);
    expect(text(refreshed)).toMatch(/Aantal keer\n2/);

    await say(bot, bram, 'alarm Dorpsstraat 4');
    expect(cardsIn(bot, halteamChannel)).toHaveLength(2);
    expect(text(cardsIn(bot, halteamChannel)[1])).toContain('Bram Visser');
  });

  it('a retried message is one alarm; after the alarm is closed the next one is new', async () => {
    world = await newWorld('2026-11-24T10:00:00');
    const bot = await startBot(world);
    await Promise.all([say(bot, anna, 'alarm raadzaal'), say(bot, anna, 'alarm raadzaal')]);
    await bot.app.alarms.idle();
    expect(cardsIn(bot, halteamChannel)).toHaveLength(1);

    const card = cardsIn(bot, halteamChannel)[0];
    const data = /"verb":"alarm.close","data":(\{[^}]*\})/.exec(JSON.stringify(card?.body.attachments))?.[1];
    const ref = JSON.parse(data ?? '{}') as Record<string, unknown>;
    const activityId = String(card?.body.id);
    for (const who of [mohamed, lotte]) {
      await bot.bot.execute(
        { id: `${halteamChannel};messageid=${activityId}`, conversationType: 'channel' },
        who,
        activityId,
        'alarm.respond',
        ref,
      );
    }
    await bot.bot.execute(
      { id: `${halteamChannel};messageid=${activityId}`, conversationType: 'channel' },
      mohamed,
      activityId,
      'alarm.close',
      { ...ref, outcome: 'vertrokken' },
    );
    world.clock.advance(60_000);
    await say(bot, anna, 'alarm raadzaal');
    expect(cardsIn(bot, halteamChannel)).toHaveLength(2);
  });
});
