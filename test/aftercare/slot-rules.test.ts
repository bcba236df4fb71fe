import { DateTime } from 'luxon';
import { formOverdueAt, isOverdue, reminderDueAt } from '../../bot/aftercare/follow-up-rules';
import { candidateDays, proposeSlots, type Interval } from '../../bot/aftercare/slot-rules';
import { createWorkingCalendar, standardWorkingCalendar } from '../../bot/shared/working-days';

const zone = 'Europe/Amsterdam';
/** "2026-04-07 09:00" in Amsterdam time. */
const at = (local: string) => DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone }).toJSDate();
const show = (date: Date) => DateTime.fromJSDate(date, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');
const busy = (from: string, to: string): Interval => ({ start: at(from), end: at(to) });

const calendar = standardWorkingCalendar;
/** A municipality closed on 24 December 2026 and every 31 December (EXTRA_CLOSING_DAYS=2026-12-24,12-31). */
const municipal = createWorkingCalendar(['2026-12-24', '12-31']);

function proposed(
  incident: string,
  options: { now?: string; busy?: Interval[]; skip?: string[]; calendar?: typeof calendar } = {},
): string[] {
  const incidentAt = at(incident);
  return proposeSlots({
    incidentAt,
    now: options.now ? at(options.now) : new Date(incidentAt.getTime() + 60 * 60_000),
    busy: options.busy ?? [],
    skip: (options.skip ?? []).map(at),
    calendar: options.calendar ?? calendar,
  }).map((slot) => ('none' in slot ? `talk ${slot.talk}: none` : `talk ${slot.talk}: ${show(slot.start)}`));
}

describe('slots for the three nazorggesprekken (Bijlage 5)', () => {
  it.each([
    {
      why: 'an ordinary week: next working day, day 14, day 28, at 09:00',
      incident: '2026-11-17 15:00',
      expected: ['talk 1: Wed 2026-11-18 09:00', 'talk 2: Tue 2026-12-01 09:00', 'talk 3: Tue 2026-12-15 09:00'],
    },
    {
      why: 'a Friday incident: talk 1 on Monday, never in the weekend',
      incident: '2026-11-20 15:00',
      expected: ['talk 1: Mon 2026-11-23 09:00', 'talk 2: Fri 2026-12-04 09:00', 'talk 3: Fri 2026-12-18 09:00'],
    },
    {
      why: 'day 14 on a Sunday: the nearest working day (day 15, Monday)',
      incident: '2026-11-22 11:00',
      expected: ['talk 1: Mon 2026-11-23 09:00', 'talk 2: Mon 2026-12-07 09:00', 'talk 3: Mon 2026-12-21 09:00'],
    },
    {
      why: 'Easter Monday is skipped for talk 1',
      incident: '2026-04-03 10:00',
      expected: ['talk 1: Tue 2026-04-07 09:00', 'talk 2: Fri 2026-04-17 09:00', 'talk 3: Fri 2026-05-01 09:00'],
    },
    {
      why: "King's Day is skipped for talk 1",
      incident: '2026-04-24 14:00',
      expected: ['talk 1: Tue 2026-04-28 09:00', 'talk 2: Fri 2026-05-08 09:00', 'talk 3: Fri 2026-05-22 09:00'],
    },
    {
      why: "King's Day on day 28 moves talk 3 to day 29; Easter Monday on day 7 does not matter",
      incident: '2026-03-30 10:00',
      expected: ['talk 1: Tue 2026-03-31 09:00', 'talk 2: Mon 2026-04-13 09:00', 'talk 3: Tue 2026-04-28 09:00'],
    },
    {
      why: 'Ascension Day (Hemelvaart) on day 14: the day before',
      incident: '2026-04-30 10:00',
      expected: ['talk 1: Fri 2026-05-01 09:00', 'talk 2: Wed 2026-05-13 09:00', 'talk 3: Thu 2026-05-28 09:00'],
    },
    {
      why: 'Christmas: both Christmas days and the weekend are skipped',
      incident: '2026-12-23 16:30',
      expected: ['talk 1: Thu 2026-12-24 09:00', 'talk 2: Wed 2027-01-06 09:00', 'talk 3: Wed 2027-01-20 09:00'],
    },
  ])('$why', ({ incident, expected }) => {
    expect(proposed(incident)).toEqual(expected);
  });

  it('keeps 09:00 Amsterdam time across the switch to summer time', () => {
    const incidentAt = at('2026-03-20 10:00');
    const [, talk2] = proposeSlots({ incidentAt, now: incidentAt, busy: [], calendar });
    expect(talk2 && 'start' in talk2 ? talk2.start.toISOString() : '').toBe('2026-04-03T07:00:00.000Z');
  });

  it('never proposes a slot within an hour of now', () => {
    expect(proposed('2026-11-17 08:00', { now: '2026-11-18 09:40' })[0]).toBe('talk 1: Wed 2026-11-18 11:00');
  });

  it('finds the first moment both are free in busy calendars', () => {
    const result = proposed('2026-11-17 15:00', {
      busy: [
        busy('2026-11-18 08:30', '2026-11-18 12:00'),
        busy('2026-11-18 12:30', '2026-11-18 13:15'),
        busy('2026-12-01 00:00', '2026-12-02 00:00'),
      ],
    });
    expect(result).toEqual([
      'talk 1: Wed 2026-11-18 13:30',
      'talk 2: Mon 2026-11-30 09:00',
      'talk 3: Tue 2026-12-15 09:00',
    ]);
  });

  it('uses the second working day when the first is full, and says so when both are', () => {
    const dayOne = busy('2026-11-18 00:00', '2026-11-19 00:00');
    const dayTwo = busy('2026-11-19 00:00', '2026-11-20 00:00');
    expect(proposed('2026-11-17 15:00', { busy: [dayOne] })[0]).toBe('talk 1: Thu 2026-11-19 09:00');
    expect(proposed('2026-11-17 15:00', { busy: [dayOne, dayTwo] })[0]).toBe('talk 1: none');
  });

  it('has no slot for talk 3 when weeks 4 to 6 are full, and still proposes the others', () => {
    const result = proposed('2026-11-17 15:00', { busy: [busy('2026-12-14 00:00', '2026-12-30 00:00')] });
    expect(result).toEqual(['talk 1: Wed 2026-11-18 09:00', 'talk 2: Tue 2026-12-01 09:00', 'talk 3: none']);
  });

  it('never ends after 17:00 and skips moments already offered ("Andere tijden")', () => {
    const result = proposed('2026-11-17 15:00', {
      busy: [busy('2026-11-18 00:00', '2026-11-18 16:00')],
      skip: ['2026-11-18 16:00'],
    });
    expect(result[0]).toBe('talk 1: Thu 2026-11-19 09:00');
    expect(proposed('2026-11-17 15:00', { skip: ['2026-11-18 09:00'] })[0]).toBe('talk 1: Wed 2026-11-18 09:30');
  });

  it('talk 3 stays within days 28 to 42', () => {
    const days = candidateDays(3, at('2026-11-17 15:00'), calendar);
    expect(days[0]).toBe('2026-12-15');
    expect(days[days.length - 1]).toBe('2026-12-29');
    expect(days).not.toContain('2026-12-25');
    expect(days).not.toContain('2026-12-26');
  });
});

describe('the one calendar: no talk on 5 May or a municipal closing day', () => {
  it.each([
    {
      why: 'Bevrijdingsdag (5 May) and Ascension Day 2027: talk 1 on Friday 7 and Monday 10 May',
      talk: 1 as const,
      incident: '2027-05-04 15:00',
      days: { standard: ['2027-05-07', '2027-05-10'], municipal: ['2027-05-07', '2027-05-10'] },
    },
    {
      why: 'day 14 on 5 May 2027: the nearest working days around it',
      talk: 2 as const,
      incident: '2027-04-21 10:00',
      days: {
        standard: ['2027-05-04', '2027-05-03', '2027-05-07'],
        municipal: ['2027-05-04', '2027-05-03', '2027-05-07'],
      },
    },
    {
      why: 'a closing date of the municipality (2026-12-24): talk 1 after Christmas',
      talk: 1 as const,
      incident: '2026-12-22 15:00',
      days: { standard: ['2026-12-23', '2026-12-24'], municipal: ['2026-12-23', '2026-12-28'] },
    },
    {
      why: 'a yearly closing day (12-31), in 2027 too',
      talk: 1 as const,
      incident: '2027-12-30 15:00',
      days: { standard: ['2027-12-31', '2028-01-03'], municipal: ['2028-01-03', '2028-01-04'] },
    },
  ])('$why', ({ talk, incident, days }) => {
    expect(candidateDays(talk, at(incident), calendar)).toEqual(days.standard);
    expect(candidateDays(talk, at(incident), municipal)).toEqual(days.municipal);
  });

  it('proposes the first talk after the closing days, at 09:00', () => {
    expect(proposed('2027-05-04 15:00')[0]).toBe('talk 1: Fri 2027-05-07 09:00');
    expect(proposed('2026-12-23 15:00', { calendar: municipal })[0]).toBe('talk 1: Mon 2026-12-28 09:00');
  });

  it.each([
    { talk: '2027-05-07 10:00', cal: calendar, reminder: 'Tue 2027-05-04 10:00', why: 'over 5 May and Ascension Day' },
    {
      talk: '2026-12-28 10:00',
      cal: municipal,
      reminder: 'Wed 2026-12-23 10:00',
      why: 'over Christmas and 24 December',
    },
  ])('reminds a working day before $why', ({ talk, cal, reminder }) => {
    expect(show(reminderDueAt(at(talk), cal))).toBe(reminder);
  });

  it('counts a form overdue in working days, 5 May not among them', () => {
    expect(show(formOverdueAt(at('2027-05-04 11:00'), calendar))).toBe('Mon 2027-05-10 11:00');
  });
});

describe('when a talk is followed through', () => {
  it.each([
    { talk: '2026-04-28 10:00', reminder: 'Fri 2026-04-24 10:00', why: "over King's Day" },
    { talk: '2026-11-23 09:00', reminder: 'Fri 2026-11-20 09:00', why: 'over the weekend' },
    { talk: '2026-11-18 17:30', reminder: 'Tue 2026-11-17 09:00', why: 'at 09:00 when outside office hours' },
  ])('reminds a working day before $why', ({ talk, reminder }) => {
    expect(show(reminderDueAt(at(talk), calendar))).toBe(reminder);
  });

  it('counts a form as overdue two working days after the talk, not before', () => {
    const end = at('2026-11-20 11:00');
    expect(show(formOverdueAt(end, calendar))).toBe('Tue 2026-11-24 11:00');
    const talk = { talk: 1 as const, eventId: 'e', start: '', end: end.toISOString(), state: 'planned' as const };
    expect(isOverdue(talk, at('2026-11-24 10:59'), calendar)).toBe(false);
    expect(isOverdue(talk, at('2026-11-24 11:00'), calendar)).toBe(true);
    expect(isOverdue({ ...talk, state: 'cancelled' }, at('2026-11-30 11:00'), calendar)).toBe(false);
  });
});
