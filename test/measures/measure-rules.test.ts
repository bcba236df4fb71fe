import { parseAmount } from '../../bot/measures/damage';
import {
  banEnd,
  bansInForceText,
  checkDecision,
  currentMeasure,
  deviates,
  inForce,
  measureState,
  measureSummary,
  nameFromIdentification,
  preselect,
  type AangifteStatus,
  type DecisionProblem,
  type MeasureDecision,
  type MeasureKind,
  type MeasureState,
} from '../../bot/measures/measure-rules';
import type { AggressionForm, EarlierIncident, Place } from '../../bot/reports/report-model';
import { sanctionAdvice, sanctionNoteTexts } from '../../bot/reports/sanction-rules';

const occurredAt = new Date('2026-11-24T09:00:00Z');
const balie: Place = { kind: 'location', name: 'Publieksbalie 1' };
const phone: Place = { kind: 'telefoon' };
const earlier: EarlierIncident[] = [{ number: 'AGR-2026-0001', occurredAt: '2026-05-01T09:00:00Z' }];

describe('the advice preselects a measure (Bijlage 9, 3, 8A/8B)', () => {
  const rows: [string, AggressionForm[], Place, EarlierIncident[], MeasureKind, string | undefined][] = [
    ['verbal, first time, at the desk', ['verbaal-geweld'], balie, [], 'mondelinge-waarschuwing', undefined],
    ['verbal, first time, by phone', ['verbaal-geweld'], phone, [], 'schriftelijke-waarschuwing', undefined],
    ['verbal, repeat, at the desk', ['verbaal-geweld'], balie, earlier, 'toegangsverbod', '2027-02-23'],
    ['verbal, repeat, by phone', ['verbaal-geweld'], phone, earlier, 'contactverbod', '2027-02-23'],
    ['physical violence', ['fysiek-geweld'], balie, [], 'toegangsverbod', '2027-11-23'],
    ['physical violence, repeat', ['fysiek-geweld'], balie, earlier, 'toegangsverbod', '2028-11-23'],
    ['discrimination', ['discriminatie'], balie, [], 'toegangsverbod', '2027-02-23'],
  ];

  test.each(rows)('%s', (_name, forms, place, before, kind, endDate) => {
    const advice = sanctionAdvice({ forms, place, damage: false, police: 'nee', occurredAt, earlier: before });
    const chosen = preselect(advice, '2026-11-24');
    expect(chosen.kind).toBe(kind);
    expect(chosen.endDate).toBe(endDate);
    if (endDate) expect(chosen.startDate).toBe('2026-11-24');
  });

  test('verbal, first time, at the desk, removed by the police: a temporary access ban (Bijlage 8C)', () => {
    const advice = sanctionAdvice({
      forms: ['verbaal-geweld'],
      place: balie,
      damage: false,
      police: 'ja',
      occurredAt,
      earlier: [],
    });
    const chosen = preselect(advice, '2026-11-24');
    expect(chosen.kind).toBe('toegangsverbod');
    expect(chosen.endDate).toBe('2027-02-23');
  });

  test('a ban of months ends the day before the same date', () => {
    expect(banEnd('2026-03-01', 12)).toBe('2027-02-28');
    expect(banEnd('2026-01-31', 1)).toBe('2026-02-27');
  });
});

describe('deviating from the advice needs a reason', () => {
  const advised = { kind: 'toegangsverbod' as const, startDate: '2026-11-24', endDate: '2027-11-23', text: '' };

  test.each<[string, MeasureDecision, boolean]>([
    ['the advice itself', { kind: 'toegangsverbod', startDate: '2026-11-24', endDate: '2027-11-23' }, false],
    ['same length, later start', { kind: 'toegangsverbod', startDate: '2026-12-01', endDate: '2027-11-30' }, false],
    ['shorter ban', { kind: 'toegangsverbod', startDate: '2026-11-24', endDate: '2027-05-23' }, true],
    ['another kind', { kind: 'schriftelijke-waarschuwing' }, true],
  ])('%s', (_name, decision, expected) => {
    expect(deviates(decision, advised)).toBe(expected);
    expect(checkDecision(decision, advised)).toEqual(expected ? ['reason-missing'] : []);
    expect(checkDecision({ ...decision, deviationReason: 'Eerste keer, excuses aangeboden.' }, advised)).toEqual([]);
  });

  test('a ban needs both dates, end not before start', () => {
    expect(checkDecision({ kind: 'contactverbod' }, undefined)).toEqual(['dates-missing']);
    expect(checkDecision({ kind: 'contactverbod', startDate: '24-11-2026', endDate: '2027-01-01' }, undefined)).toEqual(
      ['dates-invalid'],
    );
    expect(
      checkDecision({ kind: 'toegangsverbod', startDate: '2026-11-24', endDate: '2026-11-01' }, undefined),
    ).toEqual(['end-before-start']);
  });
});

