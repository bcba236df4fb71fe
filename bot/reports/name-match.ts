/**
 * Does a visitor's name, typed by reception, match the name on a ban? Pure and forgiving in the ways
 * names are written at a desk: case, accents ("Ozdemir" for "Özdemir"), initials ("J. de Vries" for
 * "Jan de Vries"), surname first ("de Vries, Jan") and Dutch particles ("de", "van der") that are
 * sometimes left out. It never widens the other way: a surname alone is not enough, so reception
 * cannot list everyone called "de Vries".
 *
 * The particles 's and 't ('s-Gravenhage, van 't Hek) are only particles when written with their
 * apostrophe or right after another particle ("van t Hek"): a bare letter is an initial, so
 * "S. Bakker" and "T. de Vries" always work.
 */

const particles = new Set([
  'de',
  'den',
  'der',
  'van',
  'von',
  'het',
  'te',
  'ter',
  'ten',
  'la',
  'le',
  'du',
  'da',
  'di',
  'in',
  'op',
]);

/** 's and 't: particles when marked as such (see above), never on their own. */
const shortParticles = new Set(['s', 't']);

const special: Record<string, string> = { ı: 'i', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd' };

/** Lower case, accents off, punctuation to spaces. */
export function normaliseName(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ıøæœßłđ]/g, (ch) => special[ch] ?? ch)
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

interface ParsedName {
  given: string[];
  surname: string;
}

/** The words of a name in the order "given names, surname": "de Vries, Jan" becomes "Jan de Vries". */
function inNameOrder(raw: string): string {
  const parts = raw.split(',');
  if (parts.length !== 2) return raw;
  const [surname, given] = parts as [string, string];
  return normaliseName(surname) && normaliseName(given) ? `${given} ${surname}` : raw;
}

export function parseName(raw: string): ParsedName | undefined {
  // 's and 't with their apostrophe are particles: drop them before the apostrophe is lost.
  const unmarked = inNameOrder(raw).replace(/(^|[\s-])['’‘`][st](?=[\s-]|$)/gi, '$1 ');
  const tokens: string[] = [];
  let afterParticle = false;
  for (const token of normaliseName(unmarked).split(' ')) {
    const particle: boolean = particles.has(token) || (shortParticles.has(token) && afterParticle);
    if (token && !particle) tokens.push(token);
    afterParticle = particle;
  }
  const surname = tokens.at(-1);
  if (!surname) return undefined;
  return { given: tokens.slice(0, -1), surname };
}

function compatible(a: string, b: string): boolean {
  return a === b || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));
}

export type NameMatch = 'match' | 'no-match' | 'need-given-name';

/** Compares a typed name with a ban's name: same surname, and the given names or initials agree. */
export function matchName(typed: string, banned: string): NameMatch {
  const query = parseName(typed);
  const name = parseName(banned);
  if (!query || query.given.length === 0) return 'need-given-name';
  if (!name || query.surname !== name.surname) return 'no-match';
  const pairs = Math.min(query.given.length, name.given.length);
  for (let i = 0; i < pairs; i++) {
    if (!compatible(query.given[i] as string, name.given[i] as string)) return 'no-match';
  }
  return 'match';
}

export type CheckResult<T> = { kind: 'need-given-name' } | { kind: 'none' } | { kind: 'matches'; found: T[] };

/** The bans whose name matches what reception typed; nothing about anyone else. */
export function checkName<T extends { name: string }>(typed: string, bans: readonly T[]): CheckResult<T> {
  const query = parseName(typed);
  if (!query || query.given.length === 0) return { kind: 'need-given-name' };
  const found = bans.filter((ban) => matchName(typed, ban.name) === 'match');
  return found.length > 0 ? { kind: 'matches', found } : { kind: 'none' };
}
