import type { Activity } from 'botbuilder';
import { addButton } from '../../bot/alarms/button-admin';
import { createAlarmTable } from '../../bot/alarms/alarm-table';
import { ManualClock } from '../../bot/shared/clock';
import { people, readable, ReportHarness, textOf, type Someone } from './report-harness';
import { answer, button, fillIn, inputs, plainAnswers, stepOf, typed, type Answer } from './report-walk';
import type { StepId } from '../../bot/reports/report-steps';

/**
 * The report's questions fit the incident (issue 17): no on-site questions after a phone call or a
 * letter, "je collega" when filling it in for a colleague, the place on the card whatever its name, a
 * steady question count; and the advice the manager gets follows the protocol: whom a threat was aimed
 * at, who files the aangifte, a late report, Bijlage 8C, an unknown aggressor, who sees the aggressor.
 */
const { sanne, lotte, jeroen } = people;

/** Tuesday 3 March 2026, 14:10 in Amsterdam. */
const start = new Date('2026-03-03T13:10:00Z');

async function harness(locations: string[] = ['Publieksbalie 1, gebouw Noord'], env: Record<string, string> = {}) {
  const clock = new ManualClock(start);
  const h = new ReportHarness({ clock, env });
  const store = createAlarmTable(h.tables);
  for (const [index, location] of locations.entries()) {
    await addButton({ id: `knop-${index}`, kind: 'noodknop', location, authMode: 'token' }, { store, clock });
  }
  return h;
}

/** The value of the choice with this title on the last card's choice set (titles are numbered "1. …"). */
function choiceValue(replies: Partial<Activity>[], title: string): string {
  const found: { title: string; value: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Input.ChoiceSet') found.push(...(record.choices as { title: string; value: string }[]));
      Object.values(record).forEach(walk);
    }
  };
  walk(replies.at(-1)?.attachments);
  const choice = found.find((candidate) => candidate.title.replace(/^\d+\. /, '') === title);
  if (!choice) throw new Error(`no choice "${title}" in ${JSON.stringify(found)}`);
  return choice.value;
}

/** Answers plain answers until the bot asks `step`; returns that question. */
async function reach(h: ReportHarness, who: Someone, step: StepId) {
  let replies = await h.say(who, 'melden');
  for (let guard = 0; guard < 30 && stepOf(replies) !== step; guard++) {
    for (const given of plainAnswers[stepOf(replies) as StepId] ?? []) replies = await answer(h, who, replies, given);
  }
  expect(stepOf(replies)).toBe(step);
  return replies;
}

/** Fills in and sends a report; returns the questions asked and what the manager and the Halteam got. */
async function report(h: ReportHarness, who: Someone, answers: Partial<Record<StepId, Answer[]>>) {
  const { replies, asked } = await fillIn(h, who, await h.say(who, 'melden'), answers);
  const summary = readable(replies.at(-1)!);
  await h.press(who, 'Versturen', replies);
  await h.reports.idle();
  return {
    asked,
    summary,
    manager: readable(h.messenger.toUser(lotte.id).at(-1)!),
    halteam: readable(h.messenger.toChannel('halteam').at(-1)!),
  };
}

