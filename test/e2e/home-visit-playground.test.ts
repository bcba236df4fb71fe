import { ManualClock } from '../../bot/shared/clock';
import { PlaygroundHarness, textOf, type PlaygroundMessage } from '../support/playground-harness';

const isAlarmCard = (frame: PlaygroundMessage) =>
  JSON.stringify(frame.message.attachments ?? []).includes('alarm.respond');

/**
 * A home visit in the real Microsoft 365 Agents Playground: Sanne checks out for a visit a minute
 * ahead (the grace shortened to one minute by HOME_VISIT_GRACE_MINUTES), does not answer "Alles
 * goed?", and the alarm card appears in the Halteam channel.
 */
describe('end to end: an unanswered home visit in the Agents Playground', () => {
  const harness = new PlaygroundHarness();
  const chat = 'personal-chat-id';
  // Tuesday 24 November 2026, 19:00 in Amsterdam: an evening visit.
  const clock = new ManualClock(new Date('2026-11-24T19:00:00+01:00'));

  beforeAll(() => harness.start({ HOME_VISIT_GRACE_MINUTES: '1' }, { clock }), 60_000);
  afterAll(() => harness.stop());

  it('huisbezoek Dorpsstraat 1 tot 19:01, no answer → the alarm card in the Halteam channel', async () => {
    const me = harness.user(0);
    await harness.installChat(chat);
    await harness.bind(harness.halteamChannel, me, 'halteam', 'Halteam-kanaal');

    const driver = harness.chat(chat, me);
    await driver.say('huisbezoek Dorpsstraat 1 tot 19:01', 'Je bent uitgecheckt tot 19:01.');
    expect(
      harness.frames.some((frame) => frame.actionConversationId === harness.halteamChannel && isAlarmCard(frame)),
    ).toBe(false);

    let mark = harness.frames.length;
    clock.set(new Date('2026-11-24T19:01:00+01:00'));
    const question = await harness.next(mark, chat, (text) => text.includes('Alles goed?'), { timeoutMs: 15_000 });
    expect(textOf(question)).toContain('Ik ben veilig');

    mark = harness.frames.length;
    clock.set(new Date('2026-11-24T19:02:00+01:00'));
    const card = await harness.waitFor(
      (frame) => frame.action === 'createMessage' && isAlarmCard(frame) && textOf(frame).includes('Dorpsstraat 1'),
    );
    expect(card.actionConversationId).toBe(harness.halteamChannel);
    expect(textOf(card)).toContain('Alarm: huisbezoek');
    expect(textOf(card)).toContain(me.name);
    expect(
      harness.frames.slice(mark).filter((frame) => frame.action === 'createMessage' && isAlarmCard(frame)),
    ).toHaveLength(1);
  });
});
