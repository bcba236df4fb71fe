import { ManualClock } from '../../bot/shared/clock';
import { PlaygroundHarness, textOf } from '../support/playground-harness';

/**
 * The dagstart in the real Microsoft 365 Agents Playground: Sanne submits a report in her personal
 * chat, its card appears in the team's General channel (bound as dagstart), and when the clock moves
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
    const number = await harness.chat(chat, me).fileOwnReport({
      kind: 'telefoon',
      forms: 'verbaal-geweld',
      description: 'Een beller schold mij uit en dreigde langs te komen.',
      aggressor: 'klantnummer 445566',
    });

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
