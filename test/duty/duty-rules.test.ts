import {
  coverageOf,
  dutyApplies,
  dutyAt,
  halteamMembers,
  statementUntil,
  withinWorkingHours,
  type DutyStatement,
  type RosterDay,
} from '../../bot/duty/duty-rules';
import { coverageWarning } from '../../bot/duty/duty-module';
import { createWorkingCalendar, standardWorkingCalendar } from '../../bot/shared/working-days';

const hours = { start: '08:00', end: '17:00' };
const calendar = standardWorkingCalendar;
/** EXTRA_CLOSING_DAYS=2026-12-24,12-31 */
const municipal = createWorkingCalendar(['2026-12-24', '12-31']);
const sanne = { id: 'u0', aadObjectId: 'aad-0', name: 'Sanne de Vries' };
const mohamed = { id: 'u1', aadObjectId: 'aad-1', name: 'Mohamed El Amrani' };
const lotte = { id: 'u2', aadObjectId: 'aad-2', name: 'Lotte Jansen' };
const members = [sanne, mohamed, lotte];

/** Amsterdam local time (CET in November/December, +01:00). */
const at = (local: string) => new Date(`${local}+01:00`);

function statement(memberId: string, status: DutyStatement['status'], from: string, until: string): DutyStatement {
  return { memberId, name: memberId, status, at: at(from).toISOString(), until: at(until).toISOString() };
}

describe('working hours (WORKING_HOURS on working days)', () => {
  it.each([
    ['Tuesday 07:59', '2026-11-24T07:59:00', false],
    ['Tuesday 08:00', '2026-11-24T08:00:00', true],
    ['Tuesday 16:59', '2026-11-24T16:59:00', true],
    ['Tuesday 17:00', '2026-11-24T17:00:00', false],
    ['Saturday 10:00', '2026-11-28T10:00:00', false],
    ['Christmas (Friday) 10:00', '2026-12-25T10:00:00', false],
    ["King's Day 2027 (Tuesday) 10:00", '2027-04-27T10:00:00', false],
  ])('%s: %s', (_label, local, expected) => {
    expect(withinWorkingHours(at(local), hours, calendar)).toBe(expected);
  });

  it.each([
    ['Bevrijdingsdag 2027 (Wednesday 5 May) 10:00', '2027-05-05T10:00:00', standardWorkingCalendar, false],
    ['Thursday 24 December 2026 10:00, an ordinary day', '2026-12-24T10:00:00', standardWorkingCalendar, true],
    ['24 December 2026 as a closing date of the municipality', '2026-12-24T10:00:00', municipal, false],
    ['Thursday 31 December 2026, closed every year (12-31)', '2026-12-31T10:00:00', municipal, false],
    ['Wednesday 30 December 2026 stays a working day', '2026-12-30T10:00:00', municipal, true],
  ])('%s: within working hours %s', (_label, local, days, expected) => {
    expect(withinWorkingHours(at(local), hours, days)).toBe(expected);
  });

  it('has nobody on duty by working hours on 5 May or a closing day (an alarm goes to the whole Halteam)', () => {
    for (const [local, days] of [
      ['2027-05-05T10:00:00', standardWorkingCalendar],
      ['2026-12-24T10:00:00', municipal],
    ] as const) {
      const duty = dutyAt({ members, statements: [], roster: undefined, now: at(local), hours, calendar: days });
      expect(duty.map((entry) => entry.reason)).toEqual(['buiten-werktijd', 'buiten-werktijd', 'buiten-werktijd']);
      expect(dutyApplies(at(local), hours, undefined, days)).toBe(false);
    }
  });

  it('counts as duty time on a day with a roster, even a holiday', () => {
    const roster: RosterDay = { date: '2026-12-25', memberIds: ['u0'], by: 'Sanne', at: '' };
    expect(dutyApplies(at('2026-12-25T10:00:00'), hours, roster, calendar)).toBe(true);
    expect(dutyApplies(at('2026-12-25T10:00:00'), hours, undefined, calendar)).toBe(false);
  });
});

