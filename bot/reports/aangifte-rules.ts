import type { AggressionForm, Place, PoliceAnswer, SeveralAggressors, ThreatTarget } from './report-model';
import { threatTargetsOf, violenceAgainstPeopleOrThings } from './report-model';

/**
 * When the protocol requires a police report (aangifte), and how it is done. Pure: facts in, advice out.
 *
 * Hoofdstuk 6 "Aangifte": "Je moet altijd aangifte doen bij:
 *   - een ernstige bedreiging geuit tegen de medewerker als persoon (artikel 285 WvSr)
 *   - fysieke agressie (artikel 300 t/m 303 WvSr)
 *   - vernieling (artikel 350 WvSr)
 *   - openlijke geweldpleging (artikel 141 WvSr)
 *   - beperkt anoniem aangifte doen (artikel 190 lid 3 WvSv)"
 * "Aangifte doen, kan ook onder nummer (anoniem). Voorwaarde is dat het slachtoffer dan zelf aangifte
 * moet doen." "... kiest als plaats van de gebeurtenis het adres van het gemeentehuis (Dick Ketlaan 21
 * in Wognum)." "... meldt het incident aan de beleidsmedewerker Openbare Orde en Veiligheid."
 *
 * Bijlage 3 "Wanneer doe je in ieder geval aangifte bij de politie": "bij bedreiging tegen jezelf of
 * tegen familieleden; bij geweldpleging; bij het toebrengen van lichamelijk letsel; bij het aanrichten
 * van materiële schade; na een ernstig incident, na bespreking met de leidinggevende; in deze gevallen,
 * vindt zo spoedig mogelijk na het voorval dan wel binnen 24 uur aangifte bij de politie plaats. Ter
 * bescherming van de medewerker doet de leidinggevende aangifte en kiest als adres het gemeentehuis."
 *
 * Bijlage 8A (telefoon): "bij discriminatie of bedreiging de verbinding zondermeer verbreken en aangifte
 * doen van bedreiging". Bijlage 8B (schriftelijk of online): "we doen zondermeer aangifte"; Hoofdstuk 3:
 * "Ook van verbaal agressie op social media, waarbij sprake is van een strafbaar feit dient aangifte te
 * worden gedaan bij de politie."
 *
 * Who files. Hoofdstuk 6: "De medewerker doet ... aangifte bij de politie ... De leidinggevende
 * ondersteunt en staat de medewerker hierin bij." "De leidinggevende kan aangifte doen namens het
 * slachtoffer maar alleen als daar bijzondere redenen voor zijn, zoals angst ... Aangifte namens de
 * werkgever moet zich beperken tot uitzonderingen"; the OOV officer "doet aangifte als de leidinggevende
 * dit niet kan doen". Bijlage 3: "Ter bescherming van de medewerker doet de leidinggevende aangifte en
 * kiest als adres het gemeentehuis. De medewerker dient op dit adres wel bereikbaar te zijn voor de
 * politie en het Openbaar ministerie". So: the staff member files by default, the manager by exception.
 * Bijlage 3 on threats against the organisation: "De algemeen directeur, de sectormanager, het hoofd van
 * de afdeling of een gemandateerde medewerker doet namens de gemeente Medemblik aangifte". Bijlage 8C:
 * "nadat agressor door de politie is verwijderd, doet gemeente Medemblik aangifte van bedreiging".
 *
 * A threat of self-harm is no threat against the staff member (art. 285 WvSr): no ground of its own;
 * `threatensSelfHarm` tells the card to give care advice instead.
 */
export const aangifteGrounds = [
  'bedreiging',
  'bedreiging-familie',
  'bedreiging-collegas',
  'bedreiging-organisatie',
  'verwijderd-door-politie',
  'fysieke-agressie',
  'letsel',
  'vernieling',
  'materiele-schade',
  'openlijke-geweldpleging',
  'ernstig-incident',
  'schriftelijk-of-online',
  'discriminatie-telefoon',
] as const;
export type AangifteGround = (typeof aangifteGrounds)[number];