describe('a ban in force', () => {
  const ban = { kind: 'toegangsverbod' as const, startDate: '2026-11-24', endDate: '2027-02-23' };

  test.each([
    ['2026-11-23', false],
    ['2026-11-24', true],
    ['2027-02-23', true],
    ['2027-02-24', false],
  ])('on %s: %s', (today, expected) => {
    expect(inForce(ban, today)).toBe(expected);
  });

  test('a warning is never "in force", a lifted ban no longer', () => {
    expect(inForce({ kind: 'schriftelijke-waarschuwing' }, '2026-11-24')).toBe(false);
    expect(inForce({ ...ban, liftedAt: '2026-12-01T10:00:00Z' }, '2026-12-02')).toBe(false);
  });
});

test('summaries and names', () => {
  expect(measureSummary({ kind: 'toegangsverbod', startDate: '2026-11-24', endDate: '2027-11-23' })).toBe(
    'Toegangsverbod tot de gebouwen van 24 november 2026 tot en met 23 november 2027',
  );
  expect(measureSummary({ kind: 'ordegesprek' })).toBe('Ordegesprek');
  expect(nameFromIdentification('Karel Klaassen, klantnummer 778899')).toBe('Karel Klaassen');
  expect(nameFromIdentification('Jan de Vries (klantnr 123456)')).toBe('Jan de Vries');
});

describe('damage amounts as people type them', () => {
  test.each([
    ['250', 25000],
    ['250,5', 25050],
    ['1.250,50', 125050],
    ['€ 12,50', 1250],
    ['12.50', 1250],
    ['1.250', 125000],
    ['veel', undefined],
    ['', undefined],
    ['-5', undefined],
  ])('"%s" is %s cents', (typed, cents) => {
    expect(parseAmount(typed)).toBe(cents);
  });
});

describe('the advice names the measure it preselects (issue 17)', () => {
  const rows: [string, AggressionForm[], Place, EarlierIncident[], MeasureKind, string][] = [
    [
      'physical violence at the desk',
      ['fysiek-geweld'],
      balie,
      [],
      'toegangsverbod',
      'Geen contact met de gemeente voor 12 maanden: toegangsverbod tot de gebouwen',
    ],
    [
      'verbal, repeat, by phone',
      ['verbaal-geweld'],
      phone,
      earlier,
      'contactverbod',
      'Geen contact met de gemeente voor 3 maanden: contactverbod',
    ],
    [
      'discrimination in writing',
      ['discriminatie'],
      { kind: 'schriftelijk' },
      [],
      'contactverbod',
      'Geen contact met de gemeente voor 3 maanden: contactverbod',
    ],
    [
      'verbal, first time, by phone',
      ['verbaal-geweld'],
      phone,
      [],
      'schriftelijke-waarschuwing',
      'Schriftelijke waarschuwing van het college',
    ],
  ];

  test.each(rows)('%s', (_name, forms, place, before, kind, text) => {
    const advice = sanctionAdvice({ forms, place, damage: false, police: 'nee', occurredAt, earlier: before });
    const chosen = preselect(advice, '2026-11-24');
    expect(chosen.kind).toBe(kind);
    expect(chosen.text).toBe(text);
  });

  test('a contact ban is reported to reception as a contact ban, never as an access ban', () => {
    const advice = sanctionAdvice({
      forms: ['verbaal-geweld'],
      place: phone,
      damage: false,
      police: 'nee',
      occurredAt,
      earlier,
    });
    const notes = advice.notes.map((note) => sanctionNoteTexts[note]).join('\n');
    expect(advice.ban).toBe('contactverbod');
    expect(notes).toContain('Meld het contactverbod meteen aan de receptie');
    expect(notes).not.toMatch(/toegangsverbod/i);
  });
});

