import { identityOf, samePerson, type Sameness } from '../../bot/reports/aggressor-identity';
import { findRepeats, repeatLines, type ReportFacts } from '../../bot/reports/repeat-rules';
import { aggressorKey, type SamePersonAnswer } from '../../bot/reports/report-model';

describe('the aggressor as typed: name, client number, date of birth', () => {
  test.each<[string, ReturnType<typeof identityOf>]>([
    ['Karel Klaassen, klantnummer 778899', { name: 'Karel Klaassen', clientNumber: '778899' }],
    ['Jan de Vries (geb. 01-02-1980)', { name: 'Jan de Vries', birthDate: '1980-02-01' }],
    ['Jan de Vries, geboren 1 februari 1980', { name: 'Jan de Vries', birthDate: '1980-02-01' }],
    ['J. de Vries 1980-02-01', { name: 'J. de Vries', birthDate: '1980-02-01' }],
    ['de Vries, Jan', { name: 'Jan de Vries' }],
    ['Vries, Jan de', { name: 'Jan de Vries' }],
    ['J. Klaassen (123456)', { name: 'J. Klaassen', clientNumber: '123456' }],
    ['klantnummer 123.456', { name: '', clientNumber: '123456' }],
    ['Piet Puk, woont in Wognum', { name: 'Piet Puk' }],
    ['Jan de Vries geb 01-02-1980', { name: 'Jan de Vries', birthDate: '1980-02-01' }],
    ['Jan de Vries 123456', { name: 'Jan de Vries', clientNumber: '123456' }],
    ['Klaassen, klantnummer 778899', { name: 'Klaassen', clientNumber: '778899' }],
    [
      'Jan de Vries (geb. 01-02-1980), klantnr 445566',
      { name: 'Jan de Vries', clientNumber: '445566', birthDate: '1980-02-01' },
    ],
  ])('"%s"', (typed, expected) => {
    expect(identityOf(typed)).toEqual(expected);
  });

  test('a date of birth is never a client number (the key for counting either)', () => {
    expect(aggressorKey({ kind: 'known', identification: 'Jan de Vries (geb. 01-02-1980)' })).toBe(
      'naam:jan de vries geb 01 02 1980',
    );
    expect(aggressorKey({ kind: 'known', identification: 'Jan Klaassen, klantnummer 123456' })).toBe('nr:123456');
  });
});

describe('the same person?', () => {
  test.each<[string, string, Sameness]>([
    ['Jan de Vries, 123456', 'J. Klaassen (123456)', 'same'],
    ['Jan de Vries, 123456', 'Jan de Vries, 654321', 'different'],
    ['J. de Vries', 'Jan de Vries', 'maybe'],
    ['de Vries, Jan', 'Jan de Vries', 'maybe'],
    ['Jan de Vries', 'Jan de Vries', 'maybe'],
    ['Jan de Vries (geb. 01-02-1980)', 'J. de Vries, geboren 1 februari 1980', 'same'],
    ['Jan de Vries (geb. 01-02-1980)', 'Jan de Vries (geb. 03-04-1990)', 'different'],
    ['Klaassen', 'Karel Klaassen', 'maybe'],
    ['Piet de Vries', 'Jan de Vries', 'different'],
    ['Jan de Vries', 'Jan de Vos', 'different'],
    ['klantnummer 123456', 'Jan de Vries', 'different'],
  ])('"%s" and "%s": %s', (a, b, expected) => {
    expect(samePerson(identityOf(a), identityOf(b))).toBe(expected);
    expect(samePerson(identityOf(b), identityOf(a))).toBe(expected);
  });
});

