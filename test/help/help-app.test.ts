import { admin, readableText, startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';

afterEach(stopAllTestApps);

/** Greetings and "Help!" through the running bot: a friendly answer and the help card, never "Dat herken ik niet". */
describe('greetings and calls for help', () => {
  let test: TestApp;

  beforeEach(async () => {
    test = await startTestApp();
  });

  async function personal(text: string): Promise<{ text: string; card: string }> {
    const before = test.connector.sent().length;
    await test.bot.personal(admin, text);
    const replies = test.connector.sent().slice(before);
    expect(replies).toHaveLength(1);
    return { text: String(replies[0]!.body.text ?? ''), card: readableText(replies[0]!.body) };
  }

  it.each([
    ['hallo', 'Hoi! Fijn dat je er bent.'],
    ['Hallo!', 'Hoi! Fijn dat je er bent.'],
    ['hoi', 'Hoi! Fijn dat je er bent.'],
    ['Hoi, ik heb een vraag', 'Hoi! Fijn dat je er bent.'],
    ['goedemorgen', 'Goedemorgen! Fijn dat je er bent.'],
    ['Goedemiddag.', 'Goedemiddag! Fijn dat je er bent.'],
  ])('answers "%s" with a greeting, how to report and the help card', async (said, greeting) => {
    const answer = await personal(said);
    expect(answer.text).toContain(greeting);
    expect(answer.text).toContain('Wil je een incident melden? Typ **melden**.');
    expect(answer.card).toContain('Ik help bij agressie op het werk');
    expect(answer.card).not.toContain('Dat herken ik niet');
  });

  it.each(['Help!', 'help!!', 'Help mij', 'ik heb hulp nodig'])(
    'answers "%s" with what to do in danger first, then the help card',
    async (said) => {
      const answer = await personal(said);
      expect(answer.text).toContain('Ik help je. Is er nu direct gevaar? Bel 112 of druk op de paniekknop.');
      expect(answer.card).toContain('Bij direct gevaar: bel 112.');
      expect(answer.card).not.toContain('Dat herken ik niet');
    },
  );

  it('keeps plain `help` as it was, and still says so for a word it does not know', async () => {
    expect((await personal('help')).text).toBe('Halteam: dit kan ik voor je doen.');
    expect((await personal('hallootjes')).text).toContain('Dat herken ik niet');
  });

  it('greets back in a channel too, without pointing to what only works in the personal chat', async () => {
    const before = test.connector.sent().length;
    await test.bot.channel('19:halteam@thread.tacv2', admin, 'goedemorgen');
    const reply = test.connector.sent().slice(before)[0]!;
    expect(String(reply.body.text)).toContain('Goedemorgen! Fijn dat je er bent.');
    expect(String(reply.body.text)).not.toContain('melden');
    expect(readableText(reply.body)).toContain('In dit kanaal noem je mij met @Halteam');
  });
});
