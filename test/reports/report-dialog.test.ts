import type { Activity } from 'botbuilder';
import { addButton } from '../../bot/alarms/button-admin';
import { closeAlarm, addResponder } from '../../bot/alarms/alarm-rules';
import { createAlarmTable } from '../../bot/alarms/alarm-table';
import { createFlowStateTable } from '../../bot/platform/teams/flow-state-table';
import { createDraftTable } from '../../bot/reports/report-table';
import { flowStateKey } from '../../bot/platform/teams/flow-runner';
import { ManualClock } from '../../bot/shared/clock';
import { buttonsOf, people, readable, ReportHarness, textOf, type Someone } from './report-harness';
import { button, fillIn, inputs, stepOf, typed } from './report-walk';

const { sanne, lotte, pieter, fatima, jeroen } = people;

/** Tuesday 3 March 2026, 14:10 in Amsterdam. */
const start = new Date('2026-03-03T13:10:00Z');
const minute = 60_000;
const day = 24 * 60 * minute;

async function harness(options: { env?: Record<string, string>; prefix?: string; clock?: ManualClock } = {}) {
  const clock = options.clock ?? new ManualClock(start);
  const h = new ReportHarness({ clock, prefix: options.prefix, env: options.env });
  if (!options.prefix) {
    await addButton(
      { id: 'balie-noord-1', kind: 'noodknop', location: 'Publieksbalie 1, gebouw Noord', authMode: 'token' },
      { store: createAlarmTable(h.tables), clock },
    );
  }
  return { h, clock };
}

function last(replies: Partial<Activity>[]): string {
  return readable(replies.at(-1) ?? {});
}

/** Everything the bot sent proactively, by who got it. */
function recipients(h: ReportHarness): string[] {
  return h.messenger.sent.map((entry) => ('channel' in entry.to ? `channel:${entry.to.channel}` : entry.to.user.id));
}

async function storedState(h: ReportHarness, who: Someone) {
  return createFlowStateTable(h.tables).read(flowStateKey({ channelId: 'msteams', id: `a:personal-${who.id}` }));
}