describe('the place on the card, whatever its name (commas, quotes, emoji, long)', () => {
  const names = [
    'Publieksbalie 1, gebouw Noord',
    'Spreekkamer "De Kolk", 1e verdieping',
    "Balie 't Hoekje; ingang O, zij-deur",
    'Receptie 🚪 Midden, naast de lift 🛗',
    `Werkplek ${'a, b, '.repeat(18)}einde`.slice(0, 120),
  ];

  it.each(names)('round-trips "%s"', async (name) => {
    const h = await harness([name, 'Raadzaal (mobiele knop)']);
    let replies = await h.say(sanne, 'melden');
    replies = await h.press(sanne, 'Over mij: het overkwam mij', replies);
    replies = await h.press(sanne, 'Zojuist', replies);
    expect(stepOf(replies)).toBe('where');
    replies = await h.press(sanne, 'Verder', replies, { selection: choiceValue(replies, name) });
    expect(textOf(replies)).not.toContain('hoort niet bij deze vraag');
    expect(stepOf(replies)).toBe('forms');
    expect(textOf(await h.say(sanne, 'overzicht'))).toContain(`Waar\n${name}`);
  });

  it('still takes a card sent before the update, which carried the name itself', async () => {
    const h = await harness(['Publieksbalie 1, gebouw Noord']);
    let replies = await h.say(sanne, 'melden');
    replies = await h.press(sanne, 'Over mij: het overkwam mij', replies);
    replies = await h.press(sanne, 'Zojuist', replies);
    replies = await h.press(sanne, 'Verder', replies, { selection: 'location:Publieksbalie 1, gebouw Noord' });
    expect(stepOf(replies)).toBe('forms');
    expect(textOf(await h.say(sanne, 'overzicht'))).toContain('Waar\nPublieksbalie 1, gebouw Noord');
  });

  it('refuses a location that is not on the list', async () => {
    const h = await harness();
    let replies = await h.say(sanne, 'melden');
    replies = await h.press(sanne, 'Over mij: het overkwam mij', replies);
    replies = await h.press(sanne, 'Zojuist', replies);
    for (const selection of ['loc:7', 'location:Kelder', 'loc:0,kind:telefoon']) {
      const refused = await h.press(sanne, 'Verder', replies, { selection });
      expect(textOf(refused)).toContain('Dat antwoord hoort niet bij deze vraag');
      expect(stepOf(refused)).toBe('where');
    }
  });
});

