import type { AggressionForm, EarlierIncident, Place, PoliceAnswer } from '../../bot/reports/report-model';
import {
  measureText,
  repeatsWithinYear,
  sanctionAdvice,
  sanctionNoteTexts,
  type SanctionRow,
} from '../../bot/reports/sanction-rules';

const occurredAt = new Date('2026-03-03T13:03:00Z');
const balie: Place = { kind: 'location', name: 'Publieksbalie 1, gebouw Noord' };
const earlierThisYear: EarlierIncident[] = [{ number: 'AGR-2025-0031', occurredAt: '2025-06-12T09:00:00Z' }];

describe('sanction advice (Bijlage 9, the table row by row)', () => {
  const rows: {
    row: SanctionRow;
    forms: AggressionForm[];
    first: string;
    repeat: string;
  }[] = [
    {
      row: 'verbaal-geweld',
      forms: ['verbaal-geweld'],
      first: 'Mondelinge waarschuwing; de schriftelijke waarschuwing wordt nagezonden',
      repeat: 'Geen contact met de gemeente voor 3 maanden',
    },
    {
      row: 'discriminatie',
      forms: ['discriminatie'],
      first: 'Geen contact met de gemeente voor 3 maanden',
      repeat: 'Geen contact met de gemeente voor 6 maanden',
    },
    {
      row: 'fysiek-geweld-zaak',
      forms: ['vernielingen'],
      first: 'Geen contact met de gemeente voor 6 maanden',
      repeat: 'Geen contact met de gemeente voor 12 maanden',
    },
    {
      row: 'fysiek-geweld-medewerker',
      forms: ['fysiek-geweld'],
      first: 'Geen contact met de gemeente voor 12 maanden',
      repeat: 'Geen contact met de gemeente voor 24 maanden',
    },
    {
      row: 'psychisch-geweld',
      forms: ['intimidatie'],
      first: 'Geen contact met de gemeente voor 6 maanden',
      repeat: 'Geen contact met de gemeente voor 12 maanden',
    },
  ];

  it.each(rows)('$row, first time: $first', ({ row, forms, first }) => {
    const advice = sanctionAdvice({ forms, place: balie, damage: false, police: 'nee', occurredAt, earlier: [] });
    expect(advice.basis).toBe(row);
    expect(advice.repeat).toBe(false);
    expect(advice.combination).toBe(false);
    expect(measureText(advice.measure)).toBe(first);
  });

  it.each(rows)('$row, again within a year: $repeat', ({ row, forms, repeat }) => {
    const advice = sanctionAdvice({
      forms,
      place: balie,
      damage: false,
      police: 'nee',
      occurredAt,
      earlier: earlierThisYear,
    });
    expect(advice.basis).toBe(row);
    expect(advice.repeat).toBe(true);
    expect(advice.repeats.map((incident) => incident.number)).toEqual(['AGR-2025-0031']);
    expect(measureText(advice.measure)).toBe(repeat);
  });

  it.each<[AggressionForm, SanctionRow]>([
    ['stalken', 'psychisch-geweld'],
    ['seksuele-intimidatie', 'psychisch-geweld'],
    ['wapens', 'psychisch-geweld'],
  ])('counts %s as %s', (form, row) => {
    expect(
      sanctionAdvice({ forms: [form], place: balie, damage: false, police: 'nee', occurredAt, earlier: [] }).basis,
    ).toBe(row);
  });

  it('combination, first time: the sanction of the behaviour with the highest impact', () => {
    const advice = sanctionAdvice({
      forms: ['verbaal-geweld', 'discriminatie', 'vernielingen'],
      place: balie,
      damage: true,
      police: 'nee',
      occurredAt,
      earlier: [],
    });
    expect(advice.combination).toBe(true);
    expect(advice.rows).toEqual(['verbaal-geweld', 'discriminatie', 'fysiek-geweld-zaak']);
    expect(advice.basis).toBe('fysiek-geweld-zaak');
    expect(measureText(advice.measure)).toBe('Geen contact met de gemeente voor 6 maanden');
  });

  it('combination, again within a year: that sanction raised', () => {
    const advice = sanctionAdvice({
      forms: ['fysiek-geweld', 'verbaal-geweld'],
      place: balie,
      damage: false,
      police: 'nee',
      occurredAt,
      earlier: earlierThisYear,
    });
    expect(advice.combination).toBe(true);
    expect(advice.basis).toBe('fysiek-geweld-medewerker');
    expect(measureText(advice.measure)).toBe('Geen contact met de gemeente voor 24 maanden');
  });

  it('at equal months, physical violence weighs more than psychological', () => {
    const advice = sanctionAdvice({
      forms: ['intimidatie', 'vernielingen'],
      place: balie,
      damage: false,
      police: 'nee',
      occurredAt,
      earlier: [],
    });
    expect(advice.basis).toBe('fysiek-geweld-zaak');
  });

  it('an incident more than a year ago is not a repeat', () => {
    const old = [{ number: 'AGR-2025-0002', occurredAt: '2025-03-02T09:00:00Z' }];
    const advice = sanctionAdvice({
      forms: ['verbaal-geweld'],
      place: balie,
      damage: false,
      police: 'nee',
      occurredAt,
      earlier: old,
    });
    expect(advice.repeat).toBe(false);
    expect(measureText(advice.measure)).toMatch(/^Mondelinge waarschuwing/);
  });

  it('counts only the year before the incident, oldest first', () => {
    const earlier = [
      { number: 'AGR-2026-0001', occurredAt: '2026-01-10T09:00:00Z' },
      { number: 'AGR-2025-0001', occurredAt: '2025-03-03T14:00:00Z' },
      { number: 'AGR-2024-0009', occurredAt: '2024-12-01T09:00:00Z' },
    ];
    expect(repeatsWithinYear(occurredAt, earlier).map((incident) => incident.number)).toEqual([
      'AGR-2025-0001',
      'AGR-2026-0001',
    ]);
  });

  it.each<Place['kind']>(['telefoon', 'schriftelijk', 'social-media'])(
    'verbal aggression by %s: a written warning first (Bijlage 8A/8B), a contact ban when repeated',
    (kind) => {
      const place = { kind } as Place;
      const first = sanctionAdvice({
        forms: ['verbaal-geweld'],
        place,
        damage: false,
        police: 'nee',
        occurredAt,
        earlier: [],
      });
      expect(measureText(first.measure)).toBe('Schriftelijke waarschuwing van het college');
      const again = sanctionAdvice({
        forms: ['verbaal-geweld'],
        place,
        damage: false,
        police: 'nee',
        occurredAt,
        earlier: earlierThisYear,
      });
      expect(measureText(again.measure)).toBe('Geen contact met de gemeente voor 3 maanden');
      expect(again.notes).toContain('contactverbod');
    },
  );

  it('physical violence: a building ban at once, reception told, damage recovered', () => {
    const advice = sanctionAdvice({
      forms: ['fysiek-geweld'],
      place: balie,
      damage: true,
      police: 'nee',
      occurredAt,
      earlier: [],
    });
    expect(advice.notes).toEqual(['gebouwverbod-direct', 'receptie-informeren', 'schade-verhalen']);
  });
});

