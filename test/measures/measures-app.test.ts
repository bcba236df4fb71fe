import JSZip from 'jszip';
import { createReportTable } from '../../bot/reports/report-table';
import type { IncidentReport } from '../../bot/reports/report-model';
import { ManualClock } from '../../bot/shared/clock';
import { reportFixture } from '../dagstart/fixtures';
import type { RecordedCall } from '../support/fake-connector';
import { jeroen, lotte, pieter } from '../support/people';
import {
  admin,
  bindChannel,
  dagstartChannel,
  readableText,
  receptionChannel,
  startWithChannels,
  stopAllTestApps,
  type TestApp,
} from '../support/test-app';

/**
 * Measures against the aggressor through the running bot (real server, Table Storage in Azurite, the
 * in-process Bot Connector): the manager records the measure from `maatregel`, reception sees an
 * access ban at once and hears when it ends, `verboden` and `check` answer in the reception channel,
 * the dagstart card shows the measure, and the draft letter is an editable .docx without the victim.
 */
const victim = 'Fatima Yilmaz';
/** The access ban the form advises for AGR-2026-0042: twelve months from the day of the report. */
const yearBan = { kind: 'toegangsverbod', startDate: '2026-11-24', endDate: '2027-11-23' };

/** Amsterdam local time (CET, +01:00). */
const at = (local: string) => new Date(`${local}+01:00`);