/**
 * Who files for a ground: the staff member (the manager by exception), or the municipality itself (the
 * director, a sector manager, the head of department or a mandated officer).
 */
export type AangifteFiler = 'medewerker' | 'gemeente';
export const aangifteFilers: readonly AangifteFiler[] = ['medewerker', 'gemeente'];

export interface GroundDescription {
  text: string;
  /** The article the protocol names for it, if any. */
  article?: string;
  /** Where in the protocol the ground comes from. */
  source: string;
  filer: AangifteFiler;
}

export const groundDescriptions: Record<AangifteGround, GroundDescription> = {
  bedreiging: {
    text: 'bedreiging van de medewerker',
    article: 'art. 285 WvSr',
    source: 'Hoofdstuk 6; Bijlage 3',
    filer: 'medewerker',
  },
  'bedreiging-familie': {
    text: 'bedreiging van familieleden van de medewerker',
    article: 'art. 285 WvSr',
    source: 'Bijlage 3',
    filer: 'medewerker',
  },
  'bedreiging-collegas': {
    text: "bedreiging van collega's",
    article: 'art. 285 WvSr',
    source: 'Hoofdstuk 6; Bijlage 3',
    filer: 'medewerker',
  },
  'bedreiging-organisatie': {
    text: 'bedreiging van de gemeente of het gebouw',
    source: 'Bijlage 3',
    filer: 'gemeente',
  },
  'verwijderd-door-politie': {
    text: 'de politie heeft de agressor uit het gebouw verwijderd: de gemeente doet aangifte van bedreiging',
    source: 'Bijlage 8C',
    filer: 'gemeente',
  },
  'fysieke-agressie': {
    text: 'fysieke agressie',
    article: 'art. 300 t/m 303 WvSr',
    source: 'Hoofdstuk 6; Bijlage 3',
    filer: 'medewerker',
  },
  letsel: { text: 'lichamelijk letsel', article: 'art. 300 t/m 303 WvSr', source: 'Bijlage 3', filer: 'medewerker' },
  vernieling: { text: 'vernieling', article: 'art. 350 WvSr', source: 'Hoofdstuk 6', filer: 'medewerker' },
  'materiele-schade': { text: 'materiële schade', article: 'art. 350 WvSr', source: 'Bijlage 3', filer: 'medewerker' },
  'openlijke-geweldpleging': {
    text: 'openlijke geweldpleging (meerdere daders samen)',
    article: 'art. 141 WvSr',
    source: 'Hoofdstuk 6',
    filer: 'medewerker',
  },
  'ernstig-incident': {
    text: 'ernstig incident (wapens of politie), na bespreking met de leidinggevende',
    source: 'Bijlage 3',
    filer: 'medewerker',
  },
  'schriftelijk-of-online': {
    text: 'schriftelijke of online agressie',
    source: 'Bijlage 8B; Hoofdstuk 3',
    filer: 'medewerker',
  },
  'discriminatie-telefoon': { text: 'discriminatie aan de telefoon', source: 'Bijlage 8A', filer: 'medewerker' },
};

export interface AangifteFacts {
  forms: readonly AggressionForm[];
  place: Place;
  injury: boolean;
  damage: boolean;
  weapons: boolean;
  police: PoliceAnswer;
  severalAggressors?: SeveralAggressors;
  /** Whom a threat was aimed at; absent in older reports (see `threatTargetsOf`). */
  threatTargets?: readonly ThreatTarget[];
  occurredAt: Date;
  /** When the report was made; after the deadline the advice says the deadline has passed. */
  reportedAt?: Date;
}

/** The town hall: the address the police report names instead of the victim's (Hoofdstuk 6, Bijlage 3). */
export const townHallAddress = 'Dick Ketlaan 21, Wognum';
/** "zo spoedig mogelijk na het voorval dan wel binnen 24 uur" (Bijlage 3). */
export const aangifteWithinHours = 24;
/** "beperkt anoniem aangifte doen (artikel 190 lid 3 WvSv)" (Hoofdstuk 6). */
export const underNumberArticle = 'art. 190 lid 3 WvSv';

