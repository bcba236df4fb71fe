import { searchable, createMemberDirectory } from '../../bot/shared/directory';
import { isWorkingDay, oneWorkingDayAfter } from '../../bot/shared/working-days';
import { aggressorKey } from '../../bot/reports/report-model';
import { parseWhen } from '../../bot/reports/when-parser';

/** Tuesday 3 March 2026, 14:10 in Amsterdam. */
const now = new Date('2026-03-03T13:10:00Z');

describe('reading when it happened (Dutch, Europe/Amsterdam)', () => {
  it.each([
    ['nu', '2026-03-03T13:10:00.000Z'],
    ['zojuist', '2026-03-03T13:10:00.000Z'],
    ['14:05', '2026-03-03T13:05:00.000Z'],
    ['om 9.30', '2026-03-03T08:30:00.000Z'],
    ['11 uur', '2026-03-03T10:00:00.000Z'],
    ['vanochtend 9u15', '2026-03-03T08:15:00.000Z'],
    ['gisteren 16:00', '2026-03-02T15:00:00.000Z'],
    ['eergisteren 8:00', '2026-03-01T07:00:00.000Z'],
    ['maandag 10:00', '2026-03-02T09:00:00.000Z'],
    ['dinsdag 15:00', '2026-02-24T14:00:00.000Z'],
    ['28-2 10:15', '2026-02-28T09:15:00.000Z'],
    ['28/02/2026 10:15', '2026-02-28T09:15:00.000Z'],
    ['1 maart 12:00', '2026-03-01T11:00:00.000Z'],
    ['2026-03-01 12:00', '2026-03-01T11:00:00.000Z'],
    ['24-12 10:00', '2025-12-24T09:00:00.000Z'],
  ])('"%s" is %s', (text, iso) => {
    const result = parseWhen(text, now);
    expect(result).toEqual({ ok: true, at: new Date(iso) });
  });

  it.each([
    ['14:30', 'future'],
    ['5-3 10:00', 'future'],
    ['3-3-2025 10:00', 'too-old'],
    ['gisteren', 'no-time'],
    ['25:00', 'unknown'],
    ['31-2 10:00', 'unknown'],
    ['ergens vorige week', 'unknown'],
  ])('"%s" is refused: %s', (text, problem) => {
    expect(parseWhen(text, now)).toEqual({ ok: false, problem });
  });
});

describe('working days (NL, Europe/Amsterdam)', () => {
  it('skips weekends and public holidays, keeps the time within office hours', () => {
    expect(isWorkingDay(new Date('2026-04-27T10:00:00Z'))).toBe(false); // Koningsdag
    expect(isWorkingDay(new Date('2026-04-25T10:00:00Z'))).toBe(false); // Saturday
    expect(isWorkingDay(new Date('2026-04-28T10:00:00Z'))).toBe(true);
    expect(oneWorkingDayAfter(new Date('2026-03-03T13:10:00Z'))).toEqual(new Date('2026-03-04T13:10:00Z'));
    expect(oneWorkingDayAfter(new Date('2026-04-24T13:00:00Z'))).toEqual(new Date('2026-04-28T13:00:00Z'));
    // 22:00 on a Friday: Monday 09:00.
    expect(oneWorkingDayAfter(new Date('2026-03-06T21:00:00Z'))).toEqual(new Date('2026-03-09T08:00:00Z'));
    // Christmas Eve: after Christmas and Boxing Day, Monday 28 December.
    expect(oneWorkingDayAfter(new Date('2026-12-24T10:00:00Z'))).toEqual(new Date('2026-12-28T10:00:00Z'));
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
