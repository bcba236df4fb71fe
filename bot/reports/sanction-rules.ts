import { DateTime } from 'luxon';
import { zone } from '../shared/time-format';
import type { AggressionForm, EarlierIncident, Place } from './report-model';

/**
 * The sanction advice for the manager, from the table in Bijlage 9 ("Sancties"), which Hoofdstuk 5
 * ("In onderstaande tabel staan de sancties") and Bijlage 3 explain. Pure: facts in, advice out.
 *
 * | gedraging        | eerste keer                                                     | bij herhaling binnen een jaar |
 * | Verbaal geweld   | Mondelinge waarschuwing; schriftelijke waarschuwing wordt nagezonden | Geen contact met gemeente voor 3 maanden |
 * | Discriminatie    | Geen contact met de gemeente voor 3 maanden                     | ... voor 6 maanden |
 * | Fysiek geweld    | ... 6 maanden, als het een zaak betreft; 12 maanden, wanneer het een medewerker betreft | 12 / 24 maanden |
 * | Psychisch geweld | Geen contact met de gemeente voor 6 maanden                     | ... voor 12 maanden |
 * | Combinatie       | Toepassing van de sanctie op de gedraging met de hoogste impact en hoogste sanctie | Verhoging van de sanctie met de hoogste impact en de hoogste sanctie |
 *
 * How the eight forms of Hoofdstuk 2 map on the table's rows: fysiek geweld is physical violence
 * against a person (a staff member); vernielingen is physical violence against a thing ("als het een zaak
 * betreft"); intimidatie, stalken, seksuele intimidatie and wapens are psychisch geweld.
 *
 * "Bij herhaling": any earlier report about the same aggressor whose incident was at most one year
 * before this one.
 *
 * Bijlage 8A/8B (telefoon, schriftelijk, online): "na de 1e keer de agressor een schriftelijke
 * waarschuwing sturen van het college"; "na de 2e keer een schriftelijk toegangsverbod voor bepaalde
 * tijd". So verbal aggression that did not happen face to face gets a written warning, not an oral one.
 * Bijlage 3: "Bij fysiek geweld leggen we meteen een gebouwverbod op"; "Een contactverbod leggen we op
 * wanneer een klant herhaaldelijk agressief of buitensporig gedrag vertoont via telefoon of social media."
 */
export const sanctionRows = [
  'verbaal-geweld',
  'discriminatie',
  'fysiek-geweld-zaak',
  'fysiek-geweld-medewerker',
  'psychisch-geweld',
] as const;
export type SanctionRow = (typeof sanctionRows)[number];

export const sanctionRowLabels: Record<SanctionRow, string> = {
  'verbaal-geweld': 'verbaal geweld',
  discriminatie: 'discriminatie',
  'fysiek-geweld-zaak': 'fysiek geweld tegen een zaak',
  'fysiek-geweld-medewerker': 'fysiek geweld tegen een medewerker',
  'psychisch-geweld': 'psychisch geweld',
};

export type Measure = { kind: 'waarschuwing'; oral: boolean; written: true } | { kind: 'geen-contact'; months: number };

/** The table of Bijlage 9, row by row: first time, and repeat within a year. */
export const sanctionTable: Record<SanctionRow, { first: Measure; repeat: Measure }> = {
  'verbaal-geweld': {
    first: { kind: 'waarschuwing', oral: true, written: true },
    repeat: { kind: 'geen-contact', months: 3 },
  },
  discriminatie: { first: { kind: 'geen-contact', months: 3 }, repeat: { kind: 'geen-contact', months: 6 } },
  'fysiek-geweld-zaak': { first: { kind: 'geen-contact', months: 6 }, repeat: { kind: 'geen-contact', months: 12 } },
  'fysiek-geweld-medewerker': {
    first: { kind: 'geen-contact', months: 12 },
    repeat: { kind: 'geen-contact', months: 24 },
  },
  'psychisch-geweld': { first: { kind: 'geen-contact', months: 6 }, repeat: { kind: 'geen-contact', months: 12 } },
};

