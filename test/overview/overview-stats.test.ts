import type { PlannedTalk } from '../../bot/aftercare/aftercare-model';
import type { Alarm } from '../../bot/alarms/alarm-model';
import { talkStatus } from '../../bot/overview/overview-aftercare';
import { mayOpen, mayUseOverview, overviewRoles, visibleRow, type Viewer } from '../../bot/overview/overview-access';
import { exportCsv } from '../../bot/overview/overview-export';
import { createRoles } from '../../bot/shared/roles';
import {
  alarmStats,
  filterRows,
  incidentRows,
  incidentStats,
  median,
  percentile,
  responseTimes,
} from '../../bot/overview/overview-stats';
import { reportFixture } from '../dagstart/fixtures';

describe('median and 90th percentile', () => {
  it.each<[number[], number | undefined, number | undefined]>([
    [[], undefined, undefined],
    [[30], 30, 30],
    [[40, 20], 30, 40],
    [[90, 20, 40], 40, 90],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5.5, 9],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 60, 100],
  ])('%j: median %s, p90 %s (nearest rank)', (values, expectedMedian, expectedP90) => {
    expect(median(values)).toBe(expectedMedian);
    expect(percentile(values, 90)).toBe(expectedP90);
  });
});

function alarm(
  overrides: Partial<Pick<Alarm, 'receivedAt' | 'location' | 'exercise'>> & {
    responders?: number[];
    closeAfter?: number;
  } = {},
): Alarm {
  const receivedAt = overrides.receivedAt ?? '2026-03-10T09:00:00.000Z';
  const after = (seconds: number) => new Date(Date.parse(receivedAt) + seconds * 1000).toISOString();
  const base = {
    id: 'a',
    buttonId: 'b',
    kind: 'noodknop' as const,
    location: overrides.location ?? 'Balie',
    exercise: overrides.exercise ?? false,
    pressedAt: receivedAt,
    receivedAt,
    presses: 1,
    responders: (overrides.responders ?? []).map((seconds, index) => ({
      id: `r${index}`,
      name: `R${index}`,
      at: after(seconds),
    })),
    escalations: [],
  };
  return overrides.closeAfter === undefined
    ? { ...base, status: 'open' }
    : {
        ...base,
        status: 'closed',
        closed: { outcome: 'loos-alarm', by: { id: 'x', name: 'X' }, at: after(overrides.closeAfter) },
      };
}

describe('alarm response times', () => {
  it.each<[string, Alarm[], Record<string, number | undefined>]>([
    ['no alarms', [], { firstMedian: undefined, secondMedian: undefined, closeMedian: undefined }],
    ['an open alarm nobody answered yet', [alarm()], { firstMedian: undefined, closeMedian: undefined }],
    [
      'one answered alarm',
      [alarm({ responders: [30, 70], closeAfter: 400 })],
      { firstMedian: 30, secondP90: 70, closeP90: 400 },
    ],
    [
      'drills never count in the times',
      [alarm({ responders: [30], closeAfter: 100 }), alarm({ exercise: true, responders: [2], closeAfter: 5 })],
      { firstMedian: 30, closeMedian: 100 },
    ],
  ])('%s', (_name, alarms, expected) => {
    expect(responseTimes(alarms)).toMatchObject(expected);
  });

  it('groups presses and OEFENINGEN per month (Dutch time) and per location', () => {
    const stats = alarmStats([
      alarm({ receivedAt: '2026-03-31T22:30:00.000Z', responders: [10] }), // 1 April in Amsterdam
      alarm({ receivedAt: '2026-03-15T10:00:00.000Z', exercise: true, location: 'Spreekkamer' }),
    ]);
    expect(stats.perMonth.map((month) => [month.key, month.label, month.alarms, month.exercises])).toEqual([
      ['2026-03', 'mrt 2026', 0, 1],
      ['2026-04', 'apr 2026', 1, 0],
    ]);
    expect(stats.perLocation.map((location) => location.key)).toEqual(['Balie', 'Spreekkamer']);
  });
});