describe('who is on duty', () => {
  const roster: RosterDay = { date: '2026-11-24', memberIds: ['u0', 'aad-2'], by: 'Sanne', at: '' };

  it.each<[string, string, DutyStatement[], RosterDay | undefined, string[], string[]]>([
    ['working hours: everyone', '2026-11-24T10:00:00', [], undefined, ['u0', 'u1', 'u2'], ['werktijd']],
    ['evening: nobody', '2026-11-24T19:00:00', [], undefined, [], ['buiten-werktijd']],
    [
      'a sign-off until 13:00 holds until 13:00',
      '2026-11-24T12:59:00',
      [statement('u1', 'afwezig', '2026-11-24T09:00:00', '2026-11-24T13:00:00')],
      undefined,
      ['u0', 'u2'],
      ['werktijd', 'zelf-afwezig'],
    ],
    [
      'after 13:00 the member counts again',
      '2026-11-24T13:00:00',
      [statement('u1', 'afwezig', '2026-11-24T09:00:00', '2026-11-24T13:00:00')],
      undefined,
      ['u0', 'u1', 'u2'],
      ['werktijd'],
    ],
    [
      'signing on in the evening puts a member on duty',
      '2026-11-24T20:00:00',
      [statement('u1', 'aanwezig', '2026-11-24T19:30:00', '2026-11-24T23:59:59')],
      undefined,
      ['u1'],
      ['buiten-werktijd', 'zelf-aanwezig'],
    ],
    [
      'the latest statement wins',
      '2026-11-24T11:00:00',
      [
        statement('u1', 'afwezig', '2026-11-24T09:00:00', '2026-11-24T23:59:59'),
        statement('u1', 'aanwezig', '2026-11-24T10:00:00', '2026-11-24T23:59:59'),
      ],
      undefined,
      ['u0', 'u1', 'u2'],
      ['werktijd', 'zelf-aanwezig'],
    ],
    ['the roster overrides working hours', '2026-11-24T10:00:00', [], roster, ['u0', 'u2'], ['rooster']],
    [
      'a sign-off beats the roster',
      '2026-11-24T10:00:00',
      [statement('u0', 'afwezig', '2026-11-24T09:00:00', '2026-11-24T23:59:59')],
      roster,
      ['u2'],
      ['rooster', 'zelf-afwezig'],
    ],
  ])('%s', (_label, local, statements, day, onDuty, reasons) => {
    const duty = dutyAt({ members, statements, roster: day, now: at(local), hours, calendar });
    expect(duty.filter((entry) => entry.onDuty).map((entry) => entry.member.id)).toEqual(onDuty);
    expect([...new Set(duty.map((entry) => entry.reason))].sort()).toEqual([...reasons].sort());
  });
});

describe('sign-off times', () => {
  it.each([
    ['no time: the end of the day', '2026-11-24T10:00:00', undefined, '2026-11-24T23:59:59.999+01:00'],
    ['a time later today', '2026-11-24T10:00:00', '13:00', '2026-11-24T13:00:00+01:00'],
    ['a time that has passed: tomorrow', '2026-11-24T14:00:00', '13:00', '2026-11-25T13:00:00+01:00'],
  ])('%s', (_label, local, until, expected) => {
    expect(statementUntil(at(local), until).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe('coverage (at least two, Hoofdstuk 3)', () => {
  const duty = (onIds: string[]) =>
    members.map((member) => ({ member, onDuty: onIds.includes(member.id), reason: 'werktijd' as const }));

  it('is fine with two on duty and says nothing', () => {
    expect(coverageOf(duty(['u0', 'u1'])).short).toBe(false);
    expect(coverageWarning(duty(['u0', 'u1']))).toBeUndefined();
  });

  it('warns with one on duty and mentions those who are not', () => {
    const warning = coverageWarning(duty(['u0']));
    expect(warning?.text).toContain('1 Halteamlid op dienst (op dienst: Sanne de Vries)');
    expect(warning?.text).toContain('<at>Mohamed El Amrani</at>, <at>Lotte Jansen</at>');
    expect(warning?.mentions?.map((mention) => mention.userId)).toEqual(['u1', 'u2']);
  });

  it('warns when nobody is on duty', () => {
    expect(coverageWarning(duty([]))?.text).toContain('0 Halteamleden op dienst (op dienst: niemand)');
  });
});

describe('Halteam membership', () => {
  it('is the whole team without HALTEAM_MEMBERS, else those listed (Teams or Entra ids)', () => {
    expect(halteamMembers(members, [])).toEqual(members);
    expect(halteamMembers(members, ['AAD-1', 'u2'])).toEqual([mohamed, lotte]);
  });
});