const rowOfForm: Record<AggressionForm, SanctionRow> = {
  'fysiek-geweld': 'fysiek-geweld-medewerker',
  'verbaal-geweld': 'verbaal-geweld',
  intimidatie: 'psychisch-geweld',
  stalken: 'psychisch-geweld',
  discriminatie: 'discriminatie',
  'seksuele-intimidatie': 'psychisch-geweld',
  vernielingen: 'fysiek-geweld-zaak',
  wapens: 'psychisch-geweld',
};

/** Impact order for the "combinatie" row: the heavier sanction wins, physical over psychological at a tie. */
const impact: SanctionRow[] = [
  'verbaal-geweld',
  'discriminatie',
  'psychisch-geweld',
  'fysiek-geweld-zaak',
  'fysiek-geweld-medewerker',
];

export type SanctionNote = 'gebouwverbod-direct' | 'contactverbod' | 'receptie-informeren' | 'schade-verhalen';

export const sanctionNoteTexts: Record<SanctionNote, string> = {
  'gebouwverbod-direct': 'Bij fysiek geweld leggen we meteen een gebouwverbod op (Bijlage 3).',
  contactverbod:
    'Aan de telefoon, schriftelijk of online gaat het om een contactverbod: geen contact opnemen met de gemeente (Bijlage 3, 8A en 8B).',
  'receptie-informeren':
    'Een toegangsverbod meld je meteen aan de receptie; de brief gaat ook naar de agressor (per post en aangetekend) en naar de politie (Bijlage 7).',
  'schade-verhalen': 'Verhaal de schade op de agressor (Hoofdstuk 7, Afwikkeling).',
};

export interface SanctionFacts {
  forms: readonly AggressionForm[];
  place: Place;
  damage: boolean;
  occurredAt: Date;
  /** Earlier reports about the same aggressor (any age; the rule picks the last year). */
  earlier: readonly EarlierIncident[];
}

export interface SanctionAdvice {
  /** The rows of the table this incident touches. */
  rows: SanctionRow[];
  /** The row whose sanction applies (the highest impact when several do). */
  basis: SanctionRow;
  combination: boolean;
  repeat: boolean;
  /** Earlier incidents with the same aggressor within a year before this one, oldest first. */
  repeats: EarlierIncident[];
  measure: Measure;
  notes: SanctionNote[];
}

const remotePlaces = new Set<Place['kind']>(['telefoon', 'schriftelijk', 'social-media']);

/** Earlier incidents at most one year (Europe/Amsterdam calendar) before this one. */
export function repeatsWithinYear(occurredAt: Date, earlier: readonly EarlierIncident[]): EarlierIncident[] {
  const from = DateTime.fromJSDate(occurredAt, { zone }).minus({ years: 1 }).toMillis();
  return earlier
    .filter((incident) => {
      const at = new Date(incident.occurredAt).getTime();
      return at >= from && at <= occurredAt.getTime();
    })
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

export function sanctionAdvice(facts: SanctionFacts): SanctionAdvice {
  if (facts.forms.length === 0) throw new Error('A report has at least one form of aggression');
  const rows = impact.filter((row) => facts.forms.some((form) => rowOfForm[form] === row));
  const basis = rows.at(-1) as SanctionRow;
  const repeats = repeatsWithinYear(facts.occurredAt, facts.earlier);
  const repeat = repeats.length > 0;
  const remote = remotePlaces.has(facts.place.kind);
  let measure = repeat ? sanctionTable[basis].repeat : sanctionTable[basis].first;
  if (measure.kind === 'waarschuwing' && remote) measure = { ...measure, oral: false };

  const notes: SanctionNote[] = [];
  if (basis === 'fysiek-geweld-medewerker' || basis === 'fysiek-geweld-zaak') notes.push('gebouwverbod-direct');
  if (measure.kind === 'geen-contact' && remote) notes.push('contactverbod');
  if (measure.kind === 'geen-contact') notes.push('receptie-informeren');
  if (facts.damage || facts.forms.includes('vernielingen')) notes.push('schade-verhalen');
  return { rows, basis, combination: rows.length > 1, repeat, repeats, measure, notes };
}

/** The measure in the words of the table. */
export function measureText(measure: Measure): string {
  if (measure.kind === 'geen-contact') return `Geen contact met de gemeente voor ${measure.months} maanden`;
  return measure.oral
    ? 'Mondelinge waarschuwing; de schriftelijke waarschuwing wordt nagezonden'
    : 'Schriftelijke waarschuwing van het college';
}
