import {
  alarmIdsOf,
  closeVisit,
  expired,
  isForgotten,
  isOverdue,
  overdueDecision,
  overdueJobId,
  parseClockTime,
  reducedPlace,
  stepDueAt,
  untilFrom,
} from '../../bot/outside/visit-rules';
import type { Visit } from '../../bot/outside/visit-model';

/** Amsterdam local time (CET, +01:00). */
const at = (local: string) => new Date(`${local}+01:00`);

const visit = (change: Partial<Visit> = {}): Visit => ({
  version: 1,
  id: 'hb-1',
  person: { id: '29:lotte', name: 'Lotte Jansen' },
  place: 'Dorpsstraat 1, Wognum',
  placeReduced: false,
  startedAt: at('2026-11-24T13:00:00').toISOString(),
  until: at('2026-11-24T14:30:00').toISOString(),
  risks: [],
  status: 'open',
  extensions: 0,
  ...change,
});

describe('the end time of a home visit', () => {
  it.each([
    ['14:30', { hour: 14, minute: 30 }],
    ['9.05', { hour: 9, minute: 5 }],
    ['24:00', undefined],
    ['14:60', undefined],
    ['half drie', undefined],
  ])('reads "%s"', (text, expected) => {
    expect(parseClockTime(text)).toEqual(expected);
  });

  it.each([
    ['later today', '2026-11-24T13:00:00', '14:30', '2026-11-24T14:30:00'],
    ['in the evening', '2026-11-24T19:00:00', '21:15', '2026-11-24T21:15:00'],
    ['on a Saturday evening (working days do not matter)', '2026-11-28T20:00:00', '22:00', '2026-11-28T22:00:00'],
    ['after midnight from a late visit', '2026-11-24T23:30:00', '00:30', '2026-11-25T00:30:00'],
  ])('is the next such time %s', (_case, now, text, expected) => {
    expect(untilFrom(parseClockTime(text)!, at(now))).toEqual(at(expected));
  });

  it('refuses a time that has just passed (it would be almost a day away)', () => {
    expect(untilFrom({ hour: 14, minute: 0 }, at('2026-11-24T14:05:00'))).toBe('past');
  });
});

describe('overdue: "Alles goed?" at the end time, the alarm after the grace', () => {
  it('asks at the end time and alarms after the grace, also late in the evening', () => {
    const until = at('2026-11-28T21:30:00');
    expect(stepDueAt(until, 'vraag', 10)).toEqual(until);
    expect(stepDueAt(until, 'alarm', 10)).toEqual(at('2026-11-28T21:40:00'));
    expect(stepDueAt(until, 'alarm', 0)).toEqual(until);
  });

  it('is overdue only once the grace has run out', () => {
    const open = visit();
    expect(isOverdue(open, at('2026-11-24T14:39:59'), 10)).toBe(false);
    expect(isOverdue(open, at('2026-11-24T14:40:00'), 10)).toBe(true);
    expect(isOverdue(visit({ status: 'closed' }), at('2026-11-24T18:00:00'), 10)).toBe(false);
  });

  it('lets a job act only for the deadline it was made for', () => {
    const job = { until: visit().until, step: 'alarm' as const };
    expect(overdueDecision(visit(), job)).toBe('act');
    // Extended: the old job finds the deadline moved.
    expect(overdueDecision(visit({ until: at('2026-11-24T15:30:00').toISOString() }), job)).toBe('nothing');
    // Checked in, or the alarm was raised already ("Help").
    expect(overdueDecision(visit({ status: 'closed' }), job)).toBe('nothing');
    expect(overdueDecision(visit({ alarm: { id: 'a', at: job.until, how: 'help' } }), job)).toBe('nothing');
    expect(overdueDecision(undefined, job)).toBe('nothing');
  });

  it('lets the alarm job run again after a failure half way finish its work, and only then', () => {
    const job = { until: visit().until, step: 'alarm' as const };
    const raised = { id: 'a', at: job.until, how: 'stil' as const };
    expect(overdueDecision(visit({ alarm: raised }), job)).toBe('act');
    expect(overdueDecision(visit({ alarm: { ...raised, managerToldAt: job.until } }), job)).toBe('nothing');
    expect(overdueDecision(visit({ alarm: raised }), { ...job, step: 'vraag' })).toBe('nothing');
  });

  it('knows every alarm of a visit, so each card loses the address', () => {
    expect(alarmIdsOf(visit())).toEqual([]);
    expect(
      alarmIdsOf(visit({ earlierAlarmIds: ['a-1'], alarm: { id: 'a-2', at: visit().until, how: 'help' } })),
    ).toEqual(['a-1', 'a-2']);
  });

  it('gives every deadline its own job ids', () => {
    const first = overdueJobId('hb-1', visit().until, 'alarm');
    expect(first).toBe(overdueJobId('hb-1', visit().until, 'alarm'));
    expect(first).not.toBe(overdueJobId('hb-1', at('2026-11-24T15:30:00').toISOString(), 'alarm'));
    expect(first).not.toBe(overdueJobId('hb-1', visit().until, 'vraag'));
  });
});

describe('privacy: the address is kept only while the visit is open', () => {
  it.each([
    ['Dorpsstraat 1, Wognum', undefined, 'Wognum'],
    ['Dorpsstraat 1', 'Andijk', 'Andijk'],
    ['Dorpsstraat 1', undefined, 'huisbezoek'],
    ['Kerkweg 3, 1687 AB', undefined, 'huisbezoek'],
  ])('"%s" (district %s) becomes "%s"', (place, district, kept) => {
    expect(reducedPlace(place, district)).toBe(kept);
  });

  it('removes the address when the visit closes', () => {
    const closed = closeVisit(visit(), 'terug', at('2026-11-24T14:10:00'));
    expect(closed).toMatchObject({ status: 'closed', place: 'Wognum', placeReduced: true, closedHow: 'terug' });
    expect(JSON.stringify(closed)).not.toContain('Dorpsstraat');
  });

  it('keeps a closed visit as long as reports are kept, then lets it go', () => {
    const closed = { closedAt: at('2026-11-24T14:10:00').toISOString() };
    expect(expired(closed, at('2028-11-24T14:09:00'), 24)).toBe(false);
    expect(expired(closed, at('2028-11-24T14:10:00'), 24)).toBe(true);
    expect(expired({}, at('2030-01-01T00:00:00'), 24)).toBe(false);
  });

  it('treats a visit nobody closed twelve hours after its end as forgotten', () => {
    expect(isForgotten(visit(), at('2026-11-25T02:29:00'))).toBe(false);
    expect(isForgotten(visit(), at('2026-11-25T02:30:00'))).toBe(true);
  });
});
