import { createReportTable } from '../../bot/reports/report-table';
import { reportDeliveryJob } from '../../bot/reports/reports-module';
import type { IncidentReport } from '../../bot/reports/report-model';
import { ManualClock } from '../../bot/shared/clock';
import { reportFixture } from '../dagstart/fixtures';
import type { RecordedCall } from '../support/fake-connector';
import { jeroen, lotte } from '../support/people';
import { readableText, receptionChannel, startWithChannels, stopAllTestApps, type TestApp } from '../support/test-app';

/**
 * Issue 17, through the running bot (real server, Table Storage in Azurite, the in-process Bot
 * Connector): one incident has one measure, which a second `maatregel` shows to change, extend or
 * lift; reception hears each of those once; the manager confirms a possible repeat on the report card
 * before the advice counts it; "niet nodig" where aangifte was advised needs a reason.
 */
const personal = { id: `a:personal-${lotte.id}`, conversationType: 'personal' as const };

/** Amsterdam local time (CET, +01:00). */
const at = (local: string) => new Date(`${local}+01:00`);

describe('the measure that stands, and repeats confirmed by the manager', () => {
  let running: TestApp;
  let clock: ManualClock;
  afterEach(stopAllTestApps);

  async function start(...reports: Partial<IncidentReport>[]): Promise<void> {
    clock = new ManualClock(at('2026-11-24T10:00:00'));
    running = await startWithChannels(['dagstart', 'receptie'], { clock });
    for (const overrides of reports.length > 0 ? reports : [{}]) {
      const stored = reportFixture({ forms: ['fysiek-geweld'], police: 'ja', ...overrides });
      await createReportTable(running.app.tables).create(stored);
      await running.app.dagstart.followUp.onSubmitted(stored);
    }
  }

  async function say(text: string, channel?: string, who = lotte): Promise<string[]> {
    const before = running.connector.sent().length;
    const response = channel ? await running.bot.channel(channel, who, text) : await running.bot.personal(who, text);
    expect(response.status).toBeLessThan(300);
    return running.connector
      .sent()
      .slice(before)
      .map((call) => readableText(call.body));
  }

  async function lastCard(text: string): Promise<RecordedCall> {
    const before = running.connector.sent().length;
    await running.bot.personal(lotte, text);
    return running.connector.sent().slice(before)[0] as RecordedCall;
  }

  async function click(verb: string, data: Record<string, unknown>) {
    const response = await running.bot.execute(personal, lotte, 'card', verb, data);
    const value = response.body.value;
    return { value, text: typeof value === 'string' ? value : readableText({ attachments: [value] }) };
  }

  const record = (data: Record<string, unknown>) => click('measure.record', { number: 'AGR-2026-0042', ...data });
  const ban = {
    kind: 'toegangsverbod',
    startDate: '2026-11-24',
    endDate: '2027-11-23',
    name: 'Tessa de Vries',
    aangifte: 'gedaan',
    aangifteDate: '2026-11-24',
    aangifteBy: 'Lotte Jansen',
  };
  const receptionTexts = () =>
    running.connector
      .sent()
      .filter((call) => (call.conversationId ?? '').startsWith(receptionChannel) && call.body.attachments)
      .map((call) => readableText(call.body));

  test('a second maatregel shows the ban in force: no second ban, reception told once, aangifte kept', async () => {
    await start();
    expect((await record(ban)).text).toContain('Maatregel vastgelegd: AGR-2026-0042');
    await running.app.measures.idle();

    const second = readableText((await lastCard('maatregel AGR-2026-0042')).body);
    expect(second).toContain('Maatregel bij AGR-2026-0042');
    expect(second).toContain('Voor dit incident is al een maatregel vastgelegd');
    expect(second).toContain('Geldt nu, tot en met 23 november 2027');
    expect(second).toContain('Gedaan op 24 november 2026 door Lotte Jansen');
    for (const action of ['Wijzigen', 'Verlengen', 'Opheffen', 'Verbod opheffen']) expect(second).toContain(action);
    expect(second).not.toContain('Maatregel vastleggen');

    // The old form sent again records nothing new.
    const again = await record({ ...ban, aangifte: 'nog-niet' });
    expect(again.text).toContain('Er is al een maatregel vastgelegd voor dit incident');
    await running.app.measures.idle();

    expect(await running.app.measures.forIncident('AGR-2026-0042')).toHaveLength(1);
    expect((await running.app.measures.forIncident('AGR-2026-0042'))[0]?.aangifte.status).toBe('gedaan');
    expect(await running.app.measures.bans.list(clock.now())).toHaveLength(1);
    expect(receptionTexts()).toHaveLength(1);
    const list = (await say('verboden', receptionChannel, jeroen))[0];
    expect(list).toContain('Er geldt nu 1 verbod:');
    expect(list?.match(/Tessa de Vries/g)).toHaveLength(1);
    // Initials that look like the particles 's and 't still find the ban.
    expect((await say('check T. de Vries', receptionChannel, jeroen))[0]).toContain(
      'Let op: voor deze naam geldt een verbod',
    );
  });

  test('extending: the form comes filled in, one record, reception sees the new period, no early "afgelopen"', async () => {
    await start();
    await record(ban);
    await running.app.measures.idle();
    const [stands] = await running.app.measures.forIncident('AGR-2026-0042');

    const form = await click('measure.edit', { id: stands?.id, mode: 'verlengen' });
    expect(form.text).toContain('Verbod verlengen: AGR-2026-0042');
    expect(JSON.stringify(form.value)).toContain('"value":"2027-11-23"');
    expect(JSON.stringify(form.value)).toContain('"value":"gedaan"');

    const notLonger = await record({ ...ban, measureId: stands?.id, mode: 'verlengen', endDate: '2027-06-01' });
    expect(notLonger.text).toContain('Verlengen: kies een einddatum na de huidige.');

    const extended = await record({
      ...ban,
      measureId: stands?.id,
      mode: 'verlengen',
      endDate: '2028-05-23',
      deviationReason: 'Hij kwam terug en bedreigde de receptie.',
    });
    expect(extended.text).toContain('Maatregel gewijzigd: AGR-2026-0042');
    expect(extended.text).toContain('tot en met 23 mei 2028');
    expect(extended.text).toContain('De receptie krijgt de wijziging nu te zien');
    await running.app.measures.idle();

    expect(await running.app.measures.forIncident('AGR-2026-0042')).toHaveLength(1);
    const [first, change] = receptionTexts();
    expect(first).toContain('Tessa de Vries mag in deze periode niet in de gemeentelijke gebouwen komen.');
    expect(change).toContain('Toegangsverbod tot de gebouwen gewijzigd');
    expect(change).toContain('23 mei 2028');
    expect((await say('verboden', receptionChannel, jeroen))[0]).toContain('tot en met 23 mei 2028');

    // The old end passes: the ban still runs and reception hears nothing of an end.
    clock.set(at('2027-11-24T00:00:01'));
    await running.app.scheduler.tick();
    expect(receptionTexts()).toHaveLength(2);
    expect(await running.app.measures.bans.list(clock.now())).toHaveLength(1);
    const card = readableText((await lastCard('maatregel AGR-2026-0042')).body);
    expect(card).toContain('Eerder: Toegangsverbod tot de gebouwen van 24 november 2026 tot en met 23 november 2027');
  });

  test('lifting early needs a reason; reception is told; the ban leaves the lists and never "ends"', async () => {
    await start();
    await record(ban);
    await running.app.measures.idle();
    const [stands] = await running.app.measures.forIncident('AGR-2026-0042');

    const withoutReason = await click('measure.lift', { id: stands?.id, liftReason: ' ' });
    expect(withoutReason.text).toContain('Schrijf kort waarom je het verbod opheft');
    expect(await running.app.measures.bans.list(clock.now())).toHaveLength(1);

    clock.set(at('2026-12-10T09:00:00'));
    const lifted = await click('measure.lift', { id: stands?.id, liftReason: 'Excuses aangeboden in een gesprek.' });
    expect(lifted.text).toContain('Verbod opgeheven: AGR-2026-0042');
    expect(lifted.text).toContain('Excuses aangeboden in een gesprek.');
    expect(lifted.text).toContain('De receptie krijgt nu bericht dat het verbod is opgeheven.');
    await running.app.measures.idle();

    const [, liftedCard] = receptionTexts();
    expect(liftedCard).toContain('Toegangsverbod tot de gebouwen opgeheven');
    expect(liftedCard).toContain('Het verbod voor Tessa de Vries is opgeheven.');
    expect(liftedCard).toContain('10 december 2026');
    expect(liftedCard).not.toContain('Excuses');
    expect((await say('verboden', receptionChannel, jeroen))[0]).toBe('Er geldt nu geen toegangs- of contactverbod.');
    expect(await running.app.measures.bans.list(clock.now())).toEqual([]);

    // The fallback job and the original end tell reception nothing more.
    clock.set(at('2027-11-24T00:00:01'));
    await running.app.scheduler.tick();
    await running.app.scheduler.tick();
    expect(receptionTexts()).toHaveLength(2);
    // After lifting, a new measure may be recorded.
    expect(readableText((await lastCard('maatregel AGR-2026-0042')).body)).toContain(
      'Maatregel vastleggen: AGR-2026-0042',
    );
  });

  test('aangifte "niet nodig" where it was advised needs a reason, and the reason is kept', async () => {
    await start();
    const form = JSON.stringify((await lastCard('maatregel AGR-2026-0042')).body.attachments);
    expect(form).toContain('Aangifte niet nodig terwijl het advies aangifte is? Schrijf waarom');
    const without = await record({ ...ban, aangifte: 'niet-nodig' });
    expect(without.text).toContain('Het advies is aangifte te doen. Schrijf kort waarom aangifte niet nodig is');
    expect(await running.app.measures.forIncident('AGR-2026-0042')).toEqual([]);
    const saved = await record({ ...ban, aangifte: 'niet-nodig', aangifteReason: 'De politie deed zelf aangifte.' });
    expect(saved.text).toContain('Niet nodig: De politie deed zelf aangifte.');
  });

  test('a contact ban: preselected as advised, and the advice does not ask to report an access ban', async () => {
    const phone = { forms: ['verbaal-geweld' as const], place: { kind: 'telefoon' as const }, police: 'nee' as const };
    await start(
      { ...phone, number: 'AGR-2026-0040', occurredAt: '2026-10-01T09:00:00.000Z', draftId: 'd-40' },
      { ...phone, number: 'AGR-2026-0042' },
    );
    const card = await lastCard('maatregel AGR-2026-0042');
    const form = readableText(card.body);
    expect(form).toContain('Advies: Geen contact met de gemeente voor 3 maanden: contactverbod');
    expect(JSON.stringify(card.body.attachments)).toContain('"value":"contactverbod"');
    expect(form).toContain('Meld het contactverbod meteen aan de receptie');
    expect(form).not.toContain('Een toegangsverbod meld je');
    // Choosing what the words say is no deviation.
    const saved = await record({ ...ban, kind: 'contactverbod', endDate: '2027-02-23' });
    expect(saved.text).toContain('Maatregel vastgelegd');
  });

  test('two reports of one alarm: one incident, no repeat, one measure for both', async () => {
    const alarm = { kind: 'alarm' as const, buttonId: 'nbg24', alarmId: 'alarm-7', responders: ['Pieter Bakker'] };
    await start(
      { number: 'AGR-2026-0041', draftId: 'd-41', source: alarm },
      { number: 'AGR-2026-0042', source: alarm, occurredAt: '2026-11-24T08:55:00.000Z' },
    );
    const form = readableText((await lastCard('maatregel AGR-2026-0042')).body);
    expect(form).toContain('Dezelfde gebeurtenis is ook gemeld als AGR-2026-0041');
    expect(form).toContain('geen herhaling');
    expect(form).toContain('Advies: Geen contact met de gemeente voor 12 maanden');
    expect(form).not.toContain('Herhaling binnen een jaar');

    await click('measure.record', { ...ban, number: 'AGR-2026-0041' });
    await running.app.measures.idle();
    const linked = readableText((await lastCard('maatregel AGR-2026-0042')).body);
    expect(linked).toContain('Dit incident is ook gemeld als AGR-2026-0041; daar is de maatregel vastgelegd.');
    expect((await record(ban)).text).toContain('Er is al een maatregel vastgelegd voor dit incident');
    expect(await running.app.measures.forIncident('AGR-2026-0042')).toEqual([]);
    expect(await running.app.measures.bans.list(clock.now())).toHaveLength(1);
  });

  test('a name that only fits: "dezelfde persoon als AGR-…?" on the report card; the advice counts it once confirmed', async () => {
    const verbal = { forms: ['verbaal-geweld' as const], police: 'nee' as const };
    await start(
      {
        ...verbal,
        number: 'AGR-2026-0001',
        occurredAt: '2026-09-01T09:00:00.000Z',
        draftId: 'd-1',
        aggressor: { kind: 'known', identification: 'Jan de Vries (geb. 01-02-1980)' },
      },
      { ...verbal, aggressor: { kind: 'known', identification: 'de Vries, J.' } },
    );
    // The manager's report card, delivered as the bot does after submission.
    await running.app.scheduler.schedule(
      reportDeliveryJob.request('deliver-42', clock.now(), { number: 'AGR-2026-0042' }),
    );
    await running.app.scheduler.tick();
    await running.app.reports.idle();
    const managerCard = running.connector
      .sent()
      .map((call) => readableText(call.body))
      .find((text) => text.includes('Advies maatregel')) as string;
    expect(managerCard).toContain('Mogelijk herhaling: bij AGR-2026-0001');
    expect(managerCard).toContain('"Jan de Vries (geb. 01-02-1980)"');
    expect(managerCard).toContain('Is de agressor dezelfde persoon als bij AGR-2026-0001?');
    expect(managerCard).toContain('Mondelinge waarschuwing');
    expect(managerCard).not.toContain('Herhaling binnen een jaar');

    // Until confirmed, the measure form advises the first-time measure and says it may be a repeat.
    const before = readableText((await lastCard('maatregel AGR-2026-0042')).body);
    expect(before).toContain('Advies: Mondelinge waarschuwing');
    expect(before).toContain('Bevestig op de kaart van de melding of het dezelfde persoon is');

    const confirmed = await click('report.same-person', {
      number: 'AGR-2026-0042',
      other: 'AGR-2026-0001',
      same: 'ja',
    });
    expect(confirmed.text).toContain('Herhaling binnen een jaar: AGR-2026-0001');
    expect(confirmed.text).toContain('Geen contact met de gemeente voor 3 maanden');
    expect(confirmed.text).not.toContain('Is de agressor dezelfde persoon');

    const after = readableText((await lastCard('maatregel AGR-2026-0042')).body);
    expect(after).toContain('Advies: Geen contact met de gemeente voor 3 maanden: toegangsverbod tot de gebouwen');

    // Someone else cannot answer for this report.
    const refused = await running.bot.execute(personal, jeroen, 'card', 'report.same-person', {
      number: 'AGR-2026-0042',
      other: 'AGR-2026-0001',
      same: 'nee',
    });
    expect(JSON.stringify(refused.body)).toContain('Alleen de leidinggevende van deze melding');

    // "Nee": a namesake; the advice is the first-time one again.
    const denied = await click('report.same-person', { number: 'AGR-2026-0042', other: 'AGR-2026-0001', same: 'nee' });
    expect(denied.text).toContain('Eerste keer');
    expect(denied.text).toContain('Mondelinge waarschuwing');
  });
});