describe('incident statistics', () => {
  const reports = [
    reportFixture({ number: 'AGR-2026-0001', occurredAt: '2026-01-05T10:00:00.000Z' }),
    reportFixture({
      number: 'AGR-2026-0002',
      occurredAt: '2026-03-05T10:00:00.000Z',
      place: { kind: 'huisbezoek' },
      forms: ['verbaal-geweld'],
      aggressor: { kind: 'unknown' },
    }),
    reportFixture({ number: 'AGR-2026-0003', occurredAt: '2026-03-20T10:00:00.000Z', place: { kind: 'telefoon' } }),
  ];
  const rows = incidentRows(reports);

  it('counts per month without gaps, per form, per place or channel, and repeat aggressors (counts only)', () => {
    const stats = incidentStats(rows, reports);
    expect(stats.perMonth.map((month) => [month.key, month.count])).toEqual([
      ['2026-01', 1],
      ['2026-02', 0],
      ['2026-03', 2],
    ]);
    expect(stats.perForm.map((form) => [form.label, form.count])).toEqual([
      ['Verbaal geweld', 3],
      ['Intimidatie of bedreiging', 2],
    ]);
    expect(stats.perPlace.map((place) => [place.label, place.count])).toEqual([
      ['Huisbezoek', 1],
      ['Publieksbalie 1, gebouw Noord', 1],
      ['Telefoon', 1],
    ]);
    expect(stats).toMatchObject({ total: 3, repeatAggressors: 1, repeatIncidents: 2, aangifteRequired: 2 });
    expect(stats.aangifteRate).toBeCloseTo(2 / 3);
  });

  it.each<[string, Parameters<typeof filterRows>[1], string[]]>([
    ['nothing', {}, ['AGR-2026-0003', 'AGR-2026-0002', 'AGR-2026-0001']],
    ['a period (inclusive)', { from: '2026-03-05', to: '2026-03-05' }, ['AGR-2026-0002']],
    ['a form', { form: 'intimidatie' }, ['AGR-2026-0003', 'AGR-2026-0001']],
    ['a channel', { place: 'Huisbezoek' }, ['AGR-2026-0002']],
    ['no aangifte', { aangifte: 'nee' }, ['AGR-2026-0002']],
  ])('filters on %s', (_name, filter, expected) => {
    expect(filterRows(rows, filter).map((row) => row.number)).toEqual(expected);
  });
});

describe('"Herhaling" in the list is the repeat the advice counts (Bijlage 9)', () => {
  const karel = (number: string, occurredAt: string, identification: string, extra = {}) =>
    reportFixture({ number, occurredAt, aggressor: { kind: 'known', identification }, ...extra });
  const repeatOf = (reports: ReturnType<typeof karel>[]) =>
    Object.fromEntries(incidentRows(reports).map((row) => [row.number, row.repeat]));

  it.each<[string, ReturnType<typeof karel>[], Record<string, boolean>]>([
    [
      'the first incident of an aggressor is no repeat; the second, within a year, is',
      [
        karel('AGR-2026-0001', '2026-01-05T10:00:00.000Z', 'Karel Klaassen, klantnummer 778899'),
        karel('AGR-2026-0002', '2026-03-05T10:00:00.000Z', 'klantnummer 778899'),
      ],
      { 'AGR-2026-0001': false, 'AGR-2026-0002': true },
    ],
    [
      'more than a year apart: neither',
      [
        karel('AGR-2025-0001', '2025-01-05T10:00:00.000Z', 'klantnummer 778899'),
        karel('AGR-2026-0002', '2026-03-05T10:00:00.000Z', 'klantnummer 778899'),
      ],
      { 'AGR-2025-0001': false, 'AGR-2026-0002': false },
    ],
    [
      'a name that only fits counts once the manager confirmed it',
      [
        karel('AGR-2026-0001', '2026-01-05T10:00:00.000Z', 'Jan de Vries'),
        karel('AGR-2026-0002', '2026-03-05T10:00:00.000Z', 'J. de Vries'),
        karel('AGR-2026-0003', '2026-04-05T10:00:00.000Z', 'de Vries, Jan', {
          samePerson: [{ number: 'AGR-2026-0001', same: true, by: 'Lotte Jansen', at: '2026-04-05T12:00:00.000Z' }],
        }),
      ],
      { 'AGR-2026-0001': false, 'AGR-2026-0002': false, 'AGR-2026-0003': true },
    ],
    [
      'two reports of one alarm are one incident, not a repeat',
      [
        karel('AGR-2026-0001', '2026-01-05T10:00:00.000Z', 'klantnummer 778899', {
          source: { kind: 'alarm', buttonId: 'nbg24', alarmId: 'a1', responders: [] },
        }),
        karel('AGR-2026-0002', '2026-01-05T10:05:00.000Z', 'Karel Klaassen', {
          source: { kind: 'alarm', buttonId: 'nbg24', alarmId: 'a1', responders: [] },
        }),
      ],
      { 'AGR-2026-0001': false, 'AGR-2026-0002': false },
    ],
  ])('%s', (_name, reports, expected) => {
    expect(repeatOf(reports)).toEqual(expected);
  });

  it('the figure "agressors met herhaling" counts the same repeats', () => {
    const reports = [
      karel('AGR-2025-0001', '2025-01-05T10:00:00.000Z', 'klantnummer 778899'),
      karel('AGR-2026-0002', '2026-03-05T10:00:00.000Z', 'klantnummer 778899'),
      karel('AGR-2026-0003', '2026-04-05T10:00:00.000Z', 'Jan de Vries'),
      karel('AGR-2026-0004', '2026-05-05T10:00:00.000Z', 'J. de Vries'),
      karel('AGR-2026-0005', '2026-06-05T10:00:00.000Z', 'Piet Puk, 112233'),
      karel('AGR-2026-0006', '2026-07-05T10:00:00.000Z', 'klantnummer 112233'),
      karel('AGR-2026-0007', '2026-08-05T10:00:00.000Z', 'P. Puk (112233)'),
    ];
    // Karel: more than a year apart; de Vries: a name that fits, not confirmed; Puk: three times.
    expect(incidentStats(incidentRows(reports), reports)).toMatchObject({ repeatAggressors: 1, repeatIncidents: 3 });
  });
});

