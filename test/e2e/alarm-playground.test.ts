import { press, registerButton } from '../support/buttons';
import { PlaygroundHarness, textOf, type PlaygroundMessage } from '../support/playground-harness';

const isAlarmCard = (frame: PlaygroundMessage) =>
  JSON.stringify(frame.message.attachments ?? []).includes('alarm.respond');

describe('an alarm end to end in the Agents Playground', () => {
  const harness = new PlaygroundHarness();

  beforeAll(() => harness.start(), 60_000);
  afterAll(() => harness.stop());

  it('press → card in the Halteam channel → two colleagues acknowledge → closed', async () => {
    const sanne = harness.user(0);
    await harness.bind(harness.halteamChannel, sanne, 'halteam', 'Halteam-kanaal');

    const button = await registerButton(harness.bot, 'nbg24', {
      kind: 'paniekknop',
      location: 'Spreekkamer NBG24, naast de loketten',
    });
    expect((await press(harness.bot, button)).status).toBe(202);

    const card = await harness.waitFor((frame) => frame.action === 'createMessage' && isAlarmCard(frame));
    expect(card.actionConversationId).toBe(harness.halteamChannel);
    expect(textOf(card)).toContain('Spreekkamer NBG24, naast de loketten');
    expect(textOf(card)).toContain('Nog 2 nodig.');

    const thread = card.message.postConversationId ?? card.actionConversationId;
    const data =
      (card.message.attachments?.[0]?.content.actions as { verb?: string; data?: Record<string, unknown> }[])[0]
        ?.data ?? {};
    const mohamed = harness.user(1);
    const lotte = harness.user(2);
    await harness.client.execute(thread, mohamed, card.message.messageId, 'alarm.respond', data);
    await harness.client.execute(thread, mohamed, card.message.messageId, 'alarm.respond', data);
    await harness.client.execute(thread, lotte, card.message.messageId, 'alarm.respond', data);
    const twoComing = await harness.waitFor(
      (frame) =>
        frame.action === 'updateMessage' &&
        frame.message.messageId === card.message.messageId &&
        (textOf(frame).match(/komt eraan sinds/g) ?? []).length === 2,
    );
    expect(textOf(twoComing)).toContain(mohamed.name);
    expect(textOf(twoComing)).toContain(lotte.name);
    expect(textOf(twoComing)).toContain('Open: genoeg mensen onderweg');

    await harness.client.execute(thread, lotte, card.message.messageId, 'alarm.close', {
      ...data,
      outcome: 'politie-ter-plaatse',
    });
    const closed = await harness.waitFor(
      (frame) =>
        frame.action === 'updateMessage' &&
        frame.message.messageId === card.message.messageId &&
        textOf(frame).includes('Tijdlijn'),
    );
    expect(textOf(closed)).toContain('Afgehandeld: Politie ter plaatse');
    expect(textOf(closed)).toContain(`Afgehandeld door ${lotte.name}`);
    expect(JSON.stringify(closed.message.attachments)).not.toContain('alarm.respond');
  });
});
