import { dagstartChannel, bindChannel, readableText, stopAllTestApps } from '../support/test-app';
import { anna, click, messagesTo, newWorld, pieter, say, startBot, type World } from './outside-harness';

/** Vermoeden agressie (Hoofdstuk 4): to the manager with "Bespreken", a note to the team without names. */
describe('a suspicion of aggression', () => {
  let world: World;
  afterEach(async () => {
    await stopAllTestApps();
    await world.teams.stop();
  });

  it('goes to the manager, the note to the dagstart channel without the reporter, and only the manager discusses it', async () => {
    world = await newWorld('2026-11-24T10:00:00');
    const bot = await startBot(world);
    await bindChannel(bot, 'dagstart', dagstartChannel);
    expect(await say(bot, anna, 'vermoeden')).toContain('Vermoeden van agressie melden');

    const sent = await click(bot, anna, 'vermoeden.send', {
      about: 'klant 40312',
      noticed: 'Dreigde aan de telefoon met "ik weet waar je woont".',
      planned: 'huisbezoek do 14:00',
      teamNote: 'Bij klant 40312 niet alleen op huisbezoek gaan.',
      manager: 'Pieter',
    });
    expect(sent.text).toContain('Je leidinggevende Pieter Bakker heeft je melding gekregen');

    const toManager = messagesTo(bot, pieter).join('\n');
    expect(toManager).toContain('Anna de Boer meldt een vermoeden van agressie.');
    expect(toManager).toContain('klant 40312');
    const managerCard = JSON.stringify(
      bot.connector.sent().find((call) => readableText(call.body).includes('Anna de Boer meldt een vermoeden'))?.body,
    );
    const suspicionId = /"suspicionId":"([^"]+)"/.exec(managerCard)?.[1] ?? '';
    expect(managerCard).toContain('Bespreken');

    const note = bot.connector.sent().filter((call) => (call.conversationId ?? '').startsWith(dagstartChannel));
    const noteText = note.map((call) => readableText(call.body)).join('\n');
    expect(noteText).toContain('Bij klant 40312 niet alleen op huisbezoek gaan.');
    expect(noteText).not.toContain('Anna');

    const refused = await click(bot, anna, 'vermoeden.bespreken', { suspicionId });
    expect(refused.text).toContain('Dit mag je niet doen');
    const discussed = await click(bot, pieter, 'vermoeden.bespreken', { suspicionId });
    expect(discussed.text).toContain('Besproken: Pieter Bakker');
    expect(JSON.stringify(discussed.card)).not.toContain('vermoeden.bespreken');

    const summary = await bot.app.outside.summary(new Date('2026-11-01T00:00:00Z'));
    expect(summary).toMatchObject({ suspicions: 1, suspicionsDiscussed: 1 });
  });
});