describe('questions that fit', () => {
  const onSite = ['injury', 'damage', 'weapons', 'witnesses'];

  it.each([
    ['kind:telefoon', 'Telefoon'],
    ['kind:schriftelijk', 'Schriftelijk of e-mail'],
    ['kind:social-media', 'Social media'],
  ])('%s: no questions about injury, damage, weapons or witnesses on site', async (selection, label) => {
    const h = await harness();
    const sent = await report(h, sanne, { where: [inputs({ selection })] });
    for (const step of onSite) expect(sent.asked).not.toContain(step);
    expect(sent.summary).toContain(label);
    expect(sent.summary).not.toMatch(/Letsel|Wapens|Getuigen/);
    expect(sent.halteam).not.toMatch(/Letsel|Wapens|Getuigen/);
    expect(sent.manager).toContain('Sanne de Vries heeft een melding gedaan');
  });

  it('at the counter they are asked', async () => {
    const h = await harness();
    const sent = await report(h, sanne, {});
    for (const step of onSite) expect(sent.asked).toContain(step);
    expect(sent.halteam).toMatch(/Getuigen, collega's\nPieter Bakker/);
  });

  it('asks "wat deed je collega?" when filling it in for a colleague, "wat deed jij?" for yourself', async () => {
    const h = await harness();
    const forColleague = async (replies: Partial<Activity>[]) => {
      let current = replies;
      for (const given of [
        button('Over een collega: ik vul in voor of met een collega'),
        typed('piet'),
        button('Pieter Bakker'),
        button('Zojuist'),
        typed('1'),
        inputs({ selection: 'verbaal-geweld' }),
      ]) {
        current = await answer(h, lotte, current, given);
      }
      return current;
    };
    const colleague = await forColleague(await h.say(lotte, 'melden'));
    expect(stepOf(colleague)).toBe('description');
    expect(textOf(colleague)).toContain('wat deed je collega?');
    expect(textOf(colleague)).not.toContain('wat deed jij');

    let own = await h.say(sanne, 'melden');
    for (const given of [
      button('Over mij: het overkwam mij'),
      button('Zojuist'),
      typed('1'),
      inputs({ selection: 'verbaal-geweld' }),
    ]) {
      own = await answer(h, sanne, own, given);
    }
    expect(stepOf(own)).toBe('description');
    expect(textOf(own)).toContain('wat deed jij?');
  });

  it('an unknown caller: no advice to inform the aggressor', async () => {
    const h = await harness();
    const sent = await report(h, sanne, {
      where: [inputs({ selection: 'kind:telefoon' })],
      forms: [inputs({ selection: 'verbaal-geweld,discriminatie' })],
      aggressor: [button('Onbekend')],
    });
    expect(sent.manager).toContain('De agressor is onbekend');
    expect(sent.manager).not.toContain('informeert de agressor');
    expect(sent.manager).not.toContain('naar de agressor');
  });

  it('an unknown aggressor who broke something: the damage goes to the insurance', async () => {
    const h = await harness();
    const sent = await report(h, sanne, {
      forms: [inputs({ selection: 'vernielingen' })],
      damage: [button('Ja')],
      aggressor: [button('Onbekend')],
    });
    expect(sent.manager).toContain('Geef de schade op bij de verzekering');
    expect(sent.manager).not.toMatch(/agressor \(per post|Verhaal de schade op de agressor|informeert de agressor/);
  });

  it('says who sees the aggressor: the manager, the coordinator, reception when banned', async () => {
    const h = await harness();
    const hint = textOf(await reach(h, sanne, 'aggressor'));
    expect(hint).not.toContain('Alleen je leidinggevende ziet dit');
    expect(hint).toContain('De naam zien de leidinggevende en de coördinator');
    expect(hint).toContain('dan ook de receptie');
    const sent = await report(h, sanne, {});
    expect(sent.manager).toContain(
      '(zichtbaar voor jou en de coördinator; bij een toegangs- of contactverbod ook voor de receptie)',
    );
    expect(sent.halteam).toContain('Bekend bij de leidinggevende');
    expect(sent.halteam).not.toContain('Klaassen');
  });
});

describe('"Vraag k": no total that jumps when later answers add or skip questions', () => {
  it('numbers the questions 1, 2, 3, … without "van N"', async () => {
    const h = await harness();
    const plan: Partial<Record<StepId, Answer[]>> = {
      ...plainAnswers,
      subject: [button('Over een collega: ik vul in voor of met een collega')],
      victim: [typed('piet'), button('Pieter Bakker')],
      forms: [inputs({ selection: 'intimidatie,vernielingen' })],
      threat: [inputs({ selection: 'medewerker' })],
      manager: [button('Ikzelf')],
      dagstart: [button('Nee, laat de naam weg')],
    };
    let replies = await h.say(lotte, 'melden');
    const progress: string[] = [];
    for (let guard = 0; guard < 30 && stepOf(replies) !== 'summary'; guard++) {
      const shown = /Melding agressie · (Vraag [^\n]*)/.exec(textOf(replies));
      progress.push(shown?.[1] ?? '');
      for (const given of plan[stepOf(replies) as StepId] ?? []) replies = await answer(h, lotte, replies, given);
    }
    expect(stepOf(replies)).toBe('summary');
    // Subject, victim, when, where, forms, threat, several, description, injury, damage, weapons, police,
    // aggressor, witnesses, manager, dagstart: the colleague, the threat and the violence each add one.
    expect(progress).toEqual(Array.from({ length: 16 }, (_, index) => `Vraag ${index + 1}`));
  });
});

describe('the advice on aangifte', () => {
  it('a threat against the building: the municipality files, not the staff member alone (Bijlage 3)', async () => {
    const h = await harness();
    const sent = await report(h, sanne, {
      forms: [inputs({ selection: 'intimidatie' })],
      threat: [inputs({ selection: 'organisatie' })],
      description: [typed('Hij riep: "als ik nu niet geholpen word, blaas ik het gemeentehuis op".')],
    });
    expect(sent.asked).toContain('threat');
    expect(sent.summary).toMatch(/Bedreiging gericht tegen\nDe gemeente of het gebouw/);
    expect(sent.halteam).toMatch(/Bedreiging gericht tegen\nDe gemeente of het gebouw/);
    expect(sent.manager).toContain('Aangifte: nodig');
    expect(sent.manager).toContain('bedreiging van de gemeente of het gebouw; Bijlage 3');
    expect(sent.manager).toContain(
      'Namens de gemeente doet de algemeen directeur, de sectormanager, het afdelingshoofd of een gemandateerde medewerker aangifte (Bijlage 3).',
    );
    expect(sent.manager).not.toContain('bedreiging van de medewerker');
    expect(sent.manager).not.toContain('de medewerker zelf');
  });

  it('tells the OOV officer that the municipality files, without more than the aangifte needs', async () => {
    const h = await harness(undefined, { REPORT_OOV_TARGETS: jeroen.id });
    await report(h, sanne, {
      forms: [inputs({ selection: 'intimidatie' })],
      threat: [inputs({ selection: 'organisatie,zelfbeschadiging' })],
    });
    const oov = readable(h.messenger.toUser(jeroen.id)[0]!);
    expect(oov).toContain('- bedreiging van de gemeente of het gebouw');
    expect(oov).toContain('Hier doet ook de gemeente aangifte');
    expect(oov).not.toContain('Bedreiging gericht tegen');
    expect(oov).not.toContain('zichzelf');
  });

  it('a threat of self-harm: care and 112 when acute, no aangifte line', async () => {
    const h = await harness();
    const sent = await report(h, sanne, {
      forms: [inputs({ selection: 'intimidatie' })],
      threat: [inputs({ selection: 'zelfbeschadiging' })],
    });
    for (const card of [sent.manager, sent.halteam]) {
      expect(card).toContain('Dreigen met zelfbeschadiging');
      expect(card).toContain('Is er acuut gevaar? Bel meteen 112.');
      expect(card).toContain('113 Zelfmoordpreventie');
    }
    expect(sent.manager).toContain('Volgens het protocol is aangifte niet verplicht');
    expect(sent.manager).not.toContain('Aangifte: nodig');
    expect(sent.manager).not.toContain('- bedreiging van de medewerker');
  });

  it('names who files: the staff member by default, the manager as the exception; VPT and the town hall address', async () => {
    const h = await harness();
    const sent = await report(h, sanne, { forms: [inputs({ selection: 'fysiek-geweld' })] });
    expect(sent.manager).toContain('Wie doet aangifte: de medewerker zelf');
    expect(sent.manager).toContain('de leidinggevende ondersteunt daarbij (Hoofdstuk 6)');
    expect(sent.manager).toContain('Uitzondering: ter bescherming van de medewerker');
    expect(sent.manager).toContain('doet de leidinggevende aangifte namens de medewerker (Hoofdstuk 6, Bijlage 3)');
    expect(sent.manager).toContain('VPT-incident (Veilige Publieke Taak)');
    expect(sent.manager).toContain('ELA-aanpak');
    expect(sent.manager).toContain('Kies als adres het gemeentehuis (domiciliekeuze), niet het huisadres');
    expect(sent.manager).toContain('Dick Ketlaan 21, Wognum');
    expect(sent.manager).toContain('bereikbaar voor politie en Openbaar Ministerie');
    expect(sent.manager).toContain('uiterlijk binnen 24 uur: vóór wo 4 mrt 14:10');
  });

  it('a report made after the 24 hours says the deadline passed and that aangifte is still wanted', async () => {
    const h = await harness();
    const sent = await report(h, sanne, {
      when: [inputs({ date: '2026-03-02', time: '10:00' })],
      forms: [inputs({ selection: 'fysiek-geweld' })],
    });
    expect(sent.manager).toContain('De termijn van 24 uur is voorbij (di 3 mrt 10:00)');
    expect(sent.manager).toContain('Aangifte doen kan nog steeds en is nog steeds nodig');
    expect(sent.manager).not.toContain('uiterlijk binnen 24 uur');
  });

  it('removed by the police at the counter: a temporary access ban first, and the municipality files (Bijlage 8C)', async () => {
    const h = await harness();
    const sent = await report(h, sanne, { police: [button('Ja, de politie kwam')] });
    expect(sent.manager).toContain('Toegangsverbod tot de gebouwen voor 3 maanden');
    expect(sent.manager).not.toContain('Mondelinge waarschuwing');
    expect(sent.manager).toContain('al na de eerste keer een toegangsverbod voor bepaalde tijd, geen waarschuwing');
    expect(sent.manager).toContain('de gemeente doet aangifte van bedreiging; Bijlage 8C');
  });
});
