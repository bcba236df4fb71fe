import { DateTime } from 'luxon';
import { dayAndTime, localDate, localParts, timeOfDay, zone } from '../../bot/shared/time-format';
import { standardWorkingCalendar } from '../../bot/shared/working-days';

describe('local times as users read them (Europe/Amsterdam)', () => {
  it.each([
    // winter time (UTC+1)
    ['2026-11-24T13:03:27.000Z', 'di 24 nov 14:03', '14:03:27', '2026-11-24'],
    // summer time (UTC+2)
    ['2026-07-01T06:30:00.000Z', 'wo 1 jul 08:30', '08:30:00', '2026-07-01'],
    // late evening UTC is already the next local day
    ['2026-03-02T23:30:05.000Z', 'di 3 mrt 00:30', '00:30:05', '2026-03-03'],
    // the night the clocks go forward: 01:59:59 then 03:00:00
    ['2026-03-29T00:59:59.000Z', 'zo 29 mrt 01:59', '01:59:59', '2026-03-29'],
    ['2026-03-29T01:00:00.000Z', 'zo 29 mrt 03:00', '03:00:00', '2026-03-29'],
    // the night the clocks go back: 02:30 happens twice
    ['2026-10-25T00:30:00.000Z', 'zo 25 okt 02:30', '02:30:00', '2026-10-25'],
    ['2026-10-25T01:30:00.000Z', 'zo 25 okt 02:30', '02:30:00', '2026-10-25'],
    ['2026-05-16T10:00:00.000Z', 'za 16 mei 12:00', '12:00:00', '2026-05-16'],
  ])('%s reads as "%s"', (iso, day, time, date) => {
    expect(dayAndTime(iso)).toBe(day);
    expect(timeOfDay(iso)).toBe(time);
    expect(localDate(new Date(iso))).toBe(date);
  });

  it('agrees with luxon on every field, across years and both clock changes', () => {
    const differences: string[] = [];
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 47 * 60_000 + 11_000) {
      const at = new Date(t);
      const parts = localParts(at);
      const expected = DateTime.fromJSDate(at, { zone });
      const same =
        parts.year === expected.year &&
        parts.month === expected.month &&
        parts.day === expected.day &&
        parts.hour === expected.hour &&
        parts.minute === expected.minute &&
        parts.second === expected.second &&
        parts.weekday === expected.weekday &&
        dayAndTime(at.toISOString()) === expected.setLocale('nl').toFormat('ccc d LLL HH:mm');
      if (!same) differences.push(at.toISOString());
    }
    expect(differences).toEqual([]);
  });

  it.each([
    ['2026-11-24T12:00:00Z', true], // a Tuesday
    ['2026-11-28T12:00:00Z', false], // a Saturday
    ['2026-04-27T10:00:00Z', false], // King's Day
    ['2026-12-25T23:30:00Z', false], // 00:30 on Boxing Day, local
    ['2026-12-27T23:30:00Z', true], // 00:30 on Monday 28 December, local
  ])('%s is a working day: %s', (iso, working) => {
    expect(standardWorkingCalendar.isWorkingDay(new Date(iso))).toBe(working);
  });
});
