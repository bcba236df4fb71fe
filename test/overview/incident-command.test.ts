import { createAuditTable } from '../../bot/overview/overview-audit-table';
import { ManualClock } from '../../bot/shared/clock';
import { chatLink } from '../../tab/src/chat-link';
import { readableText, startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';
import { fatima, jeroen, lotte, mohamed, overviewEnv, pieter, sanne, seedOverview, seededNow } from './overview-seed';

afterEach(stopAllTestApps);

/**
 * `incident AGR-…` in the personal chat: the Overzicht tab's "Open in de chat" types it. The summary
 * and the timeline for those who may open the incident in the tab, with the same names hidden, and
 * each read in the audit log like a detail read.
 */
describe('the incident command in the chat', () => {
  let test: TestApp;

  beforeEach(async () => {
    test = await startTestApp({ env: overviewEnv, clock: new ManualClock(seededNow) });
    await seedOverview(test);
  });

  /** What the bot answers in this person's personal chat. */
  async function say(person: { id: string; aadObjectId: string; name: string }, text: string): Promise<string> {
    const before = test.connector.sent().length;
    const response = await test.bot.personal(person, text);
    expect(response.status).toBeLessThan(300);
    return test.connector
      .sent()
      .slice(before)
      .filter((call) => call.conversationId === `a:personal-${person.id}`)
      .map((call) => readableText(call.body))
      .join('\n');
  }

  it('opens the incident the tab links to, instead of starting a new report', async () => {
    const message = new URL(chatLink('00000000-0000-0000-0000-00000000b07d', 'AGR-2026-0001')).searchParams.get(
      'message',
    );
    expect(message).toBe('incident AGR-2026-0001');
    const answer = await say(lotte, message!);
    expect(answer).not.toContain('Fijn dat je dit meldt'); // the report's first words
    expect(answer.split('\n\n')).toEqual([
      '**Incident AGR-2026-0001**',
      '**Wanneer:** 10 sep 2026 09:59',
      '**Vorm:** Verbaal geweld, Intimidatie of bedreiging',
      '**Plaats:** Publieksbalie 1',
      '**Politie:** Gebeld, maar niet gekomen',
      '**Maatregel:** Toegangsverbod tot de gebouwen',
      '**Aangifte:** Gedaan',
      '**Slachtoffer:** Fatima Yilmaz',
      '**Agressor:** Karel Klaassen, klantnummer 778899',
      '**Leidinggevende:** Lotte Jansen',
      '**Wat er gebeurde:** De klant schreeuwde aan de balie.',
      '**Tijdlijn**',
      '- 10 sep 2026 09:59: Incident',
      '- 10 sep 2026 10:00: Alarm van Publieksbalie 1',
      '- 10 sep 2026 10:00: Pieter Bakker komt (1e)',
      '- 10 sep 2026 10:01: Jeroen de Boer komt (2e)',
      '- 10 sep 2026 10:10: Alarm afgesloten door Pieter Bakker: Agressor is vertrokken',
      '- 10 sep 2026 10:59: Melding AGR-2026-0001 ingediend door Fatima Yilmaz',
      '- 11 sep 2026: Aangifte gedaan (onder nummer)',
      '- 12 sep 2026 12:00: Maatregel: Toegangsverbod tot de gebouwen van 14 sep 2026 tot en met 14 dec 2026 (besloten door Lotte Jansen)',
    ]);
  });

  it('answers while a report is half-way, and the report goes on where it was', async () => {
    const started = await say(lotte, 'melden');
    expect(started).toContain('Vraag 1');
    const answer = await say(lotte, 'incident AGR-2026-0001');
    expect(answer).toContain('**Incident AGR-2026-0001**');
    expect(answer).not.toContain('Vraag');
    // The report still waits at its first question: `overzicht` shows the report, not a new start.
    const resumed = await say(lotte, 'overzicht');
    expect(resumed).not.toContain('**Incident AGR-2026-0001**');
    expect(resumed.length).toBeGreaterThan(0);
  });

  it('follows the tab’s rules: the manager of another incident and someone without a role are refused', async () => {
    expect(await say(lotte, 'incident AGR-2026-0003')).toBe(
      'Je hebt geen toegang tot incident AGR-2026-0003. Een incident bekijken kan de leidinggevende van het incident, de coördinator, P&O of de MO.',
    );
    const refused = await say(fatima, 'incident AGR-2026-0001');
    expect(refused).toContain('Je hebt geen toegang tot de incidenten.');
    expect(refused).not.toContain('Klaassen');
    expect(await say(jeroen, 'incident agr-2026-0003')).toContain('**Incident AGR-2026-0003**');
    expect(await say(sanne, 'incident AGR-2026-9999')).toBe('Incident AGR-2026-9999 ken ik niet.');
    expect(await say(sanne, 'incident morgen')).toContain('bijvoorbeeld `incident AGR-2026-0001`');
  });

  it('hides the names the tab hides: P&O sees the victim, not the aggressor; the MO sees neither', async () => {
    const po = await say(mohamed, 'incident AGR-2026-0001');
    expect(po).toContain('**Slachtoffer:** Fatima Yilmaz');
    expect(po).toContain('**Agressor:** Afgeschermd');
    expect(po).not.toMatch(/Klaassen|778899/);

    const mo = await say(pieter, 'incident AGR-2026-0003');
    expect(mo).toContain('**Slachtoffer:** Afgeschermd');
    expect(mo).toContain('- 2 nov 2026 16:30: Melding AGR-2026-0003 ingediend');
    // The manager is named, acting in that role, as in the tab; the reporter and the victim are not.
    expect(mo).toContain('**Leidinggevende:** Jeroen de Boer');
    expect(mo).not.toMatch(/Facebook|ingediend door|over Pieter|Pieter Bakker/);
  });

  it('writes each read to the audit log, as a detail read in the tab is', async () => {
    await say(lotte, 'incident AGR-2026-0001');
    (test.app.clock as ManualClock).advance(60_000);
    await say(fatima, 'incident AGR-2026-0001'); // refused: nothing read
    await say(sanne, 'incident AGR-2026-0001');
    const reads = await createAuditTable(test.app.tables).readsOf('AGR-2026-0001');
    expect(reads.map((read) => [read.viewerName, read.roles, read.via, read.at.toISOString()])).toEqual([
      ['Lotte Jansen', [], 'chat', seededNow.toISOString()],
      ['Sanne de Vries', ['coordinator'], 'chat', new Date(seededNow.getTime() + 60_000).toISOString()],
    ]);
  });

  it('still starts a new report for `incident` alone, and works only in the personal chat', async () => {
    expect(await say(lotte, 'incident')).toContain('Fijn dat je dit meldt');
    const before = test.connector.sent().length;
    await test.bot.channel('19:halteam@thread.tacv2', sanne, 'incident AGR-2026-0001');
    const inChannel = test.connector
      .sent()
      .slice(before)
      .map((call) => readableText(call.body))
      .join('\n');
    expect(inChannel).toContain('werkt in een persoonlijke chat met de bot');
    expect(inChannel).not.toContain('Klaassen');
  });
});