describe('"bij herhaling": repeats, candidates and the same event', () => {
  const report: ReportFacts = {
    number: 'AGR-2026-0010',
    occurredAt: '2026-06-10T10:00:00.000Z',
    identification: 'Jan de Vries',
  };
  const earlier = (number: string, occurredAt: string, identification?: string, alarmId?: string): ReportFacts => ({
    number,
    occurredAt,
    ...(identification ? { identification } : {}),
    ...(alarmId ? { alarmId } : {}),
  });
  const numbers = (findings: ReturnType<typeof findRepeats>) => ({
    repeats: findings.repeats.map((incident) => incident.number),
    candidates: findings.candidates.map((incident) => incident.number),
    sameEvent: findings.sameEvent.map((incident) => incident.number),
  });
  const answer = (number: string, same: boolean): SamePersonAnswer => ({ number, same, by: 'Lotte', at: '' });

  test.each<[string, ReportFacts, ReportFacts[], SamePersonAnswer[], ReturnType<typeof numbers>]>([
    [
      'a name that fits is a candidate, not yet a repeat',
      report,
      [earlier('AGR-2026-0001', '2026-03-03T13:00:00.000Z', 'J. de Vries')],
      [],
      { repeats: [], candidates: ['AGR-2026-0001'], sameEvent: [] },
    ],
    [
      'confirmed by the manager: a repeat',
      report,
      [earlier('AGR-2026-0001', '2026-03-03T13:00:00.000Z', 'J. de Vries')],
      [answer('AGR-2026-0001', true)],
      { repeats: ['AGR-2026-0001'], candidates: [], sameEvent: [] },
    ],
    [
      'denied by the manager (a namesake): nothing',
      report,
      [earlier('AGR-2026-0001', '2026-03-03T13:00:00.000Z', 'de Vries, Jan')],
      [answer('AGR-2026-0001', false)],
      { repeats: [], candidates: [], sameEvent: [] },
    ],
    [
      'the same client number: a repeat without asking',
      { ...report, identification: 'J. de Vries, klantnummer 445566' },
      [earlier('AGR-2026-0001', '2026-03-03T13:00:00.000Z', 'klantnummer 445566')],
      [],
      { repeats: ['AGR-2026-0001'], candidates: [], sameEvent: [] },
    ],
    [
      'more than a year before: not counted, not asked',
      report,
      [earlier('AGR-2025-0001', '2025-06-09T10:00:00.000Z', 'Jan de Vries, 445566')],
      [],
      { repeats: [], candidates: [], sameEvent: [] },
    ],
    [
      'a later incident does not make this one a repeat',
      { ...report, identification: 'Jan de Vries, 445566' },
      [earlier('AGR-2026-0020', '2026-07-01T10:00:00.000Z', 'Jan de Vries, 445566')],
      [],
      { repeats: [], candidates: [], sameEvent: [] },
    ],
    [
      'the same alarm: the same event, whatever the names',
      { ...report, alarmId: 'alarm-1' },
      [earlier('AGR-2026-0009', '2026-06-10T10:02:00.000Z', 'een man in een rode jas', 'alarm-1')],
      [],
      { repeats: [], candidates: [], sameEvent: ['AGR-2026-0009'] },
    ],
    [
      'the same person within the hour: the same event, not a repeat',
      { ...report, identification: 'Jan de Vries, 445566' },
      [earlier('AGR-2026-0009', '2026-06-10T09:20:00.000Z', 'klantnummer 445566')],
      [],
      { repeats: [], candidates: [], sameEvent: ['AGR-2026-0009'] },
    ],
    [
      'a name that fits within the hour: asked; confirmed it is the same event',
      report,
      [earlier('AGR-2026-0009', '2026-06-10T10:40:00.000Z', 'J. de Vries')],
      [answer('AGR-2026-0009', true)],
      { repeats: [], candidates: [], sameEvent: ['AGR-2026-0009'] },
    ],
    [
      'one earlier event reported twice counts once',
      { ...report, identification: 'Jan de Vries, 445566' },
      [
        earlier('AGR-2026-0001', '2026-03-03T13:00:00.000Z', 'klantnummer 445566'),
        earlier('AGR-2026-0002', '2026-03-03T13:10:00.000Z', 'J. de Vries 445566'),
      ],
      [],
      { repeats: ['AGR-2026-0001'], candidates: [], sameEvent: [] },
    ],
    [
      'an unknown aggressor: nothing to compare',
      { number: 'AGR-2026-0010', occurredAt: '2026-06-10T10:00:00.000Z' },
      [earlier('AGR-2026-0001', '2026-03-03T13:00:00.000Z', 'Jan de Vries')],
      [],
      { repeats: [], candidates: [], sameEvent: [] },
    ],
  ])('%s', (_name, facts, others, answers, expected) => {
    expect(numbers(findRepeats(facts, [facts, ...others], answers))).toEqual(expected);
  });

  test('the advice says it may be a repeat until the manager confirms', () => {
    const findings = findRepeats(report, [earlier('AGR-2026-0001', '2026-03-03T13:00:00.000Z', 'J. de Vries')]);
    const lines = repeatLines(findings, true, 'card', () => 'di 3 mrt 14:00');
    expect(lines).toEqual([
      'Mogelijk herhaling: bij AGR-2026-0001 (di 3 mrt 14:00) is de agressor "J. de Vries". Is dat dezelfde persoon?',
      'Kies hieronder of het dezelfde persoon is. Tot je dat bevestigt, telt het advies het niet als herhaling.',
    ]);
    expect(repeatLines({ repeats: [], candidates: [], sameEvent: [] }, true, 'form', String)).toEqual([
      'Eerste keer: geen eerdere melding over deze persoon in het afgelopen jaar.',
    ]);
  });
});