describe('the report conversation: the whole way', () => {
  it('asks one question at a time, shows a summary with a change link per answer, and sends on Versturen', async () => {
    const { h } = await harness();
    const first = await h.say(sanne, 'melden');
    expect(textOf(first)).toContain('Fijn dat je dit meldt');
    expect(textOf(first)).toContain('Vraag 1');
    expect(textOf(first)).toContain('Over wie gaat deze melding?');

    const { replies, asked } = await fillIn(h, sanne, first);
    expect(asked).toEqual([
      'subject',
      'when',
      'where',
      'forms',
      'description',
      'injury',
      'damage',
      'weapons',
      'police',
      'aggressor',
      'witnesses',
      'manager',
      'dagstart',
    ]);
    const summary = last(replies);
    for (const expected of [
      'Klopt alles?',
      'di 3 mrt 14:10',
      'Publieksbalie 1, gebouw Noord',
      'Verbaal geweld',
      'Een klant schold mij uit',
      'Jan Klaassen, klantnummer 123456',
      'Pieter Bakker',
      'Lotte Jansen',
      'Weglaten',
    ]) {
      expect(summary).toContain(expected);
    }
    const wijzig = JSON.stringify(replies.at(-1)?.attachments).match(/"title":"Wijzig"/g) ?? [];
    expect(wijzig).toHaveLength(13);
    expect(h.messenger.sent).toHaveLength(0); // nothing leaves before Versturen

    const sent = await h.press(sanne, 'Versturen', replies);
    expect(textOf(sent)).toContain('Je melding is verstuurd als **AGR-2026-0001**');
    expect(textOf(sent)).toContain('de leidinggevende, Lotte Jansen');
    await h.reports.idle();

    expect(recipients(h)).toEqual(['channel:halteam', lotte.id]);
    const halteam = readable(h.messenger.toChannel('halteam')[0]!);
    expect(halteam).toContain('Melding agressie AGR-2026-0001');
    expect(halteam).toContain('Sanne de Vries');
    expect(halteam).toContain('Bekend bij de leidinggevende');
    expect(halteam).not.toContain('Klaassen');
    expect(halteam).not.toContain('123456');

    const manager = readable(h.messenger.toUser(lotte.id)[0]!);
    for (const expected of [
      'Sanne de Vries heeft een melding gedaan en jou als leidinggevende genoemd',
      'Jan Klaassen, klantnummer 123456 (zichtbaar voor jou en de coördinator; bij een toegangs- of contactverbod ook voor de receptie)',
      'Volgens het protocol is aangifte niet verplicht',
      'Mondelinge waarschuwing; de schriftelijke waarschuwing wordt nagezonden',
      'Eerste keer',
      'Stuur een afschrift naar P&O',
    ]) {
      expect(manager).toContain(expected);
    }

    // The conversation is over: the stored flow state is gone and the chat is the plain bot again.
    expect(await storedState(h, sanne)).toBeUndefined();
    expect(textOf(await h.say(sanne, 'hallo'))).toContain('Dat herken ik niet');
  });

  it('advises aangifte to the manager, copies P&O and tells the OOV officer, each without more than they need', async () => {
    const { h } = await harness({ env: { REPORT_PO_TARGETS: 'aad-4', REPORT_OOV_TARGETS: jeroen.id } });
    const { replies } = await fillIn(h, sanne, await h.say(sanne, 'melden'), {
      forms: [inputs({ selection: 'fysiek-geweld,verbaal-geweld' })],
      several: [button('Nee, één persoon')],
      injury: [button('Ja')],
    });
    await h.press(sanne, 'Versturen', replies);
    await h.reports.idle();

    // Fatima is named by her Entra object id; the bot finds her Teams id.
    expect(recipients(h).sort()).toEqual(['channel:halteam', fatima.id, jeroen.id, lotte.id].sort());
    const manager = readable(h.messenger.toUser(lotte.id)[0]!);
    expect(manager).toContain('Aangifte: nodig');
    expect(manager).toContain('fysieke agressie (art. 300 t/m 303 WvSr)');
    expect(manager).toContain('lichamelijk letsel');
    expect(manager).toContain('uiterlijk binnen 24 uur: vóór wo 4 mrt 14:10');
    expect(manager).toContain('Dick Ketlaan 21, Wognum');
    expect(manager).toContain('onder nummer (art. 190 lid 3 WvSv)');
    expect(manager).toContain('De beleidsmedewerker OOV krijgt bericht');
    expect(manager).toContain('P&O krijgt een afschrift');
    expect(manager).toContain('Geen contact met de gemeente voor 12 maanden');
    expect(manager).toContain('Bij fysiek geweld leggen we meteen een gebouwverbod op');

    const po = readable(h.messenger.toUser(fatima.id)[0]!);
    expect(po).toContain('Afschrift voor P&O');
    expect(po).toContain('Sanne de Vries');
    expect(po).not.toContain('Klaassen');
    expect(po).not.toContain('Advies maatregel');

    const oov = readable(h.messenger.toUser(jeroen.id)[0]!);
    expect(oov).toContain('Aangifte bij melding AGR-2026-0001');
    expect(oov).toContain('fysieke agressie (art. 300 t/m 303 WvSr)');
    expect(oov).toContain('De leidinggevende, Lotte Jansen, heeft de gegevens');
    expect(oov).not.toContain('Sanne');
    expect(oov).not.toContain('Klaassen');
    expect(oov).not.toContain('schold');
  });

  it('tells the OOV officer nothing when no aangifte applies', async () => {
    const { h } = await harness({ env: { REPORT_OOV_TARGETS: jeroen.id } });
    const { replies } = await fillIn(h, sanne, await h.say(sanne, 'melden'));
    await h.press(sanne, 'Versturen', replies);
    await h.reports.idle();
    expect(recipients(h)).toEqual(['channel:halteam', lotte.id]);
  });

  it('advises the heavier sanction when the same aggressor comes back within a year ("bij herhaling")', async () => {
    const { h, clock } = await harness();
    const first = await fillIn(h, sanne, await h.say(sanne, 'melden'), {
      aggressor: [typed('klantnummer 123456')],
    });
    await h.press(sanne, 'Versturen', first.replies);
    clock.advance(40 * day);
    const second = await fillIn(h, pieter, await h.say(pieter, 'melden'), {
      aggressor: [typed('J. Klaassen (123456)')],
    });
    const sent = await h.press(pieter, 'Versturen', second.replies);
    expect(textOf(sent)).toContain('AGR-2026-0002');
    await h.reports.idle();
    const advice = h.messenger.toUser(lotte.id).map(readable);
    expect(advice[1]).toContain('Herhaling binnen een jaar: AGR-2026-0001 (di 3 mrt 14:10)');
    expect(advice[1]).toContain('Geen contact met de gemeente voor 3 maanden');
  });

  it('lets a manager fill it in for a colleague, and be the manager themselves', async () => {
    const { h } = await harness();
    const { replies, asked } = await fillIn(h, lotte, await h.say(lotte, 'ik wil een melding maken'), {
      subject: [button('Over een collega: ik vul in voor of met een collega')],
      victim: [typed('piet'), button('Pieter Bakker')],
      manager: [button('Ikzelf')],
      dagstart: [button('Ja, noem de naam')],
    });
    expect(asked.slice(0, 2)).toEqual(['subject', 'victim']);
    expect(last(replies)).toContain('Pieter Bakker');
    const sent = await h.press(lotte, 'Versturen', replies);
    expect(textOf(sent)).toContain('jij als leidinggevende');
    await h.reports.idle();
    const halteam = readable(h.messenger.toChannel('halteam')[0]!);
    expect(halteam).toMatch(/Slachtoffer\nPieter Bakker/);
    expect(halteam).toMatch(/Gemeld door\nLotte Jansen/);
    expect(readable(h.messenger.toUser(lotte.id)[0]!)).toContain('Je hebt deze melding als leidinggevende gedaan');
  });
});

