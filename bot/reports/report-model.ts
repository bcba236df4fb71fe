/**
 * The incident report (meldingsformulier agressie, protocol Hoofdstuk 7 "Registratie" and Bijlage 4):
 * what a submitted report holds, and the draft a conversation fills step by step.
 */

/** The eight forms of aggression of Hoofdstuk 2, in the protocol's order. */
export const aggressionForms = [
  'fysiek-geweld',
  'verbaal-geweld',
  'intimidatie',
  'stalken',
  'discriminatie',
  'seksuele-intimidatie',
  'vernielingen',
  'wapens',
] as const;
export type AggressionForm = (typeof aggressionForms)[number];

export const formLabels: Record<AggressionForm, string> = {
  'fysiek-geweld': 'Fysiek geweld',
  'verbaal-geweld': 'Verbaal geweld',
  intimidatie: 'Intimidatie of bedreiging',
  stalken: 'Stalken',
  discriminatie: 'Discriminatie',
  'seksuele-intimidatie': 'Seksuele intimidatie',
  vernielingen: 'Vernielingen',
  wapens: 'Wapens of gevaarlijke voorwerpen',
};

/** Where it happened: a registered location (from the alarm buttons) or one of the protocol's other ways. */
export const placeKinds = [
  'telefoon',
  'schriftelijk',
  'social-media',
  'huisbezoek',
  'openbare-ruimte',
  'anders',
] as const;
export type PlaceKind = (typeof placeKinds)[number];

export const placeKindLabels: Record<PlaceKind, string> = {
  telefoon: 'Telefoon',
  schriftelijk: 'Schriftelijk of e-mail',
  'social-media': 'Social media',
  huisbezoek: 'Huisbezoek',
  'openbare-ruimte': 'Openbare ruimte',
  anders: 'Ergens anders',
};

export type Place =
  { kind: 'location'; name: string } | { kind: Exclude<PlaceKind, 'anders'> } | { kind: 'anders'; description: string };

export type PoliceAnswer = 'ja' | 'nee' | 'gebeld';
export const policeLabels: Record<PoliceAnswer, string> = {
  ja: 'Ja, de politie kwam',
  nee: 'Nee',
  gebeld: 'Gebeld, maar niet gekomen',
};

export type SeveralAggressors = 'ja' | 'nee' | 'onbekend';
export const severalLabels: Record<SeveralAggressors, string> = {
  nee: 'Nee, één persoon',
  ja: 'Ja, meerdere mensen samen',
  onbekend: 'Weet ik niet',
};

export interface Person {
  /** Teams user id. */
  id: string;
  aadObjectId?: string;
  name: string;
}

/** Who the report is about: the reporter, or a colleague a manager or Halteam member fills it in for. */
export type Subject = { kind: 'self' } | { kind: 'colleague'; victim: Person };

/** The aggressor, when known: a name or client number, kept for repeat detection and shown to the manager only. */
export type Aggressor = { kind: 'unknown' } | { kind: 'known'; identification: string };

export type Witnesses = { kind: 'none' } | { kind: 'named'; names: string };

/** How the report started: typed `melden`, or the button offered after an alarm (prefilled from it). */
export type ReportSource =
  { kind: 'chat' } | { kind: 'alarm'; buttonId: string; alarmId: string; responders: string[] };

/** The answers of a draft; each is set once the step is answered. */
export interface Answers {
  subject?: Subject['kind'];
  victim?: Person;
  occurredAt?: string;
  place?: Place;
  forms?: AggressionForm[];
  severalAggressors?: SeveralAggressors;
  description?: string;
  injury?: boolean;
  damage?: boolean;
  weapons?: boolean;
  police?: PoliceAnswer;
  aggressor?: Aggressor;
  witnesses?: Witnesses;
  manager?: Person;
  nameInDagstart?: boolean;
}

/** A complete report, as stored and sent. */
export interface IncidentReport {
  /** AGR-2026-0042 */
  number: string;
  draftId: string;
  submittedAt: string;
  reporter: Person;
  subject: Subject;
  occurredAt: string;
  place: Place;
  forms: AggressionForm[];
  /** Only asked when there was physical violence or vandalism (art. 141 Sr, openlijke geweldpleging). */
  severalAggressors?: SeveralAggressors;
  description: string;
  injury: boolean;
  damage: boolean;
  weapons: boolean;
  police: PoliceAnswer;
  aggressor: Aggressor;
  witnesses: Witnesses;
  manager: Person;
  /** The victim agreed to be named at the dagstart. */
  nameInDagstart: boolean;
  source: ReportSource;
}

/** The person the aggression was aimed at. */
export function victimOf(report: Pick<IncidentReport, 'subject' | 'reporter'>): Person {
  return report.subject.kind === 'self' ? report.reporter : report.subject.victim;
}

export function placeText(place: Place): string {
  switch (place.kind) {
    case 'location':
      return place.name;
    case 'anders':
      return place.description;
    default:
      return placeKindLabels[place.kind];
  }
}

/** Physical violence or vandalism: only then is "several aggressors together" (art. 141 Sr) asked. */
export function violenceAgainstPeopleOrThings(forms: readonly AggressionForm[]): boolean {
  return forms.includes('fysiek-geweld') || forms.includes('vernielingen');
}

/**
 * A key that finds the same aggressor again for repeat detection ("bij herhaling", Bijlage 9): a
 * client number (five or more digits) when one is given, else the name without case, accents or
 * punctuation.
 */
export function aggressorKey(aggressor: Aggressor): string | undefined {
  if (aggressor.kind === 'unknown') return undefined;
  const number = /\d{5,}/.exec(aggressor.identification.replace(/[\s.-]/g, ''));
  if (number) return `nr:${number[0]}`;
  const name = aggressor.identification
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return name ? `naam:${name}` : undefined;
}

/** An earlier report about the same aggressor, for the "bij herhaling" row of Bijlage 9. */
export interface EarlierIncident {
  number: string;
  occurredAt: string;
}
