import { parseAmount } from '../../bot/measures/damage';
import {
  banEnd,
  checkDecision,
  deviates,
  inForce,
  measureSummary,
  nameFromIdentification,
  preselect,
  type MeasureDecision,
  type MeasureKind,
} from '../../bot/measures/measure-rules';
import type { AggressionForm, EarlierIncident, Place } from '../../bot/reports/report-model';
import { sanctionAdvice } from '../../bot/reports/sanction-rules';

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
    const advice = sanctionAdvice({ forms, place, damage: false, occurredAt, earlier: before });
    const chosen = preselect(advice, '2026-11-24');
    expect(chosen.kind).toBe(kind);
    expect(chosen.endDate).toBe(endDate);
    if (endDate) expect(chosen.startDate).toBe('2026-11-24');
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