describe('aangifte "niet nodig" where it was advised needs a reason (Hoofdstuk 6)', () => {
  const warning: MeasureDecision = { kind: 'schriftelijke-waarschuwing' };
  const advised = { kind: 'schriftelijke-waarschuwing' as const, text: '' };
  test.each<[string, AangifteStatus, boolean, DecisionProblem[]]>([
    ['advised, not needed, no reason', { status: 'niet-nodig' }, true, ['aangifte-reason-missing']],
    ['advised, not needed, blank reason', { status: 'niet-nodig', reason: '  ' }, true, ['aangifte-reason-missing']],
    ['advised, not needed, with a reason', { status: 'niet-nodig', reason: 'Politie raadde het af.' }, true, []],
    ['advised, not yet done', { status: 'nog-niet' }, true, []],
    ['not advised, not needed', { status: 'niet-nodig' }, false, []],
  ])('%s', (_name, status, aangifteAdvised, problems) => {
    expect(checkDecision(warning, advised, { status, advised: aangifteAdvised })).toEqual(problems);
  });
});

describe('the measure that stands for an incident', () => {
  const ban = { kind: 'toegangsverbod' as const, startDate: '2026-11-24', endDate: '2027-02-23' };
  test.each<[string, string, MeasureState]>([
    ['before its first day', '2026-11-20', 'komt'],
    ['on its first day', '2026-11-24', 'geldt'],
    ['on its last day', '2027-02-23', 'geldt'],
    ['after it', '2027-02-24', 'afgelopen'],
  ])('a ban %s: %s', (_name, today, state) => {
    expect(measureState(ban, today)).toBe(state);
  });

  test('lifted, and a warning', () => {
    expect(measureState({ ...ban, liftedAt: '2026-12-01T10:00:00Z' }, '2026-12-02')).toBe('opgeheven');
    expect(measureState({ kind: 'ordegesprek' }, '2026-12-02')).toBe('vastgelegd');
  });

  test('the last decided and not lifted', () => {
    const measures = [
      { id: 'a', decidedAt: '2026-11-24T10:00:00Z' },
      { id: 'b', decidedAt: '2026-11-25T10:00:00Z', liftedAt: '2026-11-26T10:00:00Z' },
    ];
    expect(currentMeasure(measures)?.id).toBe('a');
    expect(currentMeasure([measures[1]!])).toBeUndefined();
    expect(currentMeasure([])).toBeUndefined();
  });

  test('extending needs a later end', () => {
    expect(
      checkDecision({ kind: 'toegangsverbod', startDate: '2026-11-24', endDate: '2027-02-23' }, undefined, undefined, {
        endDate: '2027-02-23',
      }),
    ).toEqual(['not-longer']);
    expect(
      checkDecision({ kind: 'toegangsverbod', startDate: '2026-11-24', endDate: '2027-05-23' }, undefined, undefined, {
        endDate: '2027-02-23',
      }),
    ).toEqual([]);
  });

  test('a lifted ban says so in its summary', () => {
    expect(measureSummary({ ...ban, liftedAt: '2026-12-01T10:00:00Z' })).toBe(
      'Toegangsverbod tot de gebouwen van 24 november 2026 tot en met 23 februari 2027, opgeheven op 1 december 2026',
    );
  });
});

test.each([
  [0, 'Er geldt nu geen toegangs- of contactverbod.'],
  [1, 'Er geldt nu 1 verbod:'],
  [2, 'Er gelden nu 2 verboden:'],
  [7, 'Er gelden nu 7 verboden:'],
])('Dutch counts: %s ban(s) in force: "%s"', (count, text) => {
  expect(bansInForceText(count)).toBe(text);
});

test('names from the identification, surname first or with a date of birth', () => {
  expect(nameFromIdentification('de Vries, Jan (geb. 01-02-1980)')).toBe('Jan de Vries');
  expect(nameFromIdentification('Jan de Vries (geb. 01-02-1980)')).toBe('Jan de Vries');
});
