import { createOutsideTable } from '../../bot/outside';
import { halteamChannel, readableText, stopAllTestApps } from '../support/test-app';

const text = (call: { body: Record<string, unknown> } | undefined) => readableText(call?.body ?? {});
import {
  anna,
  at,
  cardsIn,
  checkOutByCard,
  click,
  messagesTo,
  newWorld,
  pieter,
  say,
  startBot,
  type World,
} from './outside-harness';

/**
 * Home visits through the running bot (real server, Table Storage in Azurite, the in-process Bot
 * Connector), with a clock moved by hand: check-out, check-in, "Alles goed?", the alarm after the grace.
 */
describe('a home visit', () => {
  let world: World;
  afterEach(async () => {
    await stopAllTestApps();
    await world.teams.stop();
  });

  it('check-out then check-in: no question and no alarm afterwards', async () => {
    world = await newWorld('2026-11-24T13:00:00');
    const bot = await startBot(world);
    const form = await say(bot, anna, 'huisbezoek');
    expect(form).toContain('Huisbezoek: vertrekken');
    expect(form).toContain('Risicovragen');
    const labels = JSON.stringify(bot.connector.sent().at(-1)?.body.attachments);
    for (const label of [
      'Waar ga je heen?',
      'Terug om',
      'Met wie',
      'Ga je alleen?',
      'Zijn er wapens of honden in huis?',
    ]) {
      expect(labels).toContain(label);
    }

    const { text } = await checkOutByCard(bot, anna, '14:30');
    expect(text).toContain('Dorpsstraat 1, Wognum');
    expect(text).toContain('14:30');
    expect(await say(bot, anna, 'terug')).toContain(
      'Welkom terug. Je huisbezoek is afgesloten en het adres is gewist.',
    );

    world.clock.set(at('2026-11-24T15:00:00'));
    await bot.app.scheduler.tick();
    expect(cardsIn(bot, halteamChannel)).toHaveLength(0);
    expect(messagesTo(bot, anna).join('\n')).not.toContain('Alles goed?');
    expect(messagesTo(bot, pieter)).toHaveLength(0);
  });

  it('silence: "Alles goed?" at the end time, one alarm card after the grace, the manager told', async () => {
    world = await newWorld('2026-11-24T13:00:00');
    const bot = await startBot(world);
    await checkOutByCard(bot, anna, '14:30');

    world.clock.set(at('2026-11-24T14:30:00'));
    await bot.app.scheduler.tick();
    expect(messagesTo(bot, anna).join('\n')).toContain('Alles goed?');
    expect(messagesTo(bot, anna).join('\n')).toContain('Hoor ik binnen 10 minuten niets');
    expect(cardsIn(bot, halteamChannel)).toHaveLength(0);

    world.clock.set(at('2026-11-24T14:39:00'));
    await bot.app.scheduler.tick();
    expect(cardsIn(bot, halteamChannel)).toHaveLength(0);

    world.clock.set(at('2026-11-24T14:40:00'));
    await bot.app.scheduler.tick();
    await bot.app.scheduler.tick();
    const cards = cardsIn(bot, halteamChannel);
    expect(cards).toHaveLength(1);
    const card = readableText((cards[0] as { body: Record<string, unknown> }).body);
    expect(card).toContain('Alarm: huisbezoek');
    expect(card).toContain('Dorpsstraat 1, Wognum');
    expect(card).toContain('Anna de Boer, telefoon 06 1234 5678 (Niet teruggemeld van huisbezoek (terug om 14:30))');
    expect(messagesTo(bot, pieter).join('\n')).toContain(
      'Alarm: Anna de Boer heeft zich niet teruggemeld van een huisbezoek (terug om 14:30).',
    );
    const toManager = bot.connector
      .sent()
      .filter((call) => readableText(call.body).includes('heeft zich niet teruggemeld'));
    expect(toManager.at(-1)?.body.channelData).toMatchObject({ notification: { alert: true } });
    expect(messagesTo(bot, anna).join('\n')).toContain('Het Halteam is gewaarschuwd en komt naar je toe.');

    // Escalation as for a button: too few responders after the first interval calls every member.
    world.clock.set(at('2026-11-24T14:41:05'));
    await bot.app.scheduler.tick();
    expect(bot.connector.sent().some((call) => /Opschaling/.test(String(call.body.text ?? '')))).toBe(true);
    expect(cardsIn(bot, halteamChannel)).toHaveLength(1);
    expect(messagesTo(bot, pieter)).toHaveLength(1);
  });

  it('"Help" raises the alarm at once, and the overdue job adds nothing', async () => {
    world = await newWorld('2026-11-24T13:00:00');
    const bot = await startBot(world);
    const { visitId } = await checkOutByCard(bot, anna, '14:30');

    const help = await click(bot, anna, 'huisbezoek.help', { visitId });
    expect(help.text).toContain('Het Halteam is gewaarschuwd: Dorpsstraat 1, Wognum.');
    expect(cardsIn(bot, halteamChannel)).toHaveLength(1);
    expect(readableText((cardsIn(bot, halteamChannel)[0] as { body: Record<string, unknown> }).body)).toContain(
      'Help gevraagd tijdens huisbezoek',
    );
    expect(messagesTo(bot, pieter).join('\n')).toContain('vraagt om hulp tijdens een huisbezoek');

    world.clock.set(at('2026-11-24T14:45:00'));
    await bot.app.scheduler.tick();
    await bot.app.scheduler.tick();
    expect(cardsIn(bot, halteamChannel)).toHaveLength(1);
    expect(messagesTo(bot, pieter)).toHaveLength(1);
  });

  it('the plain form and an extension: the old deadline passes quietly, the new one is watched', async () => {
    world = await newWorld('2026-11-24T19:00:00');
    const bot = await startBot(world);
    expect(await say(bot, anna, 'huisbezoek Dorpsstraat 1 tot 20:30')).toContain('Je bent uitgecheckt tot 20:30.');
    expect(await say(bot, anna, 'verleng tot 21:30')).toContain('Verlengd: je bent terug om 21:30.');

    world.clock.set(at('2026-11-24T20:45:00'));
    await bot.app.scheduler.tick();
    expect(messagesTo(bot, anna).join('\n')).not.toContain('Alles goed?');
    expect(cardsIn(bot, halteamChannel)).toHaveLength(0);

    world.clock.set(at('2026-11-24T21:30:00'));
    await bot.app.scheduler.tick();
    expect(messagesTo(bot, anna).join('\n')).toContain('Alles goed?');
    world.clock.set(at('2026-11-24T21:40:00'));
    await bot.app.scheduler.tick();
    expect(cardsIn(bot, halteamChannel)).toHaveLength(1);
  });

  it('"Ik ben veilig" closes the visit before the grace runs out: no alarm', async () => {
    world = await newWorld('2026-11-24T13:00:00');
    const bot = await startBot(world);
    const { visitId } = await checkOutByCard(bot, anna, '14:30');
    world.clock.set(at('2026-11-24T14:30:00'));
    await bot.app.scheduler.tick();
    expect((await click(bot, anna, 'huisbezoek.veilig', { visitId })).text).toContain('Fijn dat je veilig bent.');
    world.clock.set(at('2026-11-24T14:41:00'));
    await bot.app.scheduler.tick();
    expect(cardsIn(bot, halteamChannel)).toHaveLength(0);
  });

  it('a "ja" on the risk questions gives the protocol\'s advice and tells the manager at once', async () => {
    world = await newWorld('2026-11-24T13:00:00');
    const bot = await startBot(world);
    const { text } = await checkOutByCard(bot, anna, '14:30', { 'risk-wapens-honden': 'ja' });
    expect(text).toContain(
      'Bij vermoedens van mogelijke agressie of geweld vindt huisbezoek onder begeleiding of geen huisbezoek plaats.',
    );
    const told = messagesTo(bot, pieter).join('\n');
    expect(told).toContain('Anna de Boer gaat op huisbezoek (terug om 14:30)');
    expect(told).toContain('wapens of honden');
    expect(told).not.toContain('Dorpsstraat');
    // It asks the manager to act: Teams' notification alert rings their phone.
    const toManager = bot.connector.sent().filter((call) => readableText(call.body).includes('gaat op huisbezoek'));
    expect(toManager.at(-1)?.body.channelData).toMatchObject({ notification: { alert: true } });
  });

  it('privacy: the address is on the alarm card only, and leaves it when the visit closes', async () => {
    world = await newWorld('2026-11-24T13:00:00');
    const bot = await startBot(world);
    const { visitId } = await checkOutByCard(bot, anna, '14:30');
    await click(bot, anna, 'huisbezoek.help', { visitId });
    const [stored] = await bot.app.alarms.deps.store.alarmsSince(at('2026-11-24T00:00:00'));
    // What the dagstart digest, the overview and escalations read: the village, not the address.
    expect(stored?.location).toBe('Wognum');
    expect(text(cardsIn(bot, halteamChannel)[0])).toContain('Dorpsstraat 1, Wognum');

    await say(bot, anna, 'terug');
    const refreshed = bot.connector.updates().at(-1);
    expect(text(refreshed)).toContain('Wognum');
    expect(text(refreshed)).not.toContain('Dorpsstraat');
    const [after] = await bot.app.alarms.deps.store.alarmsSince(at('2026-11-24T00:00:00'));
    expect(JSON.stringify(after)).not.toContain('Dorpsstraat');
    expect(messagesTo(bot, pieter).join('\n')).toContain('Anna de Boer heeft zich terug gemeld.');
    // The Halteam on its way reads it in the alarm's thread.
    const inThread = bot.connector
      .sent()
      .filter((call) => (call.conversationId ?? '').startsWith(halteamChannel))
      .map((call) => text(call));
    expect(inThread).toContain('Anna de Boer heeft zich terug gemeld.');
    const channelText = bot.connector
      .sent()
      .filter((call) => !(call.conversationId ?? '').startsWith('a:'))
      .map((call) => text(call))
      .filter((posted) => !posted.includes('Ik kom eraan'));
    expect(channelText.join('\n')).not.toContain('Dorpsstraat');
  });

  it('privacy: a visit nobody closed loses its address at the nightly clean-up, also on the alarm card', async () => {
    world = await newWorld('2026-11-24T13:00:00');
    const bot = await startBot(world);
    const { visitId } = await checkOutByCard(bot, anna, '14:30');
    world.clock.set(at('2026-11-24T14:40:00'));
    await bot.app.scheduler.tick();
    await bot.app.scheduler.tick();
    expect(cardsIn(bot, halteamChannel)).toHaveLength(1);

    world.clock.set(at('2026-11-26T03:00:00'));
    await bot.app.scheduler.tick();
    await bot.app.scheduler.tick();
    const visit = await createOutsideTable(bot.app.tables).getVisit(visitId);
    expect(visit).toMatchObject({ status: 'closed', closedHow: 'vergeten', place: 'Wognum' });
    expect(text(bot.connector.updates().at(-1))).not.toContain('Dorpsstraat');

    // Retention as for reports (MEASURES_RETENTION_MONTHS, 24): the visit and the remembered phone go.
    world.clock.set(at('2029-01-10T03:00:00'));
    await bot.app.scheduler.tick();
    await bot.app.scheduler.tick();
    expect(await createOutsideTable(bot.app.tables).getVisit(visitId)).toBeUndefined();
    expect(await createOutsideTable(bot.app.tables).getProfile(anna.id)).toBeUndefined();
  });

  it('one open visit per person: a second check-out is refused, also when both arrive at once', async () => {
    world = await newWorld('2026-11-24T13:00:00');
    const bot = await startBot(world);
    await Promise.all([
      say(bot, anna, 'huisbezoek Dorpsstraat 1 tot 14:30'),
      say(bot, anna, 'huisbezoek Kerkweg 3 tot 15:00'),
    ]);
    const answers = messagesTo(bot, anna);
    expect(answers.filter((answer) => answer.includes('Je bent uitgecheckt'))).toHaveLength(1);
    expect(answers.filter((answer) => answer.includes('Je hebt al een huisbezoek open'))).toHaveLength(1);
    const visits = await createOutsideTable(bot.app.tables).allVisits();
    expect(visits.filter((visit) => visit.status === 'open')).toHaveLength(1);
  });

  it('a restart in between changes nothing: one alarm after the grace', async () => {
    world = await newWorld('2026-11-24T13:00:00');
    const before = await startBot(world);
    await checkOutByCard(before, anna, '14:30');
    await before.stop();

    world.clock.set(at('2026-11-24T14:45:00'));
    const after = await startBot(world, 'after');
    await after.app.scheduler.tick();
    await after.app.scheduler.tick();
    expect(cardsIn(after, halteamChannel)).toHaveLength(1);
    expect(messagesTo(after, pieter)).toHaveLength(1);
  });

  it('two instances: one alarm', async () => {
    world = await newWorld('2026-11-24T13:00:00');
    const first = await startBot(world, 'a');
    const second = await startBot(world, 'b');
    await checkOutByCard(first, anna, '14:30');

    world.clock.set(at('2026-11-24T14:45:00'));
    await Promise.all([first.app.scheduler.tick(), second.app.scheduler.tick()]);
    await Promise.all([first.app.scheduler.tick(), second.app.scheduler.tick()]);
    await Promise.all([first.app.alarms.sweep(), second.app.alarms.sweep()]);
    expect(cardsIn(first, halteamChannel)).toHaveLength(1);
    expect(messagesTo(first, pieter)).toHaveLength(1);
  });
});
