import { ManualClock } from '../../bot/shared/clock';
import { GraphStandIn, standInUsersFrom } from '../../bot/platform/graph/graph-stand-in';
import { buttonData, PlaygroundHarness, textOf } from '../support/playground-harness';

/**
 * Aftercare end to end in the real Microsoft 365 Agents Playground, with the Graph stand-in as
 * Outlook (as `npm start` runs it without GRAPH_* credentials): Sanne, as Mohamed's manager, submits a
 * report with him; she gets the aftercare card in her chat, clicks "Inplannen", the three talks land
 * in her calendar with Mohamed invited, and the reminder for talk 1 (the next working day) follows.
 */
describe('end to end: aftercare in the Agents Playground', () => {
  const harness = new PlaygroundHarness();
  const graph = new GraphStandIn(standInUsersFrom(harness.tenant));
  const chat = 'personal-chat-id';

  beforeAll(async () => {
    const baseUrl = await graph.start();
    // A fixed working-day morning, so talk 1 is tomorrow and its reminder (a working day before) is due.
    const clock = new ManualClock(new Date('2026-11-24T09:30:00Z'));
    await harness.start({ GRAPH_BASE_URL: baseUrl }, { clock });
  }, 60_000);
  afterAll(async () => {
    await harness.stop();
    await graph.stop();
  });

  const next = (since: number, test: (text: string) => boolean) => harness.next(since, chat, test);

  it('plans the three talks from a submitted report and reminds of the first', async () => {
    const me = harness.user(0);
    await harness.installChat(chat);

    // The Halteam channel binds the team, whose members are the directory ("Wie is je leidinggevende?").
    await harness.bind(harness.halteamChannel, me, 'halteam', 'Halteam-kanaal');

    let mark = harness.frames.length;
    const reporter = harness.chat(chat, me);
    const { click, say } = reporter;
    await say('melden', 'Over wie gaat deze melding?');
    await click('Over een collega: ik vul in voor of met een collega', 'Om welke collega gaat het?');
    await say('mohamed', 'Wie bedoel je?');
    await click('Mohamed El Amrani', 'Wanneer gebeurde het?');
    await click('Zojuist', 'Waar gebeurde het?');
    await click('Verder', 'Wat voor agressie was het?', { selection: 'kind:telefoon' });
    await click('Verder', 'Wat is er gebeurd?', { selection: 'verbaal-geweld' });
    // A phone call: no questions about injury, damage, weapons or witnesses on site.
    await say('Een beller schold mijn collega uit en hing op.', 'Is de politie gekomen?');
    await click('Nee', 'Weet je wie het was?');
    await say('nee', 'Wie is de leidinggevende van Mohamed El Amrani?');
    await click('Ikzelf', 'Mag de naam van Mohamed El Amrani daarbij genoemd worden?');
    await click('Nee, laat de naam weg', 'Klopt alles?');
    await click('Versturen', 'Je melding is verstuurd als');
    const number = /AGR-\d{4}-\d{4}/.exec(textOf(reporter.card))?.[0] ?? '';
    expect(number).not.toBe('');

    // Sanne is Mohamed's manager here: the aftercare card comes to her chat.
    const offer = await next(mark, (text) => text.includes(`Nazorg na incident ${number}`));
    expect(textOf(offer)).toContain('Gesprek 1 (1–2 dagen na het incident)');
    expect(textOf(offer)).toContain('Mohamed El Amrani');
    mark = harness.frames.length;
    const planned = await harness.client.execute(
      chat,
      me,
      offer.message.messageId,
      'aftercare.plan',
      buttonData(offer.message.attachments, 'Inplannen', 'Action.Execute'),
    );
    expect(JSON.stringify(planned)).toContain(`Nazorg ingepland: ${number}`);

    const events = graph.calendarOf(harness.tenant.currentUser.aadObjectId);
    expect(events.map((event) => event.subject)).toEqual([
      `Nazorggesprek 1 (${number})`,
      `Nazorggesprek 2 (${number})`,
      `Nazorggesprek 3 (${number})`,
    ]);
    for (const event of events) {
      expect(event.attendees?.[0]?.emailAddress?.address).toBe(harness.tenant.users[0]?.email);
      expect(event.body?.content ?? '').not.toContain('schold');
    }

    // Talk 1 is on the next working day: its reminder (a working day before) is due at once.
    const reminder = await next(mark, (text) => text.includes('Agenda'));
    expect(textOf(reminder)).toContain('nazorggesprek 1 met Mohamed El Amrani');
    expect(textOf(reminder)).toContain('Wat is er gebeurd?');
  });
});