describe('terug, stop and overzicht', () => {
  it('terug goes back a step and shows the earlier answer; at the first question it says so', async () => {
    const { h } = await harness();
    const first = await h.say(sanne, 'melden');
    const atFirst = await h.say(sanne, 'terug');
    expect(textOf(atFirst)).toContain('Dit is de eerste vraag');
    expect(stepOf(atFirst)).toBe('subject');

    let replies = await h.press(sanne, 'Over mij: het overkwam mij', first);
    replies = await h.press(sanne, 'Zojuist', replies);
    replies = await h.say(sanne, '1');
    expect(stepOf(replies)).toBe('forms');
    replies = await h.say(sanne, 'terug');
    expect(stepOf(replies)).toBe('where');
    expect(textOf(replies)).toContain('Je antwoord was: Publieksbalie 1, gebouw Noord');
    replies = await h.say(sanne, 'vorige');
    expect(stepOf(replies)).toBe('when');
    expect(textOf(replies)).toContain('Je antwoord was: di 3 mrt 14:10');
    replies = await h.say(sanne, 'gisteren 16:00');
    // The answer changed; the next open question follows (where is still answered).
    expect(stepOf(replies)).toBe('forms');
    const overview = await h.say(sanne, 'overzicht');
    expect(textOf(overview)).toContain('Je antwoorden tot nu toe');
    expect(textOf(overview)).toContain('ma 2 mrt 16:00');
    expect(textOf(overview)).toContain('Er is nog niets verstuurd');
    expect(stepOf(overview)).toBe('forms'); // and the question again
  });

  it('stop cancels and keeps nothing: no state, no draft, nothing sent, old cards change nothing', async () => {
    const { h } = await harness();
    const first = await h.say(sanne, 'melden');
    const replies = await h.press(sanne, 'Over mij: het overkwam mij', first);
    expect(await storedState(h, sanne)).toBeDefined();
    const draftId = String(buttonsOf(replies.at(-1)!).get('Zojuist')?.draftId);
    expect(await createDraftTable(h.tables).get(draftId)).toBeDefined();

    const stopped = await h.say(sanne, 'stop');
    expect(textOf(stopped)).toContain('Gestopt. Er is niets bewaard en niets verstuurd.');
    expect(await storedState(h, sanne)).toBeUndefined();
    expect(await createDraftTable(h.tables).get(draftId)).toBeUndefined();
    expect(h.messenger.sent).toHaveLength(0);

    const old = await h.press(sanne, 'Zojuist', replies);
    expect(textOf(old)).toContain('hoort bij een melding die niet meer open staat');
    expect(textOf(old)).toContain('Er is niets veranderd');
    expect(await storedState(h, sanne)).toBeUndefined();
  });

  it('"Stoppen zonder versturen" on the summary stops too', async () => {
    const { h } = await harness();
    const { replies } = await fillIn(h, sanne, await h.say(sanne, 'melden'));
    const stopped = await h.press(sanne, 'Stoppen zonder versturen', replies);
    expect(textOf(stopped)).toContain('Gestopt');
    expect(h.messenger.sent).toHaveLength(0);
  });

  it('changes one answer from the summary and comes back to the summary', async () => {
    const { h } = await harness();
    const { replies } = await fillIn(h, sanne, await h.say(sanne, 'melden'));
    const card = replies.at(-1)!;
    const whereEdit = JSON.stringify(card.attachments).includes('"field":"where"');
    expect(whereEdit).toBe(true);
    const editing = await h.click(sanne, {
      flow: 'report',
      draftId: String(buttonsOf(card).get('Versturen')?.draftId),
      step: 'summary',
      action: 'edit',
      field: 'where',
    });
    expect(stepOf(editing)).toBe('where');
    expect(textOf(editing)).toContain('Je antwoord was: Publieksbalie 1, gebouw Noord');
    const back = await h.say(sanne, 'telefoon');
    expect(stepOf(back)).toBe('summary');
    expect(last(back)).toContain('Telefoon');
    // "terug" from an edited question goes back to the summary, too.
    const again = await h.click(sanne, {
      flow: 'report',
      draftId: String(buttonsOf(back.at(-1)!).get('Versturen')?.draftId),
      step: 'summary',
      action: 'edit',
      field: 'police',
    });
    expect(stepOf(again)).toBe('police');
    expect(stepOf(await h.say(sanne, 'terug'))).toBe('summary');
  });
});

