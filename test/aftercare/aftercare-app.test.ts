import type { GraphStandIn } from '../../bot/platform/graph/graph-stand-in';
import { createAftercareTable } from '../../bot/aftercare/aftercare-table';
import { createReportTable } from '../../bot/reports/report-table';
import type { ManualClock } from '../../bot/shared/clock';
import type { RecordedCall } from '../support/fake-connector';
import { lotte, mohamed, pieter } from '../support/people';
import { readableText, type TestApp } from '../support/test-app';
import { at, lotteChat, lotteSaysHello, mohamedsReport, startWorld, type World } from './aftercare-world';

/**
 * Aftercare through the running bot (HTTP, CloudAdapter, Table Storage in Azurite, the durable
 * scheduler driven by a manual clock) with the Graph stand-in as Outlook: the manager plans the
 * three talks from the card, gets the agenda a working day before, the form after, and a reminder
 * when it is missing.
 */
const report = mohamedsReport({
  number: 'AGR-2026-0007',
  draftId: 'draft-7',
  description: 'Klant schold mij uit en sloeg op de balie',
  aggressor: { kind: 'known', identification: 'J. Klant 1234567' },
});

function executeData(call: RecordedCall | { attachments?: unknown }, title: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && record.title === title) found ??= record.data as Record<string, unknown>;
      Object.values(record).forEach(walk);
    }
  };
  walk('body' in call ? call.body.attachments : call);
  if (!found) throw new Error(`no button "${title}"`);
  return found;
}

const titles = (card: unknown): string[] => {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && typeof record.title === 'string') found.push(record.title);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
};

const cardText = (card: unknown) => readableText({ attachments: [{ content: card }] });

