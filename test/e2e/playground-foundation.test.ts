import { PlaygroundHarness, textOf } from '../support/playground-harness';

describe('end to end in the Agents Playground', () => {
  const harness = new PlaygroundHarness();

  beforeAll(() => harness.start(), 60_000);
  afterAll(() => harness.stop());

  it('is installed, answers help in personal chat in Dutch, and binds the Halteam channel', async () => {
    const me = harness.user(0);
    await harness.client.install('personal-chat-id');
    await harness.waitFor(
      (frame) => frame.actionConversationId === 'personal-chat-id' && textOf(frame).includes('Ik help bij agressie'),
    );

    await harness.client.say('personal-chat-id', me, 'help');
    const helps = harness.frames.length;
    const reply = await harness.waitFor(
      (frame) =>
        harness.frames.indexOf(frame) >= helps - 1 &&
        frame.actionConversationId === 'personal-chat-id' &&
        textOf(frame).includes('Bij direct gevaar: bel 112.'),
    );
    expect(textOf(reply)).toContain('Laat zien wat de bot kan.');

    await harness.bind(harness.halteamChannel, me, 'halteam', 'Halteam-kanaal');
    await harness.bot.app.messenger.postToChannel('halteam', { text: 'Proef: bericht van de bot' });
    const proactive = await harness.waitFor((frame) => textOf(frame).includes('Proef: bericht van de bot'));
    expect(proactive.actionConversationId).toBe(harness.halteamChannel);
  });
});
