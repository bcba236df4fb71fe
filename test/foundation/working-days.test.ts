import { loadConfig } from '../../bot/config/load-config';
import { HalteamError } from '../../bot/shared/errors';
import {
  closingDayProblem,
  createWorkingCalendar,
  standardWorkingCalendar,
  type WorkingCalendar,
} from '../../bot/shared/working-days';

/** Noon, Amsterdam time, on a local date. */
const noon = (date: string) => new Date(`${date}T12:00:00+01:00`);

/** EXTRA_CLOSING_DAYS=2026-12-24,12-31: one closing date, and a closing day every year. */
const municipal = createWorkingCalendar(['2026-12-24', '12-31']);

describe('the one calendar of working days', () => {
  it.each<[string, string, WorkingCalendar, boolean]>([
    [
      'Bevrijdingsdag 2027 (Wednesday 5 May): a day off in the Cao Gemeenten',
      '2027-05-05',
      standardWorkingCalendar,
      false,
    ],
    ['Bevrijdingsdag 2026 (Tuesday)', '2026-05-05', standardWorkingCalendar, false],
    ['Bevrijdingsdag 2025 (Monday), a lustrum year', '2025-05-05', standardWorkingCalendar, false],
    ['the day before Bevrijdingsdag 2027', '2027-05-04', standardWorkingCalendar, true],
    ["King's Day 2027", '2027-04-27', standardWorkingCalendar, false],
    ['Ascension Day 2027', '2027-05-06', standardWorkingCalendar, false],
    ['a Saturday', '2026-11-28', standardWorkingCalendar, false],
    ['an ordinary Tuesday', '2026-11-24', standardWorkingCalendar, true],
    ['24 December 2026 without closing days of its own', '2026-12-24', standardWorkingCalendar, true],
    ['24 December 2026 as a closing date (YYYY-MM-DD)', '2026-12-24', municipal, false],
    ['24 December 2027: that date was for 2026 only', '2027-12-24', municipal, true],
    ['31 December 2026, closed every year (MM-DD)', '2026-12-31', municipal, false],
    ['31 December 2027, closed every year (MM-DD)', '2027-12-31', municipal, false],
    ['30 December 2026 stays a working day', '2026-12-30', municipal, true],
    ['5 May 2027 with closing days of its own too', '2027-05-05', municipal, false],
  ])('%s: working day %s', (_label, date, calendar, working) => {
    expect(calendar.isWorkingDay(noon(date))).toBe(working);
  });

  it('decides by the local date: 00:30 on 5 May is 22:30 UTC on 4 May', () => {
    expect(standardWorkingCalendar.isWorkingDay(new Date('2027-05-04T22:30:00Z'))).toBe(false);
    expect(standardWorkingCalendar.isWorkingDay(new Date('2027-05-04T21:30:00Z'))).toBe(true);
  });

  it.each<[string, string, WorkingCalendar, string]>([
    ['over 5 May and Ascension Day', '2027-05-04T15:00:00+02:00', standardWorkingCalendar, '2027-05-07T15:00:00+02:00'],
    ['over a closing date and Christmas', '2026-12-23T10:00:00+01:00', municipal, '2026-12-28T10:00:00+01:00'],
    [
      'to 09:00 when the time is outside office hours',
      '2027-05-04T20:00:00+02:00',
      standardWorkingCalendar,
      '2027-05-07T09:00:00+02:00',
    ],
  ])('one working day after, %s', (_label, from, calendar, expected) => {
    expect(calendar.oneWorkingDayAfter(new Date(from))).toEqual(new Date(expected));
  });

  it.each<[string, string, WorkingCalendar, string]>([
    ['over Ascension Day and 5 May', '2027-05-07T10:00:00+02:00', standardWorkingCalendar, '2027-05-04T10:00:00+02:00'],
    ['over New Year and a yearly closing day', '2027-01-04T10:00:00+01:00', municipal, '2026-12-30T10:00:00+01:00'],
  ])('one working day before, %s', (_label, at, calendar, expected) => {
    expect(calendar.oneWorkingDayBefore(new Date(at))).toEqual(new Date(expected));
  });
});

describe('EXTRA_CLOSING_DAYS', () => {
  const storage =
    'DefaultEndpointsProtocol=http;AccountName=dev;AccountKey=c2VjcmV0;TableEndpoint=http://127.0.0.1:10002/dev;';

  it.each([
    ['2026-12-24', undefined],
    ['12-31', undefined],
    ['02-29', undefined],
    ['2026-02-29', '"2026-02-29" is not a date'],
    ['13-01', '"13-01" is not a day of the year'],
    ['2026-13-01', '"2026-13-01" is not a date'],
    ['24-12', '"24-12" is not a day of the year'],
    ['24 december', '"24 december" is neither a date YYYY-MM-DD nor a yearly day MM-DD'],
    ['2026-12-4', '"2026-12-4" is neither a date YYYY-MM-DD nor a yearly day MM-DD'],
  ])('%s: %s', (value, problem) => {
    expect(closingDayProblem(value)).toBe(problem);
  });

  it('is read as a comma-separated list, empty by default', () => {
    expect(loadConfig({ STORAGE_CONNECTION_STRING: storage }).EXTRA_CLOSING_DAYS).toEqual([]);
    expect(
      loadConfig({ STORAGE_CONNECTION_STRING: storage, EXTRA_CLOSING_DAYS: ' 2026-12-24, 12-31 ,' }).EXTRA_CLOSING_DAYS,
    ).toEqual(['2026-12-24', '12-31']);
  });

  it('stops the start with a message that names the setting and every bad entry', () => {
    let error: unknown;
    try {
      loadConfig({ STORAGE_CONNECTION_STRING: storage, EXTRA_CLOSING_DAYS: '2026-12-24,24-12,kerst' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HalteamError);
    const halteamError = error as HalteamError;
    expect(halteamError.details.settings).toEqual(['EXTRA_CLOSING_DAYS']);
    expect(halteamError.message).toContain(
      'EXTRA_CLOSING_DAYS: expected dates YYYY-MM-DD or yearly days MM-DD, separated by commas (e.g. 2026-12-24,12-31): ' +
        '"24-12" is not a day of the year; "kerst" is neither a date YYYY-MM-DD nor a yearly day MM-DD',
    );
  });

  it('is refused by the calendar itself too, so a bad entry is never ignored', () => {
    expect(() => createWorkingCalendar(['31-12'])).toThrow('EXTRA_CLOSING_DAYS: "31-12" is not a day of the year');
  });
});
