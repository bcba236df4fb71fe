import { checkName, matchName, type NameMatch } from '../../bot/reports/name-match';

describe('matching a visitor name with a ban (check)', () => {
  const table: [typed: string, banned: string, expected: NameMatch][] = [
    ['Jan de Vries', 'Jan de Vries', 'match'],
    ['jan de vries', 'Jan de Vries', 'match'],
    ['JAN DE VRIES', 'Jan de Vries', 'match'],
    ['J. de Vries', 'Jan de Vries', 'match'],
    ['J de Vries', 'Jan de Vries', 'match'],
    ['Jan de Vries', 'J. de Vries', 'match'],
    ['Jan Vries', 'Jan de Vries', 'match'],
    ['J.P. van der Berg', 'Jan Pieter van der Berg', 'match'],
    ['Mehmet Ozdemir', 'Mehmet Özdemir', 'match'],
    ['Mehmet Özdemir', 'Mehmet Ozdemir', 'match'],
    ['Rene Lefevre', 'René Lefèvre', 'match'],
    ['Fatma Yilmaz', 'Fatma Yılmaz', 'match'],
    ['Karel Klaassen', 'Karel Klaassen', 'match'],
    ['Piet de Vries', 'Jan de Vries', 'no-match'],
    ['P. de Vries', 'Jan de Vries', 'no-match'],
    ['Jan de Vos', 'Jan de Vries', 'no-match'],
    ['Jan Jansen', 'Jan de Vries', 'no-match'],
    // Initials "s" and "t" are initials, not the particles 's and 't (issue 17).
    ['S. Bakker', 'Sanne Bakker', 'match'],
    ['S Bakker', 'Sanne Bakker', 'match'],
    ['s. bakker', 'S. Bakker', 'match'],
    ['T. de Vries', 'Thomas de Vries', 'match'],
    ['T. de Vries', 'Jan de Vries', 'no-match'],
    ['S. Bakker', 'Pieter Bakker', 'no-match'],
    ['T.S. Eliot', 'Thomas Stearns Eliot', 'match'],
    ['J. van Dam', 'Jan van Dam', 'match'],
    // The real particles 's and 't still drop out.
    ["Jan van 't Hek", 'Jan van Hek', 'match'],
    ['J. van t Hek', "Jan van 't Hek", 'match'],
    ["Kees 't Hart", 'K. Hart', 'match'],
    ['Kees ’t Hart', 'Kees Hart', 'match'],
    // Surname first, as in a file.
    ['de Vries, Jan', 'Jan de Vries', 'match'],
    ['Vries, J. de', 'Jan de Vries', 'match'],
    ['Jan de Vries', 'de Vries, Jan', 'match'],
    ['de Vries, Piet', 'Jan de Vries', 'no-match'],
    ['de Vries', 'Jan de Vries', 'need-given-name'],
    ['Vries', 'Jan de Vries', 'need-given-name'],
    ['', 'Jan de Vries', 'need-given-name'],
  ];

  test.each(table)('"%s" against "%s": %s', (typed, banned, expected) => {
    expect(matchName(typed, banned)).toBe(expected);
  });

  const bans = [
    { name: 'Jan de Vries', until: '2027-03-01' },
    { name: 'Joost de Vries', until: '2027-05-01' },
    { name: 'Karel Klaassen', until: '2027-11-23' },
  ];

  test('a full name finds only that person', () => {
    expect(checkName('jan de vries', bans)).toEqual({ kind: 'matches', found: [bans[0]] });
  });

  test('an initial finds everyone it fits, and nobody else', () => {
    expect(checkName('J. de Vries', bans)).toEqual({ kind: 'matches', found: [bans[0], bans[1]] });
  });

  test('a surname alone lists nobody', () => {
    expect(checkName('de Vries', bans)).toEqual({ kind: 'need-given-name' });
  });

  test('an initial s or t finds the ban (it is not a particle)', () => {
    const withInitials = [{ name: 'Sanne Bakker' }, { name: 'Thomas de Vries' }];
    expect(checkName('S. Bakker', withInitials)).toEqual({ kind: 'matches', found: [withInitials[0]] });
    expect(checkName('T. de Vries', withInitials)).toEqual({ kind: 'matches', found: [withInitials[1]] });
  });

  test('no ban for this name', () => {
    expect(checkName('Pieter Bakker', bans)).toEqual({ kind: 'none' });
  });
});
