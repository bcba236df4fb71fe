import { searchable, createMemberDirectory } from '../../bot/shared/directory';
import { createWorkingCalendar } from '../../bot/shared/working-days';
import { aggressorKey } from '../../bot/reports/report-model';
import { dayInWords, momentInWords, parseWhen, type WhenOptions } from '../../bot/reports/when-parser';

/** Tuesday 3 March 2026, 14:10 in Amsterdam (CET, +01:00). */
const now = new Date('2026-03-03T13:10:00Z');

describe('reading when it happened (Dutch, Europe/Amsterdam)', () => {
  it.each([
    ['nu', '2026-03-03T13:10:00.000Z'],
    ['zojuist', '2026-03-03T13:10:00.000Z'],
    ['14:05', '2026-03-03T13:05:00.000Z'],
    ['om 9.30', '2026-03-03T08:30:00.000Z'],
    ['9:30', '2026-03-03T08:30:00.000Z'],
    ['14 uur', '2026-03-03T13:00:00.000Z'],
    ['vanochtend 9u15', '2026-03-03T08:15:00.000Z'],
    ['gisteren 16:00', '2026-03-02T15:00:00.000Z'],
    ['gisteren, om 16.00 uur.', '2026-03-02T15:00:00.000Z'],
    ['gisteren 02:30', '2026-03-02T01:30:00.000Z'],
    ['eergisteren 8:00', '2026-03-01T07:00:00.000Z'],
    ['maandag 10:00', '2026-03-02T09:00:00.000Z'],
    ['dinsdag 15:00', '2026-02-24T14:00:00.000Z'],
    ['28-2 10:15', '2026-02-28T09:15:00.000Z'],
    ['28.02 10:15', '2026-02-28T09:15:00.000Z'],
    ['28/02/2026 10:15', '2026-02-28T09:15:00.000Z'],
    ['1 maart 12:00', '2026-03-01T11:00:00.000Z'],
    ['2026-03-01 12:00', '2026-03-01T11:00:00.000Z'],
    ['24-12 10:00', '2025-12-24T09:00:00.000Z'],
    // The part of the day decides the hour: nothing to confirm.
    ['vanmiddag 2 uur', '2026-03-03T13:00:00.000Z'],
    ['vanmorgen om 10 uur', '2026-03-03T09:00:00.000Z'],
    ['gisteravond 9 uur', '2026-03-02T20:00:00.000Z'],
    ["gisteren 's middags om 1", '2026-03-02T12:00:00.000Z'],
    ['gistermiddag kwart over 3', '2026-03-02T14:15:00.000Z'],
    ['maandagochtend 10 uur', '2026-03-02T09:00:00.000Z'],
    ['maandag ochtend half tien', '2026-03-02T08:30:00.000Z'],
    ['vannacht 2 uur', '2026-03-03T01:00:00.000Z'],
    ['vannacht 11 uur', '2026-03-02T22:00:00.000Z'],
    // Last week.
    ['vorige week dinsdag 10:00', '2026-02-24T09:00:00.000Z'],
    ['dinsdag vorige week 10:00', '2026-02-24T09:00:00.000Z'],
    ['vorige week maandag 10:00', '2026-02-23T09:00:00.000Z'],
    ['vorige week dinsdagmiddag 3 uur', '2026-02-24T14:00:00.000Z'],
    ['afgelopen dinsdag 10:00', '2026-02-24T09:00:00.000Z'],
    // Ago: counted back from now.
    ['een uur geleden', '2026-03-03T12:10:00.000Z'],
    ['ongeveer een uur geleden', '2026-03-03T12:10:00.000Z'],
    ['twee uur geleden', '2026-03-03T11:10:00.000Z'],
    ['2 uur geleden', '2026-03-03T11:10:00.000Z'],
    ['anderhalf uur geleden', '2026-03-03T11:40:00.000Z'],
    ['een half uur geleden', '2026-03-03T12:40:00.000Z'],
    ['een kwartier geleden', '2026-03-03T12:55:00.000Z'],
    ['10 minuten geleden', '2026-03-03T13:00:00.000Z'],
  ])('"%s" is %s', (text, iso) => {
    expect(parseWhen(text, now)).toEqual({ ok: true, at: new Date(iso) });
  });

  it.each<[string, string, string | undefined]>([
    // "gisteren rond 2 uur" is 14:00 (working hours), not 02:00 at night; both are offered.
    ['gisteren rond 2 uur', '2026-03-02T13:00:00.000Z', '2026-03-02T01:00:00.000Z'],
    ['gisteren om 2', '2026-03-02T13:00:00.000Z', '2026-03-02T01:00:00.000Z'],
    ['gisteren 2:30', '2026-03-02T13:30:00.000Z', '2026-03-02T01:30:00.000Z'],
    ['gisteren half drie', '2026-03-02T13:30:00.000Z', '2026-03-02T01:30:00.000Z'],
    ['gisteren kwart over drie', '2026-03-02T14:15:00.000Z', '2026-03-02T02:15:00.000Z'],
    ['gisteren kwart voor vier', '2026-03-02T14:45:00.000Z', '2026-03-02T02:45:00.000Z'],
    ['gisteren tien over half twee', '2026-03-02T12:40:00.000Z', '2026-03-02T00:40:00.000Z'],
    ['eergisteren een uur of drie', '2026-03-01T14:00:00.000Z', '2026-03-01T02:00:00.000Z'],
    ['maandag 2 uur', '2026-03-02T13:00:00.000Z', '2026-03-02T01:00:00.000Z'],
    ['12 uur', '2026-03-03T11:00:00.000Z', '2026-03-02T23:00:00.000Z'],
    // Neither reading in working hours: the nearer one (18:00), still to confirm.
    ['gisteren rond 6 uur', '2026-03-02T17:00:00.000Z', '2026-03-02T05:00:00.000Z'],
    // 23:00 has not come yet today: 11:00, to confirm, without another choice.
    ['11 uur', '2026-03-03T10:00:00.000Z', undefined],
    // 14:30 today is ahead: the night reading is the only possible one, and it is asked.
    ['half drie', '2026-03-03T01:30:00.000Z', undefined],
  ])('"%s" is read as %s, to confirm (other: %s)', (text, iso, other) => {
    const expected = { ok: true, at: new Date(iso), confirm: true, ...(other ? { other: new Date(other) } : {}) };
    expect(parseWhen(text, now)).toEqual(expected);
  });

  it.each<[string, string, string | undefined]>([
    // Rows of equal length: jest would take a missing last value for its `done` callback.
    ['gisteren', '2026-03-02', undefined],
    ['vandaag', '2026-03-03', undefined],
    ['vanmorgen', '2026-03-03', 'ochtend'],
    ['vanochtend', '2026-03-03', 'ochtend'],
    ['vanmiddag', '2026-03-03', 'middag'],
    ['maandagochtend', '2026-03-02', 'ochtend'],
    ['gisteravond', '2026-03-02', 'avond'],
    ['vorige week dinsdag', '2026-02-24', undefined],
    ['1 maart', '2026-03-01', undefined],
  ])('"%s" names a day without a time: %s, no time made up', (text, day, part) => {
    expect(parseWhen(text, now)).toEqual({ ok: false, problem: 'no-time', day, ...(part ? { part } : {}) });
  });

  it.each([
    ['14:30', 'future'],
    ['5-3 10:00', 'future'],
    ['morgen', 'future'],
    ['morgen 10:00', 'future'],
    ['vanavond', 'future'],
    ['vanavond 8 uur', 'future'],
    ['3-3-2025 10:00', 'too-old'],
    ['25:00', 'unknown'],
    ['31-2 10:00', 'unknown'],
    ['ergens vorige week', 'unknown'],
    ['de vorige keer', 'unknown'],
    ['', 'unknown'],
  ])('"%s" is refused: %s', (text, problem) => {
    expect(parseWhen(text, now)).toEqual({ ok: false, problem });
  });

  it.each<[string, WhenOptions, { at: string; confirm?: true }]>([
    ['14:30', { day: { date: '2026-03-02' } }, { at: '2026-03-02T13:30:00.000Z' }],
    ['2 uur', { day: { date: '2026-03-02', part: 'middag' } }, { at: '2026-03-02T13:00:00.000Z' }],
    ['gisteren 16:00', { day: { date: '2026-02-20' } }, { at: '2026-03-02T15:00:00.000Z' }],
    // WORKING_HOURS decide the reading: 07:00 for an office from 08:00, 19:00 for a shift from 12:00 to 20:00.
    ['gisteren 7 uur', {}, { at: '2026-03-02T06:00:00.000Z', confirm: true }],
    ['gisteren 7 uur', { hours: { start: '12:00', end: '20:00' } }, { at: '2026-03-02T18:00:00.000Z', confirm: true }],
  ])('"%s" with %j', (text, options, expected) => {
    const result = parseWhen(text, now, options);
    expect(result.ok && { at: result.at.toISOString(), ...(result.confirm ? { confirm: true } : {}) }).toEqual(
      expected,
    );
  });

  it.each<[string, string, string, string, string | undefined]>([
    // The day after the change to summer time: 15:00 CEST is 13:00 UTC, 03:00 CEST is 01:00 UTC.
    [
      'the day after spring forward',
      '2026-03-30T07:00:00Z',
      'gisteren rond 3 uur',
      '2026-03-29T13:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
    ],
    [
      'the day after spring forward, a clock time',
      '2026-03-30T07:00:00Z',
      'gisteren 10:00',
      '2026-03-29T08:00:00.000Z',
      undefined,
    ],
    // An hour ago, half an hour after the clock jumped from 02:00 to 03:00: one real hour, 01:30 CET.
    ['just after spring forward', '2026-03-29T01:30:00Z', 'een uur geleden', '2026-03-29T00:30:00.000Z', undefined],
    // The day after the change to winter time: 14:00 CET is 13:00 UTC.
    [
      'the day after fall back',
      '2026-10-26T08:00:00Z',
      'gisteren rond 2 uur',
      '2026-10-25T13:00:00.000Z',
      '2026-10-25T00:00:00.000Z',
    ],
  ])('across a change of the clock (%s): "%s"', (_label, nowIso, text, iso, other) => {
    const result = parseWhen(text, new Date(nowIso));
    expect(result).toEqual(
      other ? { ok: true, at: new Date(iso), confirm: true, other: new Date(other) } : { ok: true, at: new Date(iso) },
    );
  });

  it('says a moment as people do', () => {
    expect(momentInWords(new Date('2026-03-02T13:00:00Z'), now)).toBe('gisteren 14:00');
    expect(momentInWords(new Date('2026-03-03T08:05:00Z'), now)).toBe('vandaag 09:05');
    expect(momentInWords(new Date('2026-02-24T09:00:00Z'), now)).toBe('dinsdag 24 februari 10:00');
    expect(dayInWords('2026-03-01', now)).toBe('eergisteren');
    expect(dayInWords('2025-12-24', now)).toBe('woensdag 24 december 2025');
  });
});