describe('aftercare: the three talks through the running bot', () => {
  let graph: GraphStandIn;
  let clock: ManualClock;
  let test: TestApp;
  let world: World;

  beforeEach(async () => {
    world = await startWorld();
    ({ graph, clock } = world);
  });
  afterEach(() => world.stop());

  async function start(prefix?: string) {
    test = await world.startApp([lotte, mohamed, pieter], { prefix });
    return test;
  }

  const toLotte = () => test.connector.sent().filter((call) => call.conversationId === lotteChat);
  const lastToLotte = () => toLotte()[toLotte().length - 1] as RecordedCall;

  async function click(verb: string, data: Record<string, unknown>, who = lotte) {
    const answer = await test.bot.execute({ id: lotteChat, conversationType: 'personal' }, who, '1', verb, data);
    expect(answer.status).toBe(200);
    return answer.body.value;
  }

  async function offerAndPlan() {
    await start();
    await lotteSaysHello(test);
    await test.app.aftercare.followUp.onSubmitted(report);
    const offer = lastToLotte();
    const text = readableText(offer.body);
    expect(text).toContain('Nazorg na incident AGR-2026-0007');
    expect(text).toContain('wo 18 nov 09:00–10:00');
    expect(text).toContain('di 1 dec 09:00–10:00');
    expect(text).toContain('di 15 dec 09:00–10:00');
    const planned = await click('aftercare.plan', executeData(offer, 'Inplannen'));
    return { offer, planned };
  }

  const run = async () => {
    let total = 0;
    for (let ran = await test.app.scheduler.tick(); ran > 0; ran = await test.app.scheduler.tick()) total += ran;
    return total;
  };

  it('plans three Teams meetings in the manager’s calendar, once, with only the incident number and date', async () => {
    const { offer, planned } = await offerAndPlan();
    expect(cardText(planned)).toContain('Nazorg ingepland: AGR-2026-0007');
    const events = graph.calendarOf('aad-lotte');
    expect(events).toHaveLength(3);
    for (const event of events) {
      expect(event).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
      expect(event.attendees?.[0]?.emailAddress?.address).toBe('mohamed.elamrani@gemeente.example');
      const body = event.body?.content ?? '';
      expect(body).toContain('AGR-2026-0007');
      expect(body).toContain('17 november 2026');
      expect(body).not.toMatch(/schold|balie|Klant|1234567/i);
    }
    expect(events.map((event) => event.subject)).toEqual([
      'Nazorggesprek 1 (AGR-2026-0007)',
      'Nazorggesprek 2 (AGR-2026-0007)',
      'Nazorggesprek 3 (AGR-2026-0007)',
    ]);
    // A retried click (Teams resends Action.Execute) makes no second set.
    const again = await click('aftercare.plan', executeData(offer, 'Inplannen'));
    expect(cardText(again)).toContain('Nazorg ingepland');
    expect(graph.calendarOf('aad-lotte')).toHaveLength(3);
  });

  it('proposes no talk on 5 May (Bevrijdingsdag): the first talk comes after it and Ascension Day', async () => {
    clock.set(at('2027-05-04 15:00'));
    await start();
    await lotteSaysHello(test);
    await test.app.aftercare.followUp.onSubmitted({
      ...report,
      number: 'AGR-2027-0003',
      occurredAt: at('2027-05-04 14:00').toISOString(),
      submittedAt: at('2027-05-04 14:30').toISOString(),
    });
    const text = readableText(lastToLotte().body);
    expect(text).toContain('Nazorg na incident AGR-2027-0003');
    expect(text).toContain('vr 7 mei 09:00–10:00');
    expect(text).not.toContain('wo 5 mei');
  });

  it('makes no duplicates when Graph throttles and the same request is retried', async () => {
    await start();
    await lotteSaysHello(test);
    await test.app.aftercare.followUp.onSubmitted(report);
    graph.fail({ status: 429, retryAfter: 1, method: 'POST', path: /\/events$/ }, 1);
    graph.fail({ status: 503, retryAfter: 0, method: 'POST', path: /\/events$/ }, 1);
    const planned = await click('aftercare.plan', executeData(lastToLotte(), 'Inplannen'));
    expect(cardText(planned)).toContain('Nazorg ingepland');
    expect(graph.calendarOf('aad-lotte')).toHaveLength(3);
    const posts = graph.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/events'));
    expect(posts.map((request) => request.status)).toEqual([429, 503, 201, 201, 201]);
  });

  it('tells the manager plainly when the calendar may not be used (403), and offers to plan it herself', async () => {
    graph.deny('aad-lotte');
    await start();
    await lotteSaysHello(test);
    await test.app.aftercare.followUp.onSubmitted(report);
    const offer = lastToLotte();
    expect(readableText(offer.body)).toContain('geen toestemming voor jouw mailbox');
    expect(titles(offer.body.attachments)).toEqual(['Zelf plannen']);
    const self = await click('aftercare.self', executeData(offer, 'Zelf plannen'));
    expect(cardText(self)).toContain('Nazorg zelf plannen');
    expect(cardText(self)).toContain('tussen wo 18 nov en do 19 nov');
    expect(graph.calendarOf('aad-lotte')).toHaveLength(0);
  });

  it('tells the manager plainly when creating the events is refused (403), without half a plan', async () => {
    await start();
    await lotteSaysHello(test);
    await test.app.aftercare.followUp.onSubmitted(report);
    graph.fail({ status: 403, method: 'POST', path: /\/events$/ });
    const refused = await click('aftercare.plan', executeData(lastToLotte(), 'Inplannen'));
    expect(cardText(refused)).toContain('geen toestemming voor jouw mailbox');
    expect(titles(refused)).toEqual(['Zelf plannen']);
    expect(graph.calendarOf('aad-lotte')).toHaveLength(0);
    const plan = await createAftercareTable(test.app.tables).get('AGR-2026-0007');
    expect(plan?.state).toBe('offered');
    expect(await test.app.scheduler.tick()).toBe(0);
  });

  it('tells the manager when the employee is unknown to Graph (404)', async () => {
    await start();
    await lotteSaysHello(test);
    await test.app.aftercare.followUp.onSubmitted({ ...report, reporter: pieter });
    expect(readableText(lastToLotte().body)).toContain('niet vinden in de agenda’s');
    expect(titles(lastToLotte().body.attachments)).toEqual(['Zelf plannen']);
  });

  it('offers other times, and says so when a window has no free moment', async () => {
    graph.addBusy('aad-mohamed', at('2026-12-14 00:00'), at('2026-12-30 00:00'));
    await start();
    await lotteSaysHello(test);
    await test.app.aftercare.followUp.onSubmitted(report);
    const offer = lastToLotte();
    expect(readableText(offer.body)).toContain('Voor gesprek 3 vond ik geen moment');
    expect(titles(offer.body.attachments)).toEqual(['Andere tijden', 'Zelf plannen']);
    const other = await click('aftercare.other', executeData(offer, 'Andere tijden'));
    expect(cardText(other)).toContain('wo 18 nov 09:30–10:30');
  });

  it('reminds a working day before each talk, once, also across a restart', async () => {
    await offerAndPlan();
    const before = toLotte().length;
    await run();
    // Talk 1 is tomorrow: its reminder is due at once.
    const reminders = () =>
      toLotte()
        .slice(before)
        .map((call) => readableText(call.body))
        .filter((text) => text.includes('Agenda'));
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]).toContain('wo 18 nov 09:00–10:00');
    expect(reminders()[0]).toContain('Wat is er gebeurd?');

    const prefix = test.prefix;
    await test.stop();
    await start(prefix);
    clock.set(at('2026-11-30 09:00'));
    await run();
    await run();
    const after = reminders();
    expect(after).toHaveLength(2);
    expect(after[1]).toContain('nazorggesprek 2');
    expect(after[1]).toContain('di 1 dec 09:00–10:00');
  });

  it('follows a talk the manager moved in Outlook, and stops following one she cancelled', async () => {
    await offerAndPlan();
    await run();
    const [, second, third] = graph.calendarOf('aad-lotte');
    graph.moveEvent(second?.id ?? '', at('2026-12-02 13:00'), at('2026-12-02 14:00'));
    graph.cancelEvent(third?.id ?? '');
    const since = toLotte().length;
    const about = (talk: number) =>
      toLotte()
        .slice(since)
        .map((call) => readableText(call.body))
        .filter((text) => text.toLowerCase().includes(`gesprek ${talk}`));
    // The old time's reminder (30 nov for 1 dec) sees the move and sends nothing.
    clock.set(at('2026-11-30 09:00'));
    await run();
    expect(about(2)).toHaveLength(0);
    // The new time's reminder comes a working day before 2 dec 13:00.
    clock.set(at('2026-12-01 13:00'));
    await run();
    expect(about(2)).toEqual([expect.stringContaining('wo 2 dec 13:00–14:00')]);
    expect(about(2)[0]).toContain('Agenda');
    // Talk 3 was cancelled: one notice, no reminder, no form.
    clock.set(at('2026-12-14 09:00'));
    await run();
    expect(about(3)).toEqual([expect.stringContaining('Gesprek 3 staat niet meer in je agenda')]);
    clock.set(at('2026-12-31 12:00'));
    await run();
    expect(about(3)).toHaveLength(1);
    expect(about(2)).toEqual([
      expect.stringContaining('Agenda'),
      expect.stringContaining('Nazorgformulier, gesprek 2'),
      expect.stringContaining('ontbreekt nog'),
    ]);
  });

  it('sends the nazorgformulier after the talk, stores it, and reminds once when it stays missing', async () => {
    await offerAndPlan();
    clock.set(at('2026-11-18 10:00'));
    await run();
    const form = lastToLotte();
    expect(readableText(form.body)).toContain('Nazorgformulier, gesprek 1: Mohamed El Amrani');
    const refused = await click('aftercare.form', {
      ...executeData(form, 'Formulier opslaan'),
      wellbeing: 'Gaat redelijk',
    });
    expect(cardText(refused)).toContain('Vink aan dat jullie het allebei eens zijn');
    const stored = await click('aftercare.form', {
      ...executeData(form, 'Formulier opslaan'),
      wellbeing: 'Gaat redelijk, slaapt slecht',
      complaints: 'Schrikt van harde geluiden',
      support: 'collegiaal,professioneel',
      referral: 'Bedrijfsmaatschappelijk werk',
      agreed: 'true',
    });
    expect(cardText(stored)).toContain('Nazorgformulier opgeslagen: gesprek 1');
    const plan = await createAftercareTable(test.app.tables).get('AGR-2026-0007');
    expect(plan?.talks[0]?.form).toMatchObject({
      wellbeing: 'Gaat redelijk, slaapt slecht',
      support: ['collegiaal', 'professioneel'],
      agreed: true,
      filledBy: 'Lotte Jansen',
    });
    // Talk 1 has its form: never reminded, never overdue.
    clock.set(at('2026-11-25 12:00'));
    await run();
    expect(await test.app.aftercare.overdue.count(clock.now())).toBe(0);

    // Talk 2 (1 dec) without a form: the form after, one reminder two working days later, then overdue.
    clock.set(at('2026-12-01 10:00'));
    await run();
    const before = toLotte().length;
    clock.set(at('2026-12-03 10:00'));
    expect(await test.app.aftercare.overdue.count(clock.now())).toBe(1);
    await run();
    clock.set(at('2026-12-04 10:00'));
    await run();
    const reminders = toLotte()
      .slice(before)
      .map((call) => readableText(call.body));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toContain('ontbreekt nog en is nu te laat');

    await test.bot.personal(lotte, 'nazorg');
    const status = await test.connector.waitFor(
      (call) => call.conversationId === lotteChat && String(call.body.text ?? '').includes('Jouw nazorg'),
    );
    expect(String(status.body.text)).toContain('gesprek 2 di 1 dec 09:00–10:00: **formulier te laat**');
  });

  it('prompts the manager to refer when talk 3 finds it not processed enough', async () => {
    await offerAndPlan();
    // The bot was down the working day before: the reminder comes due with the form, and is left out.
    clock.set(at('2026-12-15 10:00'));
    await run();
    const aboutTalk3 = toLotte().filter((call) => readableText(call.body).includes('gesprek 3'));
    expect(aboutTalk3.filter((call) => readableText(call.body).includes('Binnenkort'))).toHaveLength(0);
    const form = aboutTalk3.at(-1) as RecordedCall;
    expect(JSON.stringify(form.body)).toContain('Is de gebeurtenis voldoende verwerkt?');
    const stored = await click('aftercare.form', {
      ...executeData(form, 'Formulier opslaan'),
      wellbeing: 'Nog steeds onrustig',
      processed: 'nee',
      agreed: 'true',
    });
    expect(cardText(stored)).toContain('Verwijs naar professionele hulp');
  });

  it('lets only the manager plan, also later with "nazorg"', async () => {
    await start();
    await lotteSaysHello(test);
    await createReportTable(test.app.tables).create(report);
    await test.bot.personal(pieter, 'nazorg AGR-2026-0007');
    const refused = await test.connector.waitFor(
      (call) =>
        call.conversationId === `a:personal-${pieter.id}` &&
        String(call.body.text ?? '').includes('Alleen de leidinggevende'),
    );
    expect(refused).toBeDefined();
    await test.bot.personal(lotte, 'nazorg agr-2026-0007');
    const offer = await test.connector.waitFor(
      (call) => call.conversationId === lotteChat && readableText(call.body).includes('Nazorg na incident'),
    );
    const denied = await test.bot.execute(
      { id: lotteChat, conversationType: 'personal' },
      pieter,
      '1',
      'aftercare.plan',
      executeData(offer, 'Inplannen'),
    );
    expect(denied.status).toBe(403);
    expect(graph.calendarOf('aad-lotte')).toHaveLength(0);
  });
});