describe('Bijlage 8C: after the police removed the aggressor, a temporary access ban first, not a warning', () => {
  const cases: {
    name: string;
    forms: AggressionForm[];
    place: Place;
    police: PoliceAnswer;
    earlier: EarlierIncident[];
    measure: string;
    note: boolean;
  }[] = [
    {
      name: 'verbal, at the counter, police came',
      forms: ['verbaal-geweld'],
      place: balie,
      police: 'ja',
      earlier: [],
      measure: 'Toegangsverbod tot de gebouwen voor 3 maanden',
      note: true,
    },
    {
      name: 'verbal, at the counter, police called but did not come',
      forms: ['verbaal-geweld'],
      place: balie,
      police: 'gebeld',
      earlier: [],
      measure: 'Mondelinge waarschuwing; de schriftelijke waarschuwing wordt nagezonden',
      note: false,
    },
    {
      name: 'verbal, in public space, police came (not removed from a building)',
      forms: ['verbaal-geweld'],
      place: { kind: 'openbare-ruimte' },
      police: 'ja',
      earlier: [],
      measure: 'Mondelinge waarschuwing; de schriftelijke waarschuwing wordt nagezonden',
      note: false,
    },
    {
      name: 'verbal, at the counter, police came, a repeat: the table already bans',
      forms: ['verbaal-geweld'],
      place: balie,
      police: 'ja',
      earlier: earlierThisYear,
      measure: 'Geen contact met de gemeente voor 3 maanden',
      note: false,
    },
    {
      name: 'physical, at the counter, police came: the table is heavier',
      forms: ['fysiek-geweld'],
      place: balie,
      police: 'ja',
      earlier: [],
      measure: 'Geen contact met de gemeente voor 12 maanden',
      note: false,
    },
  ];

  it.each(cases)('$name: $measure', ({ forms, place, police, earlier, measure, note }) => {
    const advice = sanctionAdvice({ forms, place, damage: false, police, occurredAt, earlier });
    expect(measureText(advice.measure)).toBe(measure);
    expect(advice.notes.includes('verwijderd-door-politie')).toBe(note);
    if (note) expect(advice.notes).toContain('receptie-informeren');
  });
});

describe('an unknown aggressor: nothing about informing them or recovering damage from them', () => {
  it.each<[string, boolean, string[]]>([
    ['known', true, ['gebouwverbod-direct', 'receptie-informeren', 'schade-verhalen']],
    ['unknown', false, ['gebouwverbod-direct', 'schade-verzekering']],
  ])('%s aggressor', (_name, aggressorKnown, notes) => {
    const advice = sanctionAdvice({
      forms: ['fysiek-geweld'],
      place: balie,
      damage: true,
      police: 'nee',
      aggressorKnown,
      occurredAt,
      earlier: [],
    });
    expect(advice.notes).toEqual(notes);
    const texts = advice.notes.map((note) => sanctionNoteTexts[note]).join(' ');
    if (!aggressorKnown) expect(texts).not.toMatch(/agressor/);
  });
});
