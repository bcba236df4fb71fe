import { DateTime } from 'luxon';
import { matchName, parseName } from './name-match';

/**
 * Who the aggressor is, read from the free text of the report ("Jan de Vries (geb. 01-02-1980)",
 * "Karel Klaassen, klantnummer 778899", "de Vries, Jan"), and whether two reports name the same
 * person. Pure. Used for "bij herhaling" (Bijlage 9): a client number or a name with the same date of
 * birth is the same person; a name alone is at most a candidate the manager confirms, because
 * namesakes exist and names are written in many ways.
 */
export interface AggressorIdentity {
  /** The name in "given names, surname" order, without numbers, dates or remarks; empty when none. */
  name: string;
  /** A client number: five or more digits that are not a date. */
  clientNumber?: string;
  /** yyyy-MM-dd */
  birthDate?: string;
}

const months: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  maart: 3,
  mrt: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augustus: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

const datePatterns: { pattern: RegExp; parts: (match: RegExpExecArray) => [number, number, number] }[] = [
  // 1980-02-01
  { pattern: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/, parts: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  // 01-02-1980, 1/2/1980, 01.02.1980
  { pattern: /\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/, parts: (m) => [Number(m[3]), Number(m[2]), Number(m[1])] },
  // 1 februari 1980, 1 feb. 1980
  {
    pattern: new RegExp(`\\b(\\d{1,2})\\s+(${Object.keys(months).join('|')})\\.?\\s+(\\d{4})\\b`, 'i'),
    parts: (m) => [Number(m[3]), months[(m[2] as string).toLowerCase()] as number, Number(m[1])],
  },
];

/** Words that mark a part of the text as something other than the name. */
const notName =
  /\b(klant|klantnummer|klantnr|nummer|nr|relatienummer|bsn|geb|geboren|geboortedatum|adres|woont|tel|telefoon|mail|e-mail|email)\b/i;

function birthDateIn(text: string): { date?: string; rest: string } {
  for (const { pattern, parts } of datePatterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const [year, month, day] = parts(match);
    const date = DateTime.fromObject({ year, month, day });
    if (!date.isValid) continue;
    return { date: date.toISODate() as string, rest: text.replace(match[0], ' ') };
  }
  return { rest: text };
}

function nameIn(text: string): string {
  const segments = text
    .replace(/\([^)]*\)?/g, ' ')
    .split(/[,;]/)
    .map((segment) => {
      // "Jan de Vries geb. …", "Jan de Vries 123456": the name is what comes before the remark or number.
      const remark = segment.search(notName);
      return (remark >= 0 ? segment.slice(0, remark) : segment)
        .replace(/\d[\d\s./-]*/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    })
    .filter((segment) => /\p{L}/u.test(segment));
  const [first, second] = segments;
  if (!first) return '';
  // "de Vries, Jan": a surname alone, then the given name(s).
  const firstParsed = parseName(first);
  if (second && firstParsed && firstParsed.given.length === 0 && second.split(' ').length <= 3) {
    return `${second} ${first}`;
  }
  return first;
}

export function identityOf(identification: string): AggressorIdentity {
  const { date, rest } = birthDateIn(identification);
  const number = /\d{5,}/.exec(rest.replace(/(?<=\d)[\s.-](?=\d)/g, ''));
  return {
    name: nameIn(rest),
    ...(number ? { clientNumber: number[0] } : {}),
    ...(date ? { birthDate: date } : {}),
  };
}

/** `same`: certainly the same person; `maybe`: the names fit, the manager decides; `different`: not. */
export type Sameness = 'same' | 'maybe' | 'different';

export function samePerson(a: AggressorIdentity, b: AggressorIdentity): Sameness {
  if (a.clientNumber && b.clientNumber) return a.clientNumber === b.clientNumber ? 'same' : 'different';
  if (a.birthDate && b.birthDate && a.birthDate !== b.birthDate) return 'different';
  if (!a.name || !b.name) return 'different';
  const match = matchName(a.name, b.name);
  if (match === 'match') {
    const bothGiven = (parseName(a.name)?.given.length ?? 0) > 0 && (parseName(b.name)?.given.length ?? 0) > 0;
    return bothGiven && a.birthDate && a.birthDate === b.birthDate ? 'same' : 'maybe';
  }
  if (match === 'need-given-name') {
    // A surname alone ("Klaassen") fits everyone with that surname: only a candidate.
    return parseName(a.name)?.surname === parseName(b.name)?.surname ? 'maybe' : 'different';
  }
  return 'different';
}