describe('who sees what', () => {
  const roles = createRoles({
    admin: [],
    'halteam-coordinator': [],
    'overview-coordinator': ['c'],
    po: ['p'],
    mo: ['m'],
  });
  const viewer = (id: string): Viewer => ({
    aadObjectId: id,
    name: id,
    roles: overviewRoles(roles.rolesOf({ aadObjectId: id })),
  });
  const [row] = incidentRows([reportFixture()]);

  it.each<[string, string, { open: boolean; victim: boolean; aggressor: boolean }]>([
    ['the coordinator', 'c', { open: true, victim: true, aggressor: true }],
    ['P&O', 'p', { open: true, victim: true, aggressor: false }],
    ['the MO', 'm', { open: true, victim: false, aggressor: false }],
    ['the incident’s manager', 'aad-lotte', { open: true, victim: true, aggressor: true }],
    ['another employee', 'aad-fatima', { open: false, victim: false, aggressor: false }],
  ])('%s', (_name, id, expected) => {
    const who = viewer(id);
    expect(mayOpen(who, row!)).toBe(expected.open);
    expect(mayUseOverview(who, [row!])).toBe(expected.open);
    const visible = visibleRow(who, row!);
    expect(visible.victimName !== undefined).toBe(expected.victim);
    expect(visible.description !== undefined).toBe(expected.victim);
    expect(visible.aggressor !== undefined).toBe(expected.aggressor);
    const csv = exportCsv([visible]).trim();
    expect(csv.includes('Fatima Yilmaz')).toBe(expected.victim);
    expect(csv.endsWith(expected.aggressor ? '"Karel Klaassen, klantnummer 778899"' : '"afgeschermd"')).toBe(true);
  });

  it('never lets a spreadsheet run a cell as a formula', () => {
    const [evil] = incidentRows([reportFixture({ place: { kind: 'anders', description: '=HYPERLINK("x")' } })]);
    expect(exportCsv([visibleRow(viewer('c'), evil!)])).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('aftercare talk status', () => {
  const talk = (end: string, extra: Partial<PlannedTalk> = {}): PlannedTalk => ({
    talk: 1,
    eventId: 'e',
    start: new Date(Date.parse(end) - 3_600_000).toISOString(),
    end,
    state: 'planned',
    ...extra,
  });
  const form = {
    wellbeing: '',
    complaints: '',
    support: [],
    referral: '',
    agreed: true as const,
    filledAt: '2026-11-20T10:00:00.000Z',
    filledBy: 'x',
  };
  const now = new Date('2026-11-24T10:00:00.000Z'); // Tuesday

  it.each<[string, PlannedTalk, string]>([
    ['ahead', talk('2026-11-25T10:00:00.000Z'), 'gepland'],
    ['past with a form', talk('2026-11-20T10:00:00.000Z', { form }), 'gehouden'],
    ['yesterday without a form', talk('2026-11-23T10:00:00.000Z'), 'formulier-ontbreekt'],
    ['Thursday without a form (two working days passed)', talk('2026-11-19T10:00:00.000Z'), 'te-laat'],
    ['cancelled', talk('2026-11-19T10:00:00.000Z', { state: 'cancelled' }), 'geannuleerd'],
  ])('%s', (_name, planned, expected) => {
    expect(talkStatus(planned, now)).toBe(expected);
  });
});
