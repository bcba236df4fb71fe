import { PlaygroundHarness, textOf, type PlaygroundLog, type PlaygroundMessage } from '../support/playground-harness';

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

  /** The next frame in the chat after `since` frames whose text passes `test`. */
  function next(since: number, test: (text: string) => boolean): Promise<PlaygroundMessage> {
    return harness.waitFor(
      (frame) =>
        harness.frames.indexOf(frame) >= since &&
        frame.action === 'createMessage' &&
        frame.actionConversationId === chat &&
        test(textOf(frame)),
      15_000,
    );
  }

  /** What a person reads in a logged activity: its text and its card's texts. */
  function bodyText(entry: PlaygroundLog): string {
    const body = entry.log.request?.body ?? {};
    return textOf({
      action: 'createMessage',
      actionConversationId: entry.log.conversationId ?? '',
      message: { messageId: '', text: body.text as string | undefined, attachments: body.attachments as never },
    });
  }

  /** The data of the Action.Submit with this title on a frame's card. */
  function buttonData(frame: PlaygroundMessage, title: string): Record<string, unknown> {
    let found: Record<string, unknown> | undefined;
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (record.type === 'Action.Submit' && record.title === title) found ??= record.data as Record<string, unknown>;
        Object.values(record).forEach(walk);
      }
    };
    walk(frame.message.attachments);
    if (!found) throw new Error(`no button "${title}" on: ${textOf(frame)}`);
    return found;
  }

  it('runs the conversation and tells the Halteam channel and the manager', async () => {
    const me = harness.user(0);
    await harness.client.install(chat);
    await harness.waitFor(
      (frame) => frame.actionConversationId === chat && textOf(frame).includes('Ik help bij agressie'),
    );
    await harness.client.say(harness.halteamChannel, me, 'koppel halteam', { mention: true });
    await harness.waitFor(
      (frame) =>
        frame.actionConversationId.startsWith(harness.halteamChannel) && textOf(frame).includes('Halteam-kanaal'),
    );

    let mark = harness.frames.length;
    await harness.client.say(chat, me, 'melden');
    let card = await next(mark, (text) => text.includes('Over wie gaat deze melding?'));

    const click = async (title: string, expect: string, inputs: Record<string, unknown> = {}) => {
      mark = harness.frames.length;
      await harness.client.submit(chat, me, card.message.messageId, { ...buttonData(card, title), ...inputs });
      card = await next(mark, (text) => text.includes(expect));
    };
    const say = async (text: string, expect: string) => {
      mark = harness.frames.length;
      await harness.client.say(chat, me, text);
      card = await next(mark, (reply) => reply.includes(expect));
    };

    await click('Over mij: het overkwam mij', 'Wanneer gebeurde het?');
    await click('Zojuist', 'Waar gebeurde het?');
    await click('Verder', 'Wat voor agressie was het?', { selection: 'kind:openbare-ruimte' });
    await click('Verder', 'Wat is er gebeurd?', { selection: 'verbaal-geweld,intimidatie' });
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
    expect(textOf(card)).toContain('Openbare ruimte');
    expect(textOf(card)).toContain('Verbaal geweld, Intimidatie of bedreiging');
    await click('Versturen', 'Je melding is verstuurd als');
    const number = /AGR-\d{4}-\d{4}/.exec(textOf(card))?.[0];
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
      (entry) => entry.log.conversationId === lottesChat && bodyText(entry).includes('Advies maatregel'),
      15_000,
    );
    const advice = bodyText(managerDm);
    expect(advice).toContain(`Melding agressie ${number}`);
    expect(advice).toContain('778899 (alleen zichtbaar voor jou)');
    expect(advice).toContain('Aangifte: nodig');
    expect(advice).toContain('bedreiging van de medewerker (art. 285 WvSr)');
  });
});
