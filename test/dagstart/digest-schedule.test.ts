import { digestDueOn, digestJob, nextDigestDate } from '../../bot/dagstart/digest-schedule';
import { createWorkingCalendar, standardWorkingCalendar } from '../../bot/shared/working-days';

const at = (local: string) => new Date(`${local}+01:00`);

describe('when the next dagstart digest is due (working days at DAGSTART_DIGEST_TIME)', () => {
  it.each([
    ['Tuesday before 08:30: today', '2026-11-24T08:29:59', '08:30', '2026-11-24'],
    ['Tuesday at 08:30 itself: tomorrow (today is running)', '2026-11-24T08:30:00', '08:30', '2026-11-25'],
    ['Friday afternoon: Monday', '2026-11-27T14:00:00', '08:30', '2026-11-30'],
    ['Saturday: Monday', '2026-11-28T07:00:00', '08:30', '2026-11-30'],
    ['Christmas Eve after the digest: the Monday after Christmas', '2026-12-24T09:00:00', '08:30', '2026-12-28'],
    ['New Year: Friday 1 January is a holiday', '2026-12-31T12:00:00', '08:30', '2027-01-04'],
    ["the day before King's Day 2027", '2027-04-26T10:00:00', '08:30', '2027-04-28'],
    ['another time of day', '2026-11-24T08:45:00', '09:00', '2026-11-24'],
  ])('%s', (_label, local, time, expected) => {
    expect(nextDigestDate(at(local), time, standardWorkingCalendar)).toBe(expected);
  });

  it.each([
    ['Bevrijdingsdag (5 May) and Ascension Day 2027: Friday', '2027-05-04T09:00:00', 'standard', '2027-05-07'],
    ['Bevrijdingsdag 2026 (a Tuesday): Wednesday', '2026-05-04T09:00:00', 'standard', '2026-05-06'],
    [
      'a closing date (2026-12-24) of the municipality: after Christmas',
      '2026-12-23T09:00:00',
      'municipal',
      '2026-12-28',
    ],
    ['a yearly closing day (12-31): the first working day of 2028', '2027-12-30T09:00:00', 'municipal', '2028-01-03'],
    ['without those closing days: 24 December itself', '2026-12-23T09:00:00', 'standard', '2026-12-24'],
  ])('%s', (_label, local, calendar, expected) => {
    const calendars = {
      standard: standardWorkingCalendar,
      municipal: createWorkingCalendar(['2026-12-24', '12-31']),
    };
    expect(nextDigestDate(at(local), '08:30', calendars[calendar as keyof typeof calendars])).toBe(expected);
  });

  it('is due at the local time, also across the change to summer time', () => {
    expect(digestDueOn('2026-11-24', '08:30').toISOString()).toBe('2026-11-24T07:30:00.000Z');
    expect(digestDueOn('2027-03-29', '08:30').toISOString()).toBe('2027-03-29T06:30:00.000Z');
  });

  it('has one job id per day and time, so planning it twice is harmless and a new time is a new job', () => {
    expect(digestJob('2026-11-24', '08:30')).toMatchObject({
      id: 'dagstart-digest-2026-11-24-0830',
      kind: 'dagstart-digest',
    });
    expect(digestJob('2026-11-24', '08:30').id).toBe(digestJob('2026-11-24', '08:30').id);
    expect(digestJob('2026-11-24', '09:15')).toMatchObject({
      id: 'dagstart-digest-2026-11-24-0915',
      dueAt: new Date('2026-11-24T08:15:00.000Z'),
    });
  });
});