describe('measures against the aggressor', () => {
  let running: TestApp;
  let clock: ManualClock;
  afterEach(stopAllTestApps);

  async function start(report: Partial<IncidentReport> = {}, reception = true): Promise<IncidentReport> {
    clock = new ManualClock(at('2026-11-24T10:00:00'));
    running = await startWithChannels(reception ? ['dagstart', 'receptie'] : ['dagstart'], { clock });
    const stored = reportFixture({ forms: ['fysiek-geweld'], police: 'ja', ...report });
    await createReportTable(running.app.tables).create(stored);
    await running.app.dagstart.followUp.onSubmitted(stored);
    return stored;
  }

  async function say(who: typeof lotte, text: string, channel?: string): Promise<RecordedCall[]> {
    const before = running.connector.sent().length;
    const response = channel ? await running.bot.channel(channel, who, text) : await running.bot.personal(who, text);
    expect(response.status).toBeLessThan(300);
    return running.connector.sent().slice(before);
  }

  /** Submits the measure form; `card` is the form's id or the recorded form itself. */
  function record(who: typeof lotte, card: string | RecordedCall | undefined, data: Record<string, unknown>) {
    const cardId = typeof card === 'string' ? card : String(card?.body.id ?? 'card');
    return running.bot.execute(
      { id: `a:personal-${who.id}`, conversationType: 'personal' },
      who,
      cardId,
      'measure.record',
      { number: 'AGR-2026-0042', ...data },
    );
  }

  const receptionCalls = () =>
    running.connector.sent().filter((call) => (call.conversationId ?? '').startsWith(receptionChannel));

  test('an access ban: preselected, reception told at once and at the end, letter without the victim', async () => {
    const report = await start();
    const [formCall] = await say(lotte, 'maatregel agr-2026-0042');
    const form = readableText((formCall as RecordedCall).body);
    expect(form).toContain('Maatregel vastleggen: AGR-2026-0042');
    expect(form).toContain('Advies: Geen contact met de gemeente voor 12 maanden');
    const attachments = JSON.stringify((formCall as RecordedCall).body.attachments);
    expect(attachments).toContain('"value":"toegangsverbod"');
    expect(attachments).toContain('"value":"2027-11-23"');
    expect(attachments).toContain('Karel Klaassen');

    // Another colleague may not decide; reception has seen nothing yet.
    const refused = await record(pieter, 'card', { kind: 'toegangsverbod' });
    expect(JSON.stringify(refused.body)).toContain('Alleen de leidinggevende');

    const cardId = String((formCall as RecordedCall).body.id ?? 'card');
    const noName = await record(lotte, cardId, {
      ...yearBan,
      name: '',
    });
    expect(JSON.stringify(noName.body.value)).toContain('Vul de naam van de persoon in');
    expect(receptionCalls()).toHaveLength(1); // only the binding confirmation

    const saved = await record(lotte, cardId, {
      ...yearBan,
      name: 'Karel Klaassen',
      photoUrl: 'https://fotos.example/karel.jpg',
      aangifte: 'gedaan',
      aangifteDate: '2026-11-24',
      aangifteBy: 'Lotte Jansen',
      underNumber: 'true',
    });
    const savedText = JSON.stringify(saved.body.value);
    expect(savedText).toContain('Toegangsverbod tot de gebouwen van 24 november 2026 tot en met 23 november 2027');
    expect(savedText).toContain('Gedaan op 24 november 2026 door Lotte Jansen, onder nummer');
    expect(savedText).toContain('De receptie krijgt het verbod nu te zien');
    await running.app.measures.idle();

    const [receptionCard] = receptionCalls().slice(1);
    const receptionText = readableText((receptionCard as RecordedCall).body);
    expect(receptionText).toContain('Karel Klaassen mag in deze periode niet in de gemeentelijke gebouwen komen.');
    expect(receptionText).toContain('23 november 2027');
    expect(JSON.stringify((receptionCard as RecordedCall).body)).toContain('https://fotos.example/karel.jpg');
    expect(receptionText).not.toContain(victim);

    // The dagstart card shows the measure, updated in place, without the aggressor's name.
    const dagstartUpdate = running.connector
      .updates()
      .find((call) => readableText(call.body).includes('Toegangsverbod tot de gebouwen'));
    expect(dagstartUpdate).toBeDefined();
    expect(readableText((dagstartUpdate as RecordedCall).body)).not.toContain('Klaassen');

    // Reception: the bans in force, and names checked.
    const list = await say(jeroen, 'verboden', receptionChannel);
    expect(readableText((list[0] as RecordedCall).body)).toContain(
      'Karel Klaassen: toegangsverbod tot de gebouwen tot en met 23 november 2027',
    );
    expect(
      readableText(((await say(jeroen, 'check K. Klaassen', receptionChannel))[0] as RecordedCall).body),
    ).toContain('Let op: voor deze naam geldt een verbod');
    expect(readableText(((await say(jeroen, 'check klaassen', receptionChannel))[0] as RecordedCall).body)).toContain(
      'Typ een voornaam of voorletter',
    );
    expect(readableText(((await say(jeroen, 'check Jan de Vries', receptionChannel))[0] as RecordedCall).body)).toBe(
      'Voor "Jan de Vries" geldt nu geen verbod.',
    );
    // Not in another channel: the names stay at reception.
    expect(readableText(((await say(jeroen, 'verboden', dagstartChannel))[0] as RecordedCall).body)).toBe(
      'Dit werkt alleen in het receptiekanaal.',
    );

    // The fallback job does not tell reception twice.
    clock.set(at('2026-11-24T10:05:00'));
    await running.app.scheduler.tick();
    expect(receptionCalls()).toHaveLength(1 + 1 + 4);

    // The letter: an editable .docx with the recipients of Bijlage 7, and nothing of the victim.
    const letterUrl = /\/api\/measures\/letters\/[A-Za-z0-9_-]+/.exec(savedText)?.[0] as string;
    const response = await fetch(`${running.url}${letterUrl}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    const xml = (await zip.file('word/document.xml')?.async('string')) as string;
    const letter = xml.replace(/<w:tab\/>/g, ' ').replace(/<[^>]+>/g, '');
    expect(letter).toContain('Toegangsverbod gemeentelijke gebouwen');
    expect(letter).toContain('van 24 november 2026 tot en met 23 november 2027');
    expect(letter).toContain('Karel Klaassen, per gewone post en aangetekend');
    expect(letter).toContain('De politie (basisteam)');
    expect(letter).toContain('de gemeentesecretaris,');
    expect(letter).toContain('de burgemeester,');
    expect(letter).toContain('Kenmerk: AGR-2026-0042');
    for (const secret of [victim, 'Fatima', report.description, 'opwachten', 'Pieter Bakker', 'Lotte Jansen']) {
      expect(letter).not.toContain(secret);
    }
    expect((await fetch(`${running.url}/api/measures/letters/not-a-real-key-000000000`)).status).toBe(404);
    // The link (it carries the aggressor's name) stops working a week after the decision.
    clock.set(at('2026-12-01T10:06:00'));
    expect((await fetch(`${running.url}${letterUrl}`)).status).toBe(410);
    clock.set(at('2026-11-24T10:05:00'));

    // The dagstart digest counts the ban, without the name.
    const bans = await running.app.measures.bans.list(clock.now());
    expect(bans).toEqual([
      { description: 'Toegangsverbod tot de gebouwen (AGR-2026-0042), sinds 24 november 2026', until: '2027-11-23' },
    ]);

    clock.set(at('2026-11-25T08:30:01'));
    await running.app.scheduler.tick();
    const digest = running.connector
      .sent()
      .filter((call) => (call.conversationId ?? '').startsWith(dagstartChannel))
      .map((call) => readableText(call.body))
      .find((text) => text.includes('Dagstart woensdag'));
    expect(digest).toContain('Toegangsverbod tot de gebouwen (AGR-2026-0042)');
    expect(digest).toContain('tot en met 23 november 2027');
    expect(digest).not.toContain('Klaassen');

    // The day after the last day, reception hears the ban ended; then it is no longer listed.
    clock.set(at('2027-11-24T00:00:01'));
    await running.app.scheduler.tick();
    const ended = receptionCalls().at(-1) as RecordedCall;
    expect(readableText(ended.body)).toContain('Het verbod voor Karel Klaassen is afgelopen.');
    expect(readableText(((await say(jeroen, 'verboden', receptionChannel))[0] as RecordedCall).body)).toBe(
      'Er geldt nu geen toegangs- of contactverbod.',
    );
    expect(await running.app.measures.bans.list(clock.now())).toEqual([]);
  });

  test('deviating from the advice needs a reason; a warning has no reception card', async () => {
    await start();
    // "Maatregel vastleggen" on the manager's report card sends the form as a new message.
    const before = running.connector.sent().length;
    const opened = await running.bot.execute(
      { id: `a:personal-${lotte.id}`, conversationType: 'personal' },
      lotte,
      'report-card',
      'measure.open',
      { number: 'AGR-2026-0042' },
    );
    expect(JSON.stringify(opened.body)).toContain('Het formulier voor de maatregel staat hieronder.');
    const [formCall] = running.connector.sent().slice(before);
    expect(readableText((formCall as RecordedCall).body)).toContain('Maatregel vastleggen: AGR-2026-0042');
    const cardId = String((formCall as RecordedCall).body.id ?? 'card');
    const without = await record(lotte, cardId, { kind: 'schriftelijke-waarschuwing' });
    expect(JSON.stringify(without.body.value)).toContain('Je wijkt af van het advies. Schrijf kort waarom');
    const saved = await record(lotte, cardId, {
      kind: 'schriftelijke-waarschuwing',
      deviationReason: 'De klant was in de war en heeft excuses aangeboden.',
    });
    const text = JSON.stringify(saved.body.value);
    expect(text).toContain('Reden afwijking');
    expect(text).toContain('De klant was in de war en heeft excuses aangeboden.');
    await running.app.measures.idle();
    expect(receptionCalls()).toHaveLength(1);
    const measures = await running.app.measures.forIncident('AGR-2026-0042');
    expect(measures.map((measure) => [measure.kind, measure.deviationReason, measure.subject])).toEqual([
      ['schriftelijke-waarschuwing', 'De klant was in de war en heeft excuses aangeboden.', undefined],
    ]);
  });

  test('a double click on "Vastleggen" records one measure and tells reception once', async () => {
    await start();
    const [formCall] = await say(lotte, 'maatregel agr-2026-0042');
    const cardId = String((formCall as RecordedCall).body.id ?? 'card');
    const ban = {
      ...yearBan,
      name: 'Karel Klaassen',
      aangifte: 'gedaan',
      aangifteDate: '2026-11-24',
      aangifteBy: 'Lotte Jansen',
      underNumber: 'true',
    };
    const [first, second] = await Promise.all([record(lotte, cardId, ban), record(lotte, cardId, ban)]);
    const answers = [JSON.stringify(first.body.value), JSON.stringify(second.body.value)];
    expect(answers.filter((answer) => answer.includes('Maatregel vastgelegd'))).toHaveLength(1);
    expect(answers.some((answer) => answer.includes('een tweede leg ik niet vast'))).toBe(true);
    await running.app.measures.idle();
    expect(await running.app.measures.forIncident('AGR-2026-0042')).toHaveLength(1);
    expect(receptionCalls()).toHaveLength(2); // the binding confirmation and one ban notice
  });

  test('a contact ban that starts later reaches reception on its first day; the coordinator may record it', async () => {
    await start({ forms: ['verbaal-geweld'], place: { kind: 'telefoon' } });
    const [formCall] = await say(admin, 'maatregel AGR-2026-0042');
    expect(readableText((formCall as RecordedCall).body)).toContain(
      'Advies: Schriftelijke waarschuwing van het college',
    );
    const saved = await record(admin, formCall, {
      kind: 'contactverbod',
      startDate: '2026-12-01',
      endDate: '2027-02-28',
      name: 'Karel Klaassen',
      deviationReason: 'Derde keer deze maand aan de telefoon.',
    });
    expect(JSON.stringify(saved.body.value)).toContain('De receptie krijgt het verbod op 1 december 2026 te zien.');
    await running.app.measures.idle();
    await running.app.scheduler.tick();
    expect(receptionCalls()).toHaveLength(1);
    clock.set(at('2026-12-01T00:00:01'));
    await running.app.scheduler.tick();
    expect(readableText((receptionCalls().at(-1) as RecordedCall).body)).toContain(
      'Karel Klaassen mag in deze periode geen contact opnemen met de gemeente',
    );
  });

  test('damage: recorded, reminded every two weeks while unpaid, quiet once paid', async () => {
    await start();
    const [formCall] = await say(lotte, 'schade AGR-2026-0042');
    expect(readableText((formCall as RecordedCall).body)).toContain('Schade verhalen: AGR-2026-0042');
    const save = (data: Record<string, unknown>) =>
      running.bot.execute(
        { id: `a:personal-${lotte.id}`, conversationType: 'personal' },
        lotte,
        String((formCall as RecordedCall).body.id ?? 'card'),
        'measure.damage',
        { number: 'AGR-2026-0042', ...data },
      );
    expect(JSON.stringify((await save({ amount: 'veel' })).body)).toContain('Vul het bedrag in euro in');
    const saved = await save({
      amount: '1.250,50',
      nature: 'materieel',
      insurer: 'true',
      claimed: 'true',
      paid: 'false',
    });
    expect(JSON.stringify(saved.body)).toContain(
      'Schade bij AGR-2026-0042 opgeslagen: € 1250,50 (materieel), gemeld bij de verzekeraar, verhaald op de agressor, nog niet betaald.',
    );
    const toLotte = () =>
      running.connector.sent().filter((call) => (call.conversationId ?? '').startsWith(`a:personal-${lotte.id}`));
    const before = toLotte().length;
    clock.set(at('2026-12-08T09:00:01'));
    await running.app.scheduler.tick();
    expect(readableText((toLotte().at(-1) as RecordedCall).body)).toContain(
      'Herinnering: de schade bij melding AGR-2026-0042 is nog niet betaald',
    );
    expect(toLotte()).toHaveLength(before + 1);

    await save({ amount: '1250,50', nature: 'materieel', insurer: 'true', claimed: 'true', paid: 'true' });
    clock.set(at('2026-12-22T09:00:01'));
    await running.app.scheduler.tick();
    expect(toLotte()).toHaveLength(before + 1);
    // Someone else cannot see or change it.
    expect(readableText(((await say(pieter, 'schade AGR-2026-0042'))[0] as RecordedCall).body)).toContain(
      'Alleen de leidinggevende',
    );
  });

  test('without a reception channel the manager is told to inform reception, who get the card once bound', async () => {
    await start({}, false);
    const [formCall] = await say(lotte, 'maatregel AGR-2026-0042');
    const saved = await record(lotte, formCall, {
      ...yearBan,
      name: 'Karel Klaassen',
    });
    expect(JSON.stringify(saved.body.value)).toContain('Er is nog geen receptiekanaal gekoppeld');
    await running.app.measures.idle();
    // The job keeps waiting for a reception channel, hour by hour, while the ban runs.
    clock.set(at('2026-11-24T10:01:01'));
    await running.app.scheduler.tick();
    clock.set(at('2026-11-24T11:01:02'));
    await running.app.scheduler.tick();
    await bindChannel(running, 'receptie', receptionChannel);
    expect(receptionCalls()).toHaveLength(1);
    clock.set(at('2026-11-24T12:01:03'));
    await running.app.scheduler.tick();
    expect(readableText((receptionCalls().at(-1) as RecordedCall).body)).toContain(
      'Karel Klaassen mag in deze periode niet in de gemeentelijke gebouwen komen.',
    );
  });
});