describe('resume, reminder and expiry', () => {
  it('resumes where it stopped after a restart of the bot', async () => {
    const { h, clock } = await harness();
    let replies = await h.press(sanne, 'Over mij: het overkwam mij', await h.say(sanne, 'melden'));
    replies = await h.press(sanne, 'Zojuist', replies);
    expect(stepOf(replies)).toBe('where');

    // A new process on the same storage: nothing of the first one in memory.
    const restarted = new ReportHarness({ clock, prefix: h.prefix });
    clock.advance(5 * minute);
    replies = await restarted.say(sanne, '1');
    expect(stepOf(replies)).toBe('forms');

    // After a longer pause a typed message is not taken as an answer: the question comes first.
    clock.advance(3 * 60 * minute);
    replies = await restarted.say(sanne, 'verbaal');
    expect(textOf(replies)).toContain('Welkom terug. Je melding is nog niet verstuurd');
    expect(stepOf(replies)).toBe('forms');
    const { replies: summary } = await fillIn(restarted, sanne, replies);
    const sent = await restarted.press(sanne, 'Versturen', summary);
    expect(textOf(sent)).toContain('AGR-2026-0001');
  });

  it('says so, and sends nothing, when the stored report no longer fits this version of the bot', async () => {
    const { h } = await harness();
    await h.press(sanne, 'Over mij: het overkwam mij', await h.say(sanne, 'melden'));
    const store = createFlowStateTable(h.tables);
    const key = flowStateKey({ channelId: 'msteams', id: `a:personal-${sanne.id}` });
    const stored = (await store.read(key))?.value as { flow: string; state: Record<string, unknown> };
    await store.write(key, { flow: stored.flow, state: { ...stored.state, version: 0 } }, '*');

    const replies = await h.say(sanne, '1');
    expect(textOf(replies)).toBe(
      'Je melding kon ik niet verder afmaken (de bot is bijgewerkt). Er is niets verstuurd. Typ **melden** om opnieuw te beginnen.',
    );
    expect(await storedState(h, sanne)).toBeUndefined();
    expect(h.messenger.sent).toHaveLength(0);
    expect(textOf(await h.say(sanne, 'melden'))).toContain('Fijn dat je dit meldt');
  });

  it('typing melden again during a report goes on where it was', async () => {
    const { h } = await harness();
    const replies = await h.press(sanne, 'Over mij: het overkwam mij', await h.say(sanne, 'melden'));
    const again = await h.say(sanne, 'melden');
    expect(textOf(again)).toContain('Je bent al bezig met een melding');
    expect(stepOf(again)).toBe(stepOf(replies));
  });

  it('reminds once, a working day after the last answer, skipping the weekend and Koningsdag', async () => {
    // Friday 24 April 2026, 15:00; Monday 27 April is Koningsdag.
    const clock = new ManualClock(new Date('2026-04-24T13:00:00Z'));
    const { h } = await harness({ clock });
    await h.press(sanne, 'Over mij: het overkwam mij', await h.say(sanne, 'melden'));

    clock.set(new Date('2026-04-27T14:00:00Z')); // Koningsdag, 16:00
    await h.scheduler.tick();
    expect(h.messenger.toUser(sanne.id)).toHaveLength(0);

    clock.set(new Date('2026-04-28T13:01:00Z')); // Tuesday 15:01
    await h.scheduler.tick();
    const reminders = h.messenger.toUser(sanne.id).map(readable);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toContain('nog niet verstuurd');
    expect(reminders[0]).toContain('Typ **verder**');

    clock.advance(2 * day);
    await h.scheduler.tick();
    expect(h.messenger.toUser(sanne.id)).toHaveLength(1);

    const resumed = await h.say(sanne, 'verder');
    expect(textOf(resumed)).toContain('Welkom terug');
    expect(stepOf(resumed)).toBe('when');
  });

  it('plans the reminder again when the draft was touched since', async () => {
    const { h, clock } = await harness(); // Tuesday 14:10
    let replies = await h.say(sanne, 'melden');
    clock.set(new Date('2026-03-04T12:00:00Z')); // Wednesday 13:00: an answer
    replies = await h.press(sanne, 'Over mij: het overkwam mij', replies);
    clock.set(new Date('2026-03-04T13:30:00Z')); // the first reminder is due, but the draft is fresh
    await h.scheduler.tick();
    expect(h.messenger.toUser(sanne.id)).toHaveLength(0);
    clock.set(new Date('2026-03-05T12:01:00Z')); // Thursday 13:01
    await h.scheduler.tick();
    expect(h.messenger.toUser(sanne.id)).toHaveLength(1);
    expect(stepOf(replies)).toBe('when');
  });

  it('throws an abandoned draft away after 14 days, state included, and says so', async () => {
    const { h, clock } = await harness();
    await h.press(sanne, 'Over mij: het overkwam mij', await h.say(sanne, 'melden'));
    clock.advance(13 * day);
    await h.scheduler.tick();
    expect(await storedState(h, sanne)).toBeDefined();
    clock.advance(day + minute);
    await h.scheduler.tick();
    expect(await storedState(h, sanne)).toBeUndefined();
    const told = h.messenger.toUser(sanne.id).map(readable).at(-1);
    expect(told).toContain('14 dagen niet afgemaakt en is nu weggegooid');
    expect(textOf(await h.say(sanne, '1'))).toContain('Dat herken ik niet');
  });

  it('also expires a draft when the person comes back after 14 days before the job ran', async () => {
    const { h, clock } = await harness();
    await h.press(sanne, 'Over mij: het overkwam mij', await h.say(sanne, 'melden'));
    clock.advance(15 * day);
    const late = await h.say(sanne, 'verder');
    expect(textOf(late)).toContain('14 dagen niet afgemaakt en is weggegooid');
    expect(await storedState(h, sanne)).toBeUndefined();
  });
});

