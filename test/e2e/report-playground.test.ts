import { logText, PlaygroundHarness, textOf } from '../support/playground-harness';

/**
 * The whole report conversation in the real Microsoft 365 Agents Playground: Sanne types `melden` in
 * her personal chat, answers with buttons, inputs and text, sends, and the Halteam channel gets the
 * report card while her manager Lotte gets the advice in a personal message.
 */
describe('end to end: an incident report in the Agents Playground', () => {
  const harness = new PlaygroundHarness();
  const chat = 'personal-chat-id';

  beforeAll(() => harness.start(), 60_000);
  afterAll(() => harness.stop());

  it('runs the conversation and tells the Halteam channel and the manager', async () => {
    const me = harness.user(0);
    await harness.installChat(chat);
    await harness.bind(harness.halteamChannel, me, 'halteam', 'Halteam-kanaal');

    const reporter = harness.chat(chat, me);
    const { click, say } = reporter;
    await say('melden', 'Over wie gaat deze melding?');

    await click('Over mij: het overkwam mij', 'Wanneer gebeurde het?');
    await click('Zojuist', 'Waar gebeurde het?');
    await click('Verder', 'Wat voor agressie was het?', { selection: 'kind:openbare-ruimte' });
    await click('Verder', 'Tegen wie was de bedreiging gericht?', { selection: 'verbaal-geweld,intimidatie' });
    await click('Verder', 'Wat is er gebeurd?', { selection: 'medewerker' });
    await say('Een man riep op straat dat hij mij zou opwachten na het werk.', 'Is er iemand gewond geraakt?');
    await click('Nee', 'Is er iets vernield of beschadigd?');
    await click('Nee', 'wapen of een gevaarlijk voorwerp');
    await click('Nee', 'Is de politie gekomen?');
    await click('Nee', 'Weet je wie het was?');
    await say('terug', 'Is de politie gekomen?');
    await say('nee', 'Weet je wie het was?');
    await say('klantnummer 778899', 'Wie waren er verder bij?');
    await click('Niemand', 'Wie is je leidinggevende?');
    await say('lotte', 'Wie bedoel je?');
    await click('Lotte Jansen', 'Mag je naam daarbij genoemd worden?');
    await click('Ja, noem mijn naam', 'Klopt alles?');
    expect(textOf(reporter.card)).toContain('Openbare ruimte');
    expect(textOf(reporter.card)).toContain('Verbaal geweld, Intimidatie of bedreiging');
    await click('Versturen', 'Je melding is verstuurd als');
    const number = /AGR-\d{4}-\d{4}/.exec(textOf(reporter.card))?.[0];
    expect(number).toBeDefined();

    const halteam = await harness.waitFor(
      (frame) =>
        frame.actionConversationId.startsWith(harness.halteamChannel) &&
        textOf(frame).includes(`Melding agressie ${number}`),
      15_000,
    );
    expect(textOf(halteam)).toContain('Sanne de Vries');
    expect(textOf(halteam)).not.toContain('778899');

    // Lotte has no chat open in the playground's UI: the bot opens one, and the message shows in the
    // playground's activity log.
    const opened = await harness.waitForLog(
      (entry) =>
        entry.log.activityName === 'createConversation' &&
        JSON.stringify(entry.log.request?.body?.members ?? []).includes(harness.user(2).id),
      15_000,
    );
    const lottesChat = String(opened.log.response?.body?.id);
    const managerDm = await harness.waitForLog(
      (entry) => entry.log.conversationId === lottesChat && logText(entry).includes('Advies maatregel'),
      15_000,
    );
    const advice = logText(managerDm);
    expect(advice).toContain(`Melding agressie ${number}`);
    expect(advice).toContain('778899 (zichtbaar voor jou en de coördinator');
    expect(advice).toContain('Aangifte: nodig');
    expect(advice).toContain('bedreiging van de medewerker (art. 285 WvSr)');
  });
});
