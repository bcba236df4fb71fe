import { identityOf } from './aggressor-identity';

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

/**
 * Whom a threat (intimidatie of bedreiging) was aimed at. Bijlage 3: aangifte "bij bedreiging tegen jezelf
 * of tegen familieleden"; a threat against the organisation ("als ik nu niet geholpen wordt blaas ik hier
 * de boel op") is reported by the director, a sector manager, the head of department or a mandated
 * officer on behalf of the municipality. A threat of self-harm is no threat against the staff member
 * (art. 285 WvSr) and needs care, not aangifte.
 */
export const threatTargets = ['medewerker', 'familie', 'collegas', 'organisatie', 'zelfbeschadiging'] as const;
export type ThreatTarget = (typeof threatTargets)[number];

export const threatTargetLabels: Record<ThreatTarget, string> = {
  medewerker: 'De medewerker',
  familie: 'Familie van de medewerker',
  collegas: "Collega's",
  organisatie: 'De gemeente of het gebouw',
  zelfbeschadiging: 'De persoon zelf (dreigde zichzelf iets aan te doen)',
};

/**
 * The targets of a report's threat: as answered, or, for reports made before the question existed, the
 * staff member whenever the form "intimidatie" was chosen (as those reports were advised). Empty when
 * no threat was reported.
 */
export function threatTargetsOf(report: {
  forms: readonly AggressionForm[];
  threatTargets?: readonly ThreatTarget[];
}): ThreatTarget[] {
  if (!report.forms.includes('intimidatie')) return [];
  return report.threatTargets && report.threatTargets.length > 0 ? [...report.threatTargets] : ['medewerker'];
}

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
  threatTargets?: ThreatTarget[];
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
  /** Only asked for "intimidatie of bedreiging"; absent in reports made before it was asked (see `threatTargetsOf`). */
  threatTargets?: ThreatTarget[];
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
  /**
   * The manager's answers to "dezelfde persoon als AGR-…?" for earlier reports whose aggressor's name
   * fits (bot/reports/repeat-rules.ts). Stored beside the report as submitted, never in it.
   */
  samePerson?: SamePersonAnswer[];
}

/** An answer to "is the aggressor of this report the same person as in that earlier report?". */
export interface SamePersonAnswer {
  /** The earlier report. */
  number: string;
  same: boolean;
  /** Who answered (name) and when (ISO). */
  by: string;
  at: string;
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

/**
 * Aggression by phone, in writing or online: nobody was there, so injury, damage, weapons and witnesses
 * on site are not asked (Bijlage 8A, 8B).
 */
export function remotePlace(place: Pick<Place, 'kind'> | undefined): boolean {
  return place?.kind === 'telefoon' || place?.kind === 'schriftelijk' || place?.kind === 'social-media';
}

/** Physical violence or vandalism: only then is "several aggressors together" (art. 141 Sr) asked. */
export function violenceAgainstPeopleOrThings(forms: readonly AggressionForm[]): boolean {
  return forms.includes('fysiek-geweld') || forms.includes('vernielingen');
}

/**
 * A key per aggressor for counting (the overview's statistics) and for the retention purge: a client
 * number (five or more digits, never a date of birth) when one is given, else the name without case,
 * accents or punctuation. Repeat detection itself compares identities tolerantly (repeat-rules.ts).
 */
export function aggressorKey(aggressor: Aggressor): string | undefined {
  if (aggressor.kind === 'unknown') return undefined;
  const number = identityOf(aggressor.identification).clientNumber;
  if (number) return `nr:${number}`;
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