describe('bad input', () => {
  async function reach(step: string) {
    const { h, clock } = await harness();
    let replies = await h.say(sanne, 'melden');
    const plan: Record<string, () => Promise<Partial<Activity>[]>> = {
      subject: () => h.press(sanne, 'Over mij: het overkwam mij', replies),
      when: () => h.press(sanne, 'Zojuist', replies),
      where: () => h.say(sanne, '1'),
      forms: () => h.press(sanne, 'Verder', replies, { selection: 'verbaal-geweld' }),
      description: () => h.say(sanne, 'Een klant schold mij uit aan de balie.'),
      injury: () => h.press(sanne, 'Nee', replies),
      damage: () => h.press(sanne, 'Nee', replies),
      weapons: () => h.press(sanne, 'Nee', replies),
      police: () => h.press(sanne, 'Nee', replies),
      aggressor: () => h.press(sanne, 'Onbekend', replies),
      witnesses: () => h.press(sanne, 'Niemand', replies),
    };
    while (stepOf(replies) !== step) {
      const next = plan[stepOf(replies) as string];
      if (!next) throw new Error(`cannot pass ${stepOf(replies)}`);
      replies = await next();
    }
    return { h, clock, replies };
  }

  it('refuses an over-long story with the limit, and cuts nothing', async () => {
    const { h } = await reach('description');
    const long = `${'Hij schreeuwde en dreigde. '.repeat(80)}`.slice(0, 2001);
    const refused = await h.say(sanne, long);
    expect(textOf(refused)).toContain('Je antwoord is 2001 tekens; het mag hooguit 2000 tekens zijn');
    expect(textOf(refused)).toContain('Er is niets ingekort');
    expect(stepOf(refused)).toBe('description');
    expect(stepOf(await h.say(sanne, 'kort'))).toBe('description');
    const accepted = await h.say(sanne, long.slice(0, 2000));
    expect(stepOf(accepted)).toBe('injury');
  });

  it.each([
    ['aggressor', 201, 200],
    ['witnesses', 501, 500],
  ])('refuses an over-long %s (%i characters; limit %i)', async (step, length, limit) => {
    const { h } = await reach(step);
    const refused = await h.say(sanne, 'x'.repeat(length));
    expect(textOf(refused)).toContain(`Je antwoord is ${length} tekens; het mag hooguit ${limit} tekens zijn`);
    expect(stepOf(refused)).toBe(step);
  });

  it('refuses an over-long description of "ergens anders"', async () => {
    const { h } = await reach('where');
    const other = await h.say(sanne, 'ergens anders');
    expect(textOf(other)).toContain('Beschrijf de plek');
    const refused = await h.say(sanne, 'y'.repeat(201));
    expect(textOf(refused)).toContain('Je antwoord is 201 tekens; het mag hooguit 200 tekens zijn');
    expect(stepOf(await h.say(sanne, 'Parkeerplaats achter het gemeentehuis'))).toBe('forms');
  });

  it('re-asks with the choices when a reply is not one of them', async () => {
    const { h } = await reach('injury');
    const unknown = await h.say(sanne, 'misschien');
    expect(textOf(unknown)).toContain('Dat herken ik niet als antwoord: "misschien"');
    expect(textOf(unknown)).toContain('Is er iemand gewond geraakt?');
    expect([...buttonsOf(unknown.at(-1)!).keys()]).toEqual(['Nee', 'Ja']);
    expect(stepOf(await h.say(sanne, 'nee'))).toBe('damage');
  });

  it('re-asks the forms when a number is unknown or nothing is chosen', async () => {
    const { h } = await reach('forms');
    expect(textOf(await h.say(sanne, '2, 9'))).toContain('Dat herken ik niet');
    const none = await h.press(sanne, 'Verder', await h.say(sanne, 'overzicht'), { selection: '' });
    expect(textOf(none)).toContain('Kies minstens één soort agressie');
    const typedForms = await h.say(sanne, '2 en 3');
    expect(stepOf(typedForms)).toBe('threat');
    expect(textOf(await h.say(sanne, 'overzicht'))).toContain('Verbaal geweld, Intimidatie of bedreiging');
  });

  it('understands the words people type for forms of aggression and a full name', async () => {
    const { h } = await reach('forms');
    expect(stepOf(await h.say(sanne, 'bedreigd en uitgescholden'))).toBe('threat');
    expect(textOf(await h.say(sanne, 'overzicht'))).toContain('Verbaal geweld, Intimidatie of bedreiging');
    expect(stepOf(await h.say(sanne, 'mij en mijn familie'))).toBe('description');
    expect(textOf(await h.say(sanne, 'overzicht'))).toContain('De medewerker, Familie van de medewerker');
    let replies = await h.say(sanne, 'Hij riep dat hij mij zou opwachten.');
    for (const text of ['nee', 'nee', 'nee', 'nee', 'onbekend', 'niemand']) replies = await h.say(sanne, text);
    expect(stepOf(replies)).toBe('manager');
    expect(stepOf(await h.say(sanne, 'Lotte Jansen'))).toBe('dagstart');
  });

  it.each([
    ['23:59', 'ligt in de toekomst'],
    ['4-3 10:00', 'ligt in de toekomst'],
    ['gisteren', 'Hoe laat ongeveer, gisteren?'],
    ['1-1-2025 10:00', 'meer dan een jaar geleden'],
    ['de vorige keer', 'Dat begrijp ik niet als tijdstip'],
  ])('refuses "%s" as the time: %s', async (text, message) => {
    const { h } = await reach('when');
    const refused = await h.say(sanne, text);
    expect(textOf(refused)).toContain(message);
    expect(stepOf(refused)).toBe('when');
  });

  it('refuses a future moment from the date and time inputs, and takes a past one', async () => {
    const { h } = await reach('when');
    const card = await h.say(sanne, 'overzicht');
    const future = await h.press(sanne, 'Verder', card, { date: '2026-03-03', time: '18:00' });
    expect(textOf(future)).toContain('ligt in de toekomst');
    const past = await h.press(sanne, 'Verder', future, { date: '2026-03-02', time: '09:30' });
    expect(stepOf(past)).toBe('where');
    expect(textOf(await h.say(sanne, 'overzicht'))).toContain('ma 2 mrt 09:30');
  });

  it('looks people up by name and says when nobody matches', async () => {
    const { h } = await reach('aggressor');
    let replies = await h.press(sanne, 'Onbekend', await h.say(sanne, 'overzicht'));
    replies = await h.press(sanne, 'Niemand', replies);
    expect(stepOf(replies)).toBe('manager');
    const nobody = await h.say(sanne, 'xyzzy');
    expect(textOf(nobody)).toContain('Ik vind niemand met "xyzzy"');
    const tooLong = await h.say(sanne, 'l'.repeat(101));
    expect(textOf(tooLong)).toContain('het mag hooguit 100 tekens zijn');
    const found = await h.say(sanne, 'de');
    expect([...buttonsOf(found.at(-1)!).keys()]).toEqual(['Jeroen de Boer', 'Iemand anders zoeken']);
    const again = await h.press(sanne, 'Iemand anders zoeken', found);
    expect(textOf(again)).toContain('Wie is je leidinggevende?');
    const lotteFound = await h.say(sanne, 'jansen');
    const chosen = await h.press(sanne, 'Lotte Jansen', lotteFound);
    expect(stepOf(chosen)).toBe('dagstart');
  });

  it('changes nothing when an old card is clicked or a button is clicked twice', async () => {
    const { h } = await reach('injury');
    const injuryCard = await h.say(sanne, 'overzicht');
    const once = await h.press(sanne, 'Ja', injuryCard);
    expect(stepOf(once)).toBe('damage');
    const twice = await h.press(sanne, 'Ja', injuryCard);
    expect(textOf(twice)).toContain('Die vraag had je al beantwoord; er is niets veranderd');
    expect(stepOf(twice)).toBe('damage');
    const foreign = await h.click(sanne, { flow: 'report', draftId: 'some-other-draft', step: 'damage', answer: 'ja' });
    expect(textOf(foreign)).toContain('hoort bij een eerdere melding');
    const broken = await h.click(sanne, { flow: 'report', draftId: 42 });
    expect(textOf(broken)).toContain('Die knop herken ik niet');
    expect(textOf(await h.say(sanne, 'overzicht'))).toMatch(/Letsel\nJa/);
  });

  it('sends a report once, however often Versturen is clicked', async () => {
    const { h } = await harness();
    const { replies } = await fillIn(h, sanne, await h.say(sanne, 'melden'));
    const both = await Promise.all([h.press(sanne, 'Versturen', replies), h.press(sanne, 'Versturen', replies)]);
    // One click sends; the other finds it sent (which reply lands in which click is up to timing).
    const said = textOf(both.flat());
    expect(said.match(/Je melding is verstuurd als \*\*AGR-2026-0001\*\*/g)).toHaveLength(1);
    expect(
      said.match(/Deze melding (is|was) al verstuurd als \*\*AGR-2026-0001\*\*\. Er is niets veranderd\./g),
    ).toHaveLength(1);
    const later = await h.press(sanne, 'Versturen', replies);
    expect(textOf(later)).toContain('al verstuurd als **AGR-2026-0001**');
    await h.reports.idle();
    expect(h.messenger.toChannel('halteam')).toHaveLength(1);
    expect(h.messenger.toUser(lotte.id)).toHaveLength(1);
  });

  it('does not send the report again when Teams may have it already (the answer was lost, HT1205)', async () => {
    const { h, clock } = await harness();
    h.messenger.answerLostOnce.add('halteam');
    const { replies } = await fillIn(h, sanne, await h.say(sanne, 'melden'));
    await h.press(sanne, 'Versturen', replies);
    await h.reports.idle();
    for (let round = 0; round < 5; round++) {
      clock.advance(10 * 60_000);
      await h.scheduler.tick();
    }
    expect(h.messenger.toChannel('halteam')).toHaveLength(1);
    expect(h.messenger.toUser(lotte.id)).toHaveLength(1);
  });
});

