import type { AggressionForm, Place, PoliceAnswer, SeveralAggressors } from './report-model';
import { violenceAgainstPeopleOrThings } from './report-model';

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
 */
export const aangifteGrounds = [
  'bedreiging',
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

export interface GroundDescription {
  text: string;
  /** The article the protocol names for it, if any. */
  article?: string;
  /** Where in the protocol the ground comes from. */
  source: string;
}

export const groundDescriptions: Record<AangifteGround, GroundDescription> = {
  bedreiging: {
    text: 'bedreiging van de medewerker',
    article: 'art. 285 WvSr',
    source: 'Hoofdstuk 6; Bijlage 3',
  },
  'fysieke-agressie': { text: 'fysieke agressie', article: 'art. 300 t/m 303 WvSr', source: 'Hoofdstuk 6; Bijlage 3' },
  letsel: { text: 'lichamelijk letsel', article: 'art. 300 t/m 303 WvSr', source: 'Bijlage 3' },
  vernieling: { text: 'vernieling', article: 'art. 350 WvSr', source: 'Hoofdstuk 6' },
  'materiele-schade': { text: 'materiële schade', article: 'art. 350 WvSr', source: 'Bijlage 3' },
  'openlijke-geweldpleging': {
    text: 'openlijke geweldpleging (meerdere daders samen)',
    article: 'art. 141 WvSr',
    source: 'Hoofdstuk 6',
  },
  'ernstig-incident': {
    text: 'ernstig incident (wapens of politie), na bespreking met de leidinggevende',
    source: 'Bijlage 3',
  },
  'schriftelijk-of-online': {
    text: 'schriftelijke of online agressie',
    source: 'Bijlage 8B; Hoofdstuk 3',
  },
  'discriminatie-telefoon': { text: 'discriminatie aan de telefoon', source: 'Bijlage 8A' },
};

export interface AangifteFacts {
  forms: readonly AggressionForm[];
  place: Place;
  injury: boolean;
  damage: boolean;
  weapons: boolean;
  police: PoliceAnswer;
  severalAggressors?: SeveralAggressors;
  occurredAt: Date;
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
      address: string;
      underNumberArticle: string;
    };

const remote = new Set<Place['kind']>(['schriftelijk', 'social-media']);
const offensive = new Set<AggressionForm>(['verbaal-geweld', 'discriminatie', 'intimidatie', 'seksuele-intimidatie']);

/** The grounds that apply, in the order of `aangifteGrounds`. */
export function aangifteGroundsFor(facts: AangifteFacts): AangifteGround[] {
  const has = (form: AggressionForm) => facts.forms.includes(form);
  const grounds = new Set<AangifteGround>();
  if (has('intimidatie')) grounds.add('bedreiging');
  if (has('fysiek-geweld')) grounds.add('fysieke-agressie');
  if (facts.injury) grounds.add('letsel');
  if (has('vernielingen')) grounds.add('vernieling');
  if (facts.damage) grounds.add('materiele-schade');
  if (violenceAgainstPeopleOrThings(facts.forms) && facts.severalAggressors === 'ja') {
    grounds.add('openlijke-geweldpleging');
  }
  if (facts.weapons || has('wapens') || facts.police === 'ja') grounds.add('ernstig-incident');
  if (remote.has(facts.place.kind) && facts.forms.some((form) => offensive.has(form))) {
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
  return {
    required: true,
    grounds,
    articles,
    deadline: new Date(facts.occurredAt.getTime() + aangifteWithinHours * 3_600_000),
    address: townHallAddress,
    underNumberArticle,
  };
}
