import { ManualClock } from '../../bot/shared/clock';
import { PlaygroundHarness, textOf } from '../support/playground-harness';

/**
 * The dagstart in the real Microsoft 365 Agents Playground: Sanne submits a report in her personal
 * chat, its reporter.card appears in the team's General channel (bound as dagstart), and when the clock moves
 * to 08:30 the next working day the digest is posted there, listing the incident.
 */
describe('end to end: the dagstart in the Agents Playground', () => {
  const harness = new PlaygroundHarness();
  const chat = 'personal-chat-id';
  // Tuesday 24 November 2026, 10:00 in Amsterdam.
  const clock = new ManualClock(new Date('2026-11-24T10:00:00+01:00'));

  beforeAll(() => harness.start({}, { clock }), 60_000);
  afterAll(() => harness.stop());

  const next = (since: number, conversation: string, test: (text: string) => boolean, timeoutMs = 15_000) =>
    harness.next(since, conversation, test, { timeoutMs });

  it('shows a submitted report in the General channel and posts the digest when the clock moves on', async () => {
    const me = harness.user(0);
    await harness.installChat(chat);
    await harness.bind(harness.halteamChannel, me, 'halteam', 'Halteam-kanaal');
    await harness.bind(harness.generalChannel, me, 'dagstart', 'Dit kanaal is nu');

    let mark = harness.frames.length;
    const reporter = harness.chat(chat, me);
    const { click, say } = reporter;
    await say('melden', 'Over wie gaat deze melding?');
    await click('Over mij: het overkwam mij', 'Wanneer gebeurde het?');
    await click('Zojuist', 'Waar gebeurde het?');
    await click('Verder', 'Wat voor agressie was het?', { selection: 'kind:telefoon' });
    await click('Verder', 'Wat is er gebeurd?', { selection: 'verbaal-geweld' });
    await say('Een beller schold mij uit en dreigde langs te komen.', 'Is er iemand gewond geraakt?');
    await click('Nee', 'Is er iets vernield of beschadigd?');
    await click('Nee', 'wapen of een gevaarlijk voorwerp');
    await click('Nee', 'Is de politie gekomen?');
    await click('Nee', 'Weet je wie het was?');
    await say('klantnummer 445566', 'Wie waren er verder bij?');
    await click('Niemand', 'Wie is je leidinggevende?');
    await say('lotte', 'Wie bedoel je?');
    await click('Lotte Jansen', 'Mag je naam daarbij genoemd worden?');
    await click('Nee, laat mijn naam weg', 'Klopt alles?');
    await click('Versturen', 'Je melding is verstuurd als');
    const number = /AGR-\d{4}-\d{4}/.exec(textOf(reporter.card))?.[0];
    expect(number).toBeDefined();

    const dagstartCard = await next(0, harness.generalChannel, (text) => text.includes(`Dagstart: incident ${number}`));
    const cardText = textOf(dagstartCard);
    expect(cardText).toContain('Telefoon');
    expect(cardText).toContain('Verbaal geweld');
    expect(cardText).toContain('Nog niet besloten');
    expect(cardText).not.toContain('445566');
    expect(cardText).not.toContain('Sanne de Vries');

    mark = harness.frames.length;
    await harness.client.say(harness.halteamChannel, me, 'wie', { mention: true });
    const who = await next(mark, harness.halteamChannel, (text) => text.includes('op dienst'));
    expect(textOf(who)).toContain('Nu op dienst:');

    mark = harness.frames.length;
    clock.set(new Date('2026-11-25T08:30:00+01:00'));
    const digest = await next(mark, harness.generalChannel, (text) => text.includes('Dagstart woensdag 25 november'));
    const digestText = textOf(digest);
    expect(digestText).toContain('Incidenten sinds de vorige dagstart (1)');
    expect(digestText).toContain(number as string);
    expect(digestText).not.toContain('445566');
  });
});