describe('draft reminders use the one calendar (NL, Europe/Amsterdam)', () => {
  const calendar = createWorkingCalendar();
  it('skips weekends, public holidays and 5 May, keeps the time within office hours', () => {
    expect(calendar.isWorkingDay(new Date('2026-04-27T10:00:00Z'))).toBe(false); // Koningsdag
    expect(calendar.isWorkingDay(new Date('2026-04-25T10:00:00Z'))).toBe(false); // Saturday
    expect(calendar.isWorkingDay(new Date('2026-04-28T10:00:00Z'))).toBe(true);
    expect(calendar.oneWorkingDayAfter(new Date('2026-03-03T13:10:00Z'))).toEqual(new Date('2026-03-04T13:10:00Z'));
    expect(calendar.oneWorkingDayAfter(new Date('2026-04-24T13:00:00Z'))).toEqual(new Date('2026-04-28T13:00:00Z'));
    // 22:00 on a Friday: Monday 09:00.
    expect(calendar.oneWorkingDayAfter(new Date('2026-03-06T21:00:00Z'))).toEqual(new Date('2026-03-09T08:00:00Z'));
    // Christmas Eve: after Christmas and Boxing Day, Monday 28 December.
    expect(calendar.oneWorkingDayAfter(new Date('2026-12-24T10:00:00Z'))).toEqual(new Date('2026-12-28T10:00:00Z'));
    // Monday 4 May 2026: not Tuesday 5 May (Bevrijdingsdag), but Wednesday.
    expect(calendar.oneWorkingDayAfter(new Date('2026-05-04T10:00:00Z'))).toEqual(new Date('2026-05-06T10:00:00Z'));
  });
});