export type AangifteAdvice =
  | { required: false }
  | {
      required: true;
      grounds: AangifteGround[];
      /** The articles of the grounds, each once, in the order of the grounds. */
      articles: string[];
      /** 24 hours after the incident. */
      deadline: Date;
      /** The report was made after the deadline: aangifte is still possible and wanted. */
      late: boolean;
      /** Who files, in the order of `aangifteFilers`: the staff member (by default), the municipality. */
      filers: AangifteFiler[];
      address: string;
      underNumberArticle: string;
    };

const remote = new Set<Place['kind']>(['schriftelijk', 'social-media']);
const offensive = new Set<AggressionForm>(['verbaal-geweld', 'discriminatie', 'seksuele-intimidatie']);

/**
 * Bijlage 8C: at the counter or in a consultation room the Halteam summons the aggressor to leave and
 * calls the police only when they refuse ("verlaat de agressor alsnog het gebouw; dan belt het Halteam de
 * politie af"). So police that came to a registered location removed the aggressor.
 */
export function policeRemovedAggressor(facts: Pick<AangifteFacts, 'police' | 'place'>): boolean {
  return facts.police === 'ja' && facts.place.kind === 'location';
}

/** The person threatened to harm themselves: care advice (and 112 when acute), not an aangifte ground. */
export function threatensSelfHarm(facts: Pick<AangifteFacts, 'forms' | 'threatTargets'>): boolean {
  return threatTargetsOf(facts).includes('zelfbeschadiging');
}

/** The grounds that apply, in the order of `aangifteGrounds`. */
export function aangifteGroundsFor(facts: AangifteFacts): AangifteGround[] {
  const has = (form: AggressionForm) => facts.forms.includes(form);
  const grounds = new Set<AangifteGround>();
  const targets = threatTargetsOf(facts);
  if (targets.includes('medewerker')) grounds.add('bedreiging');
  if (targets.includes('familie')) grounds.add('bedreiging-familie');
  if (targets.includes('collegas')) grounds.add('bedreiging-collegas');
  if (targets.includes('organisatie')) grounds.add('bedreiging-organisatie');
  const removed = policeRemovedAggressor(facts);
  if (removed) grounds.add('verwijderd-door-politie');
  if (has('fysiek-geweld')) grounds.add('fysieke-agressie');
  if (facts.injury) grounds.add('letsel');
  if (has('vernielingen')) grounds.add('vernieling');
  if (facts.damage) grounds.add('materiele-schade');
  if (violenceAgainstPeopleOrThings(facts.forms) && facts.severalAggressors === 'ja') {
    grounds.add('openlijke-geweldpleging');
  }
  if (facts.weapons || has('wapens') || (facts.police === 'ja' && !removed)) grounds.add('ernstig-incident');
  // A threat counts as offensive language unless the only one it threatened was the writer themselves.
  const threatening = targets.some((target) => target !== 'zelfbeschadiging');
  if (remote.has(facts.place.kind) && (threatening || facts.forms.some((form) => offensive.has(form)))) {
    grounds.add('schriftelijk-of-online');
  }
  if (facts.place.kind === 'telefoon' && has('discriminatie')) grounds.add('discriminatie-telefoon');
  return aangifteGrounds.filter((ground) => grounds.has(ground));
}

export function aangifteAdvice(facts: AangifteFacts): AangifteAdvice {
  const grounds = aangifteGroundsFor(facts);
  if (grounds.length === 0) return { required: false };
  const articles = [
    ...new Set(grounds.map((ground) => groundDescriptions[ground].article).filter((a): a is string => !!a)),
  ];
  const deadline = new Date(facts.occurredAt.getTime() + aangifteWithinHours * 3_600_000);
  const filers = aangifteFilers.filter((filer) => grounds.some((ground) => groundDescriptions[ground].filer === filer));
  return {
    required: true,
    grounds,
    articles,
    deadline,
    late: facts.reportedAt !== undefined && facts.reportedAt.getTime() > deadline.getTime(),
    filers,
    address: townHallAddress,
    underNumberArticle,
  };
}
