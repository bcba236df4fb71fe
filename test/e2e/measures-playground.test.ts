import { logText, PlaygroundHarness, textOf, type PlaygroundMessage } from '../support/playground-harness';

/**
 * An access ban end to end in the real Microsoft 365 Agents Playground: Sanne submits a report about a
 * known aggressor, then (as Halteam coordinator) records the access ban the advice preselects; the
 * channel bound for reception gets the card with the person and the period, and `check` finds the name.
 */
describe('end to end: an access ban in the Agents Playground', () => {
  const harness = new PlaygroundHarness();
  const chat = 'personal-chat-id';

  beforeAll(() => harness.start(), 60_000);
  afterAll(() => harness.stop());

  /** The preselected value of an input on a card. */
  function inputValue(frame: PlaygroundMessage, id: string): string {
    const match = new RegExp(`"id":"${id}"[^}]*?"value":"([^"]*)"`).exec(JSON.stringify(frame.message.attachments));
    return match?.[1] ?? '';
  }

  const next = (since: number, conversation: string, test: (text: string) => boolean) =>
    harness.next(since, conversation, test, { updates: true });

  it('records an access ban for a submitted report and shows the reception card', async () => {
    const me = harness.user(0);
    const reception = harness.generalChannel;
    await harness.installChat(chat);
    await harness.bind(harness.halteamChannel, me, 'halteam', 'Halteam-kanaal');
    await harness.bind(reception, me, 'receptie', 'receptiekanaal');

    let mark = harness.frames.length;
    const reporter = harness.chat(chat, me);
    const number = await reporter.fileOwnReport({
      kind: 'openbare-ruimte',
      forms: 'verbaal-geweld,intimidatie',
      description: 'Een man riep op straat dat hij mij zou opwachten na het werk.',
      aggressor: 'Karel Klaassen, klantnummer 778899',
    });

    // The manager's advice carries the button to record the measure.
    const managerDm = await harness.waitForLog(
      (entry) => logText(entry).includes('Advies maatregel') && logText(entry).includes(number),
      15_000,
    );
    expect(logText(managerDm)).toContain('Maatregel vastleggen');

    // Sanne coordinates the Halteam: she may record it too, from her chat.
    mark = harness.frames.length;
    await harness.client.say(chat, me, `maatregel ${number}`);
    const form = await next(mark, chat, (text) => text.includes(`Maatregel vastleggen: ${number}`));
    expect(textOf(form)).toContain('Advies: Geen contact met de gemeente voor 6 maanden');
    expect(inputValue(form, 'kind')).toBe('toegangsverbod');
    expect(inputValue(form, 'name')).toBe('Karel Klaassen');
    const startDate = inputValue(form, 'startDate');
    const endDate = inputValue(form, 'endDate');
    expect(startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    mark = harness.frames.length;
    const answer = await harness.client.execute(chat, me, form.message.messageId, 'measure.record', {
      number,
      kind: 'toegangsverbod',
      startDate,
      endDate,
      name: 'Karel Klaassen',
      aangifte: 'nog-niet',
    });
    expect(JSON.stringify(answer)).toContain(`Maatregel vastgelegd: ${number}`);

    const receptionCard = await next(mark, reception, (text) =>
      text.includes('Karel Klaassen mag in deze periode niet in de gemeentelijke gebouwen komen.'),
    );
    expect(textOf(receptionCard)).toContain(number);
    expect(textOf(receptionCard)).not.toContain(me.name);

    mark = harness.frames.length;
    await harness.client.say(reception, harness.user(5), 'check k. klaassen', { mention: true });
    const checked = await next(mark, reception, (text) => text.includes('Let op: voor deze naam geldt een verbod'));
    expect(textOf(checked)).toContain('Karel Klaassen: toegangsverbod tot de gebouwen tot en met');
  });
});