describe('the local directory and the aggressor key', () => {
  const directory = createMemberDirectory(async () => [
    { id: 'user-id-2', aadObjectId: 'aad-2', name: 'Lotte Jansen' },
    { id: 'user-id-4', aadObjectId: 'aad-4', name: 'Fatima Yılmaz' },
    { id: 'user-id-5', aadObjectId: 'aad-5', name: 'Jeroen de Boer' },
  ]);

  it('finds people by the start of their names, accents and case aside', async () => {
    expect((await directory.findPeople('lot jan')).map((person) => person.name)).toEqual(['Lotte Jansen']);
    expect((await directory.findPeople('YILMAZ')).map((person) => person.name)).toEqual(['Fatima Yılmaz']);
    expect(await directory.findPeople('otte')).toEqual([]);
    expect(await directory.findPeople('  ')).toEqual([]);
    expect((await directory.findById('aad-5'))?.id).toBe('user-id-5');
    expect(searchable('Élise  de-Wit!')).toBe('elise de wit');
  });

  it('recognises an aggressor again by client number, else by name', () => {
    expect(aggressorKey({ kind: 'known', identification: 'Jan Klaassen, klantnummer 123456' })).toBe('nr:123456');
    expect(aggressorKey({ kind: 'known', identification: '123.456' })).toBe('nr:123456');
    expect(aggressorKey({ kind: 'known', identification: 'J. Klaassén' })).toBe('naam:j klaassen');
    expect(aggressorKey({ kind: 'unknown' })).toBeUndefined();
  });
});
