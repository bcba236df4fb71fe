import { dutchDate, isDateOnly } from '../../bot/overview/dutch-dates';

describe('dates as the Overzicht tab and the chat show them', () => {
  it.each([
    ['a date without a time stays a date', '2026-12-01', '1 dec 2026'],
    ['no invented midnight for a date in summer time', '2026-07-15', '15 jul 2026'],
    ['the first of January', '2027-01-01', '1 jan 2027'],
    ['a leap day', '2028-02-29', '29 feb 2028'],
    ['a moment in winter: Dutch local time (UTC+1)', '2026-12-01T13:05:00.000Z', '1 dec 2026 14:05'],
    ['a moment in summer: Dutch local time (UTC+2)', '2026-09-10T07:59:00.000Z', '10 sep 2026 09:59'],
    ['a moment just before midnight UTC is the next Dutch day', '2026-11-30T23:30:00.000Z', '1 dec 2026 00:30'],
    ['a moment with an offset', '2026-03-10T08:00:00+01:00', '10 mrt 2026 08:00'],
    ['the months in Dutch: mei', '2026-05-05', '5 mei 2026'],
    ['the months in Dutch: okt', '2026-10-03T10:00:00.000Z', '3 okt 2026 12:00'],
    ['a date that does not exist is shown as it is, not moved', '2026-13-01', '2026-13-01'],
    ['30 February is not 2 March', '2026-02-30', '2026-02-30'],
    ['text that is no date is left alone', 'onbekend', 'onbekend'],
  ])('%s: %s → %s', (_label, value, shown) => {
    expect(dutchDate(value)).toBe(shown);
  });

  it.each([
    ['2026-12-01', true],
    ['2026-12-01T00:00:00.000Z', false],
    ['2026-02-29', false],
    ['1 dec 2026', false],
  ])('%s is a date without a time: %s', (value, expected) => {
    expect(isDateOnly(value)).toBe(expected);
  });
});
