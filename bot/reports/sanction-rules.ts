import { DateTime } from 'luxon';
import { zone } from '../shared/time-format';
import { policeRemovedAggressor } from './aangifte-rules';
import type { AggressionForm, EarlierIncident, Place, PoliceAnswer } from './report-model';

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
 *
 * Bijlage 8C (verbal aggression at the counter or in a consultation room): "nadat agressor door de politie
 * is verwijderd ... na de eerste keer een toegangsverbod voor bepaalde tijd sturen". So where the table
 * gives a first warning, police that removed the aggressor make it a temporary access ban. 8C names no
 * length: the advice takes the table's next step for verbal violence (3 months); the manager may choose
 * another period, with a reason.
 *
 * An unknown aggressor cannot be told of a measure or made to pay: then the notes say nothing about the
 * aggressor, and damage goes to the insurance (Bijlage 3, "Verhaal de schade").
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

export type Measure =
  | { kind: 'waarschuwing'; oral: boolean; written: true }
  | { kind: 'geen-contact'; months: number }
  /** Bijlage 8C: a temporary ban from the buildings after the police removed the aggressor. */
  | { kind: 'toegangsverbod'; months: number };

/** The period of the Bijlage 8C access ban (see above). */
export const accessBanAfterPoliceMonths = 3;

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

export type SanctionNote =
  | 'gebouwverbod-direct'
  | 'verwijderd-door-politie'
  | 'contactverbod'
  | 'receptie-informeren'
  | 'contactverbod-melden'
  | 'schade-verhalen'
  | 'schade-verzekering';

export const sanctionNoteTexts: Record<SanctionNote, string> = {
  'gebouwverbod-direct': 'Bij fysiek geweld leggen we meteen een gebouwverbod op (Bijlage 3).',
  'verwijderd-door-politie':
    "De politie heeft de agressor verwijderd: dan volgt al na de eerste keer een toegangsverbod voor bepaalde tijd, geen waarschuwing. Meld het verbod aan het college, de receptie en directe collega's (Bijlage 8C).",
  contactverbod:
    'Aan de telefoon, schriftelijk of online gaat het om een contactverbod: geen contact opnemen met de gemeente (Bijlage 3, 8A en 8B).',
  'receptie-informeren':
    'Een toegangsverbod meld je meteen aan de receptie; de brief gaat ook naar de agressor (per post en aangetekend) en naar de politie (Bijlage 7).',
  'contactverbod-melden':
    "Meld het contactverbod meteen aan de receptie en de directe collega's, zodat de persoon het niet via een ander opnieuw probeert; de brief gaat ook naar de agressor (per post en aangetekend) (Bijlage 8A en 8B).",
  'schade-verhalen': 'Verhaal de schade op de agressor (Hoofdstuk 7, Afwikkeling).',
  'schade-verzekering': 'Geef de schade op bij de verzekering (Bijlage 3, Verhaal de schade).',
};

export interface SanctionFacts {
  forms: readonly AggressionForm[];
  place: Place;
  damage: boolean;
  /** Police that came to a registered location removed the aggressor (Bijlage 8C). */
  police: PoliceAnswer;
  /** False when nobody knows who it was: nobody to inform or to recover damage from. Default true. */
  aggressorKnown?: boolean;
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
  /**
   * Which ban "geen contact met de gemeente" is here: a contactverbod when the aggression came by
   * phone, in writing or online (Bijlage 3, 8A, 8B), else a ban from the buildings (Bijlage 3, 8C).
   * Undefined for a warning. The measure form preselects it (bot/measures/measure-rules.ts).
   */
  ban?: 'toegangsverbod' | 'contactverbod';
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
  let measure: Measure = repeat ? sanctionTable[basis].repeat : sanctionTable[basis].first;
  const removed = policeRemovedAggressor(facts);
  if (measure.kind === 'waarschuwing' && removed) {
    measure = { kind: 'toegangsverbod', months: accessBanAfterPoliceMonths };
  }
  if (measure.kind === 'waarschuwing' && remote) measure = { ...measure, oral: false };
  const known = facts.aggressorKnown ?? true;
  const ban =
    measure.kind === 'waarschuwing'
      ? undefined
      : measure.kind === 'geen-contact' && remote
        ? 'contactverbod'
        : 'toegangsverbod';

  const notes: SanctionNote[] = [];
  if (basis === 'fysiek-geweld-medewerker' || basis === 'fysiek-geweld-zaak') notes.push('gebouwverbod-direct');
  if (measure.kind === 'toegangsverbod') notes.push('verwijderd-door-politie');
  if (measure.kind === 'geen-contact' && remote) notes.push('contactverbod');
  if (ban && known) notes.push(ban === 'contactverbod' ? 'contactverbod-melden' : 'receptie-informeren');
  if (facts.damage || facts.forms.includes('vernielingen'))
    notes.push(known ? 'schade-verhalen' : 'schade-verzekering');
  return { rows, basis, combination: rows.length > 1, repeat, repeats, measure, ...(ban ? { ban } : {}), notes };
}

/** The measure in the words of the table. */
export function measureText(measure: Measure): string {
  if (measure.kind === 'geen-contact') return `Geen contact met de gemeente voor ${measure.months} maanden`;
  if (measure.kind === 'toegangsverbod') return `Toegangsverbod tot de gebouwen voor ${measure.months} maanden`;
  return measure.oral
    ? 'Mondelinge waarschuwing; de schriftelijke waarschuwing wordt nagezonden'
    : 'Schriftelijke waarschuwing van het college';
}