describe('prefill from an alarm', () => {
  async function closedAlarm(h: ReportHarness, clock: ManualClock, outcome: 'vertrokken' | 'politie-ter-plaatse') {
    const store = createAlarmTable(h.tables);
    const pressedAt = new Date('2026-03-03T13:03:00Z');
    const press = await store.recordPress({
      buttonId: 'balie-noord-1',
      webhookId: `hook-${outcome}`,
      exercise: false,
      pressedAt,
      receivedAt: pressedAt,
      newAlarmId: `alarm-${outcome}`,
      deliveryLeaseUntil: new Date(pressedAt.getTime() + 30_000),
    });
    if (press.kind !== 'created') throw new Error('no alarm');
    await store.updateAlarm('balie-noord-1', press.alarm.id, (alarm) =>
      alarm.status === 'open'
        ? closeAlarm(
            addResponder(alarm, people.mohamed, new Date(pressedAt.getTime() + minute)).alarm,
            outcome,
            people.mohamed,
            clock.now(),
          )
        : undefined,
    );
    return { flow: 'report', start: 'alarm', buttonId: 'balie-noord-1', alarmId: press.alarm.id };
  }

  it('starts from the alarm card with its time, place and responders, and asks neither when nor where', async () => {
    const { h, clock } = await harness();
    const startValue = await closedAlarm(h, clock, 'politie-ter-plaatse');
    const first = await h.click(people.mohamed, startValue);
    expect(textOf(first)).toContain(
      'Tijd en plaats van het alarm staan er al in: 14:03, Publieksbalie 1, gebouw Noord',
    );
    expect(textOf(first)).toContain('Vraag 1');
    const { replies, asked } = await fillIn(h, people.mohamed, first, {
      subject: [button('Over een collega: ik vul in voor of met een collega')],
      victim: [typed('sanne'), button('Sanne de Vries')],
      dagstart: [button('Nee, laat de naam weg')],
    });
    expect(asked).not.toContain('when');
    expect(asked).not.toContain('where');
    expect(asked).not.toContain('police');
    const summary = last(replies);
    expect(summary).toContain('di 3 mrt 14:03');
    expect(summary).toContain('Publieksbalie 1, gebouw Noord');
    expect(summary).toContain('Ja, de politie kwam');
    expect(summary).toMatch(/Halteam ter plaatse\nMohamed El Amrani/);
    const sent = await h.press(people.mohamed, 'Versturen', replies);
    expect(textOf(sent)).toContain('AGR-2026-0001');
    await h.reports.idle();
    expect(readable(h.messenger.toChannel('halteam')[0]!)).toMatch(/Halteam ter plaatse\nMohamed El Amrani/);
    // Police came: a serious incident, so aangifte is advised.
    expect(readable(h.messenger.toUser(lotte.id)[0]!)).toContain('Aangifte: nodig');

    const again = await h.click(people.mohamed, startValue);
    expect(textOf(again)).toContain('Voor dit alarm is al een melding gedaan: **AGR-2026-0001**');
    expect(await storedState(h, people.mohamed)).toBeUndefined();
  });

  it('a click on the alarm card during a report goes on with that report', async () => {
    const { h, clock } = await harness();
    const startValue = await closedAlarm(h, clock, 'vertrokken');
    const first = await h.click(people.mohamed, startValue);
    const double = await h.click(people.mohamed, startValue);
    expect(textOf(double)).toContain('Je bent al bezig met een melding');
    expect(stepOf(double)).toBe(stepOf(first));
  });
});
