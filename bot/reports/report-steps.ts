import { DateTime } from 'luxon';
import { searchable, type Directory } from '../shared/directory';
import { dayAndTime, zone } from '../shared/time-format';
import {
  aggressionForms,
  formLabels,
  placeKindLabels,
  placeKinds,
  placeText,
  policeLabels,
  remotePlace,
  severalLabels,
  threatTargetLabels,
  threatTargets,
  violenceAgainstPeopleOrThings,
  type AggressionForm,
  type Answers,
  type Person,
  type Place,
  type PoliceAnswer,
  type ReportSource,
  type SeveralAggressors,
  type ThreatTarget,
} from './report-model';
import type { WorkingHours } from '../shared/working-days';
import { dayInWords, momentInWords, parseDateAndTime, parseWhen, type DayPart, type WhenResult } from './when-parser';

/**
 * The questions of the meldingsformulier, in order, each one step: when it applies, how it is asked,
 * how an answer is read and checked, and how it reads in the summary. Pure apart from the directory.
 */
export const stepIds = [
  'subject',
  'victim',
  'when',
  'where',
  'forms',
  'threat',
  'several',
  'description',
  'injury',
  'damage',
  'weapons',
  'police',
  'aggressor',
  'witnesses',
  'manager',
  'dagstart',
] as const;
export type StepId = (typeof stepIds)[number];
export type Position = StepId | 'summary';

/** Longest answers we keep; a longer one is refused with the limit, never cut. */
export const limits = {
  description: 2000,
  descriptionMin: 10,
  placeOther: 200,
  aggressor: 200,
  witnesses: 500,
  search: 100,
} as const;

export type SubState =
  | { kind: 'people'; query: string; candidates: Person[] }
  | { kind: 'place-other' }
  /** "Bedoel je gisteren 14:00?": an hour read one of two ways, to confirm (ISO moments). */
  | { kind: 'when-confirm'; at: string; other?: string }
  /** A day was given without a time: ask the time on that day (yyyy-MM-dd). */
  | { kind: 'when-time'; day: string; part?: DayPart };

/** What the form needs to know about itself to ask and read a step. */
export interface FormView {
  reporter: Person;
  answers: Answers;
  locations: string[];
  source: ReportSource;
  sub?: SubState;
}

export interface Choice {
  value: string;
  title: string;
  /** Other words a person may type for it. */
  words?: string[];
}

export interface Question {
  question: string;
  hint?: string;
  buttons?: Choice[];
  select?: { multi: boolean; choices: Choice[]; selected: string[] };
  dateTime?: { date: string; time: string; max: string };
}

export type StepInput =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; value: string }
  | { kind: 'selection'; values: string[] }
  | { kind: 'dateTime'; date: string; time: string };

export type Accepted =
  | { kind: 'answer'; patch: Partial<Answers> }
  | { kind: 'retry'; notice: string }
  /** A follow-up within the step (pick from matches, describe "anders"); no sub: back to the step's own question. */
  | { kind: 'sub'; sub?: SubState; notice?: string };

export interface StepContext {
  now: Date;
  directory: Directory;
  /** WORKING_HOURS: "2 uur" is read inside them when it can be (14:00), and confirmed. */
  workingHours?: WorkingHours;
}

export interface StepDefinition {
  id: StepId;
  /** The label in the summary. */
  label: string;
  applies(form: FormView): boolean;
  answered(answers: Answers): boolean;
  show(answers: Answers): string;
  ask(form: FormView, now: Date): Question;
  accept(form: FormView, input: StepInput, context: StepContext): Promise<Accepted>;
  /**
   * The card's choice set takes several values, which Teams joins with commas. Only then is a card's
   * selection split on commas: a single choice arrives whole, whatever its text.
   */
  multiSelect?: boolean;
}

const yesNo: Choice[] = [
  { value: 'nee', title: 'Nee', words: ['n', 'neen', 'geen', 'niet', 'nee hoor'] },
  { value: 'ja', title: 'Ja', words: ['j', 'jawel', 'yes', 'ja hoor', 'wel'] },
];

/** Finds the choice a typed answer means: its number, its title, one of its words, or a unique start. */
export function matchChoice(text: string, choices: readonly Choice[]): Choice | undefined {
  const typed = searchable(text);
  if (typed === '') return undefined;
  if (/^\d+$/.test(typed)) return choices[Number(typed) - 1];
  const exact = choices.find(
    (choice) => searchable(choice.title) === typed || (choice.words ?? []).some((word) => searchable(word) === typed),
  );
  if (exact) return exact;
  if (typed.length < 3) return undefined;
  const starts = choices.filter((choice) => searchable(choice.title).startsWith(typed));
  return starts.length === 1 ? starts[0] : undefined;
}

function chosenValue(input: StepInput, choices: readonly Choice[]): string | undefined {
  if (input.kind === 'choice') return choices.some((choice) => choice.value === input.value) ? input.value : undefined;
  if (input.kind === 'selection' && input.values.length === 1) {
    const [value] = input.values;
    return choices.some((choice) => choice.value === value) ? value : undefined;
  }
  if (input.kind === 'text') return matchChoice(input.text, choices)?.value;
  return undefined;
}

function unknownAnswer(input: StepInput): string {
  return input.kind === 'text'
    ? `Dat herken ik niet als antwoord: "${input.text.slice(0, 60)}". Kies een van de knoppen of typ het nummer.`
    : 'Dat antwoord hoort niet bij deze vraag. Kies een van de knoppen.';
}

function tooLong(length: number, limit: number): string {
  return `Je antwoord is ${length} tekens; het mag hooguit ${limit} tekens zijn. Maak het wat korter en stuur het opnieuw. Er is niets ingekort.`;
}

/** A step answered by one of a few buttons. */
function choiceStep<T>(definition: {
  id: StepId;
  label: string;
  applies?: (form: FormView) => boolean;
  question: (form: FormView) => string;
  hint?: string;
  choices: (form: FormView) => Choice[];
  read: (answers: Answers) => T | undefined;
  patch: (value: string) => Partial<Answers>;
  show: (value: T) => string;
}): StepDefinition {
  return {
    id: definition.id,
    label: definition.label,
    applies: definition.applies ?? (() => true),
    answered: (answers) => definition.read(answers) !== undefined,
    show: (answers) => {
      const value = definition.read(answers);
      return value === undefined ? '' : definition.show(value);
    },
    ask: (form) => ({
      question: definition.question(form),
      hint: definition.hint,
      buttons: definition.choices(form),
    }),
    async accept(form, input) {
      const value = chosenValue(input, definition.choices(form));
      if (value === undefined) return { kind: 'retry', notice: unknownAnswer(input) };
      return { kind: 'answer', patch: definition.patch(value) };
    },
  };
}

function yesNoStep(id: StepId, label: string, question: string, key: 'injury' | 'damage' | 'weapons', extra = {}) {
  return choiceStep<boolean>({
    id,
    label,
    question: () => question,
    choices: () => yesNo,
    read: (answers) => answers[key],
    patch: (value) => ({ [key]: value === 'ja' }),
    show: (value) => (value ? 'Ja' : 'Nee'),
    ...extra,
  });
}

function victimName(form: FormView): string {
  return form.answers.victim?.name ?? 'de collega';
}

/** A step answered by finding a colleague in the directory: type a name, then pick from the matches. */
function personStep(definition: {
  id: 'victim' | 'manager';
  label: string;
  applies?: (form: FormView) => boolean;
  question: (form: FormView) => string;
  hint: (form: FormView) => string | undefined;
  extra: (form: FormView) => (Choice & { person: Person })[];
  exclude: (form: FormView) => string[];
}): StepDefinition {
  return {
    id: definition.id,
    label: definition.label,
    applies: definition.applies ?? (() => true),
    answered: (answers) => answers[definition.id] !== undefined,
    show: (answers) => answers[definition.id]?.name ?? '',
    ask(form) {
      const extra = definition.extra(form);
      if (form.sub?.kind === 'people') {
        return {
          question: `Wie bedoel je? Dit vond ik bij "${form.sub.query}":`,
          hint: 'Kies de juiste persoon, of typ een andere naam om opnieuw te zoeken.',
          buttons: [
            ...form.sub.candidates.map((person) => ({ value: `person:${person.id}`, title: person.name })),
            ...extra,
            { value: 'search-again', title: 'Iemand anders zoeken' },
          ],
        };
      }
      return { question: definition.question(form), hint: definition.hint(form), buttons: extra };
    },
    async accept(form, input, context) {
      const extra = definition.extra(form);
      const candidates = form.sub?.kind === 'people' ? form.sub.candidates : [];
      const picked = (value: string): Person | undefined =>
        extra.find((choice) => choice.value === value)?.person ??
        candidates.find((person) => `person:${person.id}` === value);
      if (input.kind === 'choice' || input.kind === 'selection') {
        const value = input.kind === 'choice' ? input.value : (input.values[0] ?? '');
        if (value === 'search-again') return { kind: 'sub' };
        const person = picked(value);
        if (!person) {
          return {
            kind: 'retry',
            notice: 'Die keuze hoort bij een eerdere zoekopdracht. Typ de naam opnieuw of kies hieronder.',
          };
        }
        return { kind: 'answer', patch: { [definition.id]: person } };
      }
      if (input.kind !== 'text') return { kind: 'retry', notice: 'Typ (een deel van) de naam.' };
      const text = input.text.trim();
      if (/^\d+$/.test(text) && candidates.length > 0) {
        const person = candidates[Number(text) - 1];
        if (person) return { kind: 'answer', patch: { [definition.id]: person } };
      }
      const byTitle = matchChoice(text, extra);
      if (byTitle && extra.length > 0) return { kind: 'answer', patch: { [definition.id]: picked(byTitle.value) } };
      if (text.length > limits.search) return { kind: 'retry', notice: tooLong(text.length, limits.search) };
      if (searchable(text).length < 2) return { kind: 'retry', notice: 'Typ minstens twee letters van de naam.' };
      const excluded = new Set(definition.exclude(form));
      const found = (await context.directory.findPeople(text))
        .filter((person) => !excluded.has(person.id))
        .map((person) => ({ id: person.id, aadObjectId: person.aadObjectId, name: person.name }));
      const exact = found.filter((person) => searchable(person.name) === searchable(text));
      if (exact.length === 1) return { kind: 'answer', patch: { [definition.id]: exact[0] } };
      if (found.length === 0) {
        return {
          kind: 'retry',
          notice: `Ik vind niemand met "${text.slice(0, 60)}". Typ een ander deel van de voor- of achternaam.`,
        };
      }
      return { kind: 'sub', sub: { kind: 'people', query: text.slice(0, 60), candidates: found } };
    },
  };
}

/**
 * A registered location is chosen by its place in the draft's list of locations (kept in the draft), so
 * the card's value is the same short text whatever the location's name holds: commas, quotes, emoji, any
 * length.
 */
function placeChoices(form: FormView): Choice[] {
  return [
    ...form.locations.map((name, index) => ({ value: `loc:${index}`, title: name })),
    ...placeKinds.map((kind) => ({ value: `kind:${kind}`, title: placeKindLabels[kind] })),
  ];
}

/** The location a card value names: `loc:<index>`, or `location:<name>` from cards sent before indices. */
function locationOf(value: string, form: FormView): string | undefined {
  const index = /^loc:(\d{1,4})$/.exec(value);
  if (index) return form.locations[Number(index[1])];
  if (value.startsWith('location:')) {
    const name = value.slice('location:'.length);
    return form.locations.includes(name) ? name : undefined;
  }
  return undefined;
}

/** Reads a multiple choice: the card's ticked values, or typed numbers and words ("2, 3", "bedreigd en uitgescholden"). */
function chosenValues(input: StepInput, choices: readonly Choice[]): { values: string[] } | { notice: string } {
  let values: string[] = [];
  if (input.kind === 'selection') values = input.values;
  else if (input.kind === 'choice') values = [input.value];
  else if (input.kind === 'text') {
    const parts = input.text
      .split(/\s*(?:,|;|\/|\ben\b|\+|&)\s*/i)
      .map((part) => part.trim())
      .filter(Boolean);
    const matched = parts.map((part) => matchChoice(part, choices));
    if (parts.length === 0 || matched.some((choice) => !choice)) return { notice: unknownAnswer(input) };
    values = matched.map((choice) => (choice as Choice).value);
  }
  const known = values.filter((value) => choices.some((choice) => choice.value === value));
  if (known.length !== values.length) return { notice: unknownAnswer(input) };
  return { values: known };
}

/** The subject of the report in the questions: "je collega" when filling it in for a colleague. */
function forColleague(form: FormView): boolean {
  return form.answers.subject === 'colleague';
}

/** Injury, damage, weapons and witnesses on site are only asked when the aggression happened in person. */
function onSite(form: FormView): boolean {
  return !remotePlace(form.answers.place);
}

function threatChoices(form: FormView): Choice[] {
  const colleague = forColleague(form);
  const victim = victimName(form);
  const titles: Record<ThreatTarget, string> = {
    medewerker: colleague ? victim : 'Mij',
    familie: colleague ? `De familie van ${victim}` : 'Mijn familie',
    collegas: colleague ? "Andere collega's" : "Collega's",
    organisatie: 'De gemeente of het gebouw',
    zelfbeschadiging: 'De persoon zelf: dreigde zichzelf iets aan te doen',
  };
  const words: Record<ThreatTarget, string[]> = {
    medewerker: colleague
      ? ['medewerker', 'de collega', 'hem', 'haar']
      : ['mij', 'ik', 'mezelf', 'mijzelf', 'medewerker'],
    familie: ['familie', 'gezin', 'kinderen', 'kind', 'partner'],
    collegas: ['collegas', 'andere collegas', 'team'],
    organisatie: ['gemeente', 'gebouw', 'gemeentehuis', 'organisatie', 'opblazen'],
    zelfbeschadiging: ['zichzelf', 'zelfbeschadiging', 'zelfmoord', 'zelfdoding', 'suicide'],
  };
  return threatTargets.map((target) => ({ value: target, title: titles[target], words: words[target] }));
}

function descriptionHint(form: FormView): string {
  const who = forColleague(form) ? 'je collega' : 'jij';
  switch (form.answers.place?.kind) {
    case 'telefoon':
      return `Wat zei de beller, en wat zei of deed ${who}?`;
    case 'schriftelijk':
    case 'social-media':
      return `Wat stond er in het bericht (neem de ergste zinnen letterlijk over), en wat deed ${who} ermee?`;
    default:
      return `Wat zei of deed de persoon, en wat deed ${who}?`;
  }
}

/** Words people use for each form, so a typed answer ("bedreigd", "geslagen") is understood too. */
const formWords: Record<AggressionForm, string[]> = {
  'fysiek-geweld': ['fysiek', 'slaan', 'geslagen', 'duwen', 'geduwd', 'schoppen', 'geschopt', 'spugen', 'bespuugd'],
  'verbaal-geweld': ['verbaal', 'schelden', 'uitgescholden', 'beledigen', 'beledigd', 'schreeuwen'],
  intimidatie: ['intimidatie', 'bedreiging', 'bedreigd', 'dreigen', 'gedreigd'],
  stalken: ['stalken', 'stalking', 'achtervolgd', 'opgewacht'],
  discriminatie: ['discriminatie', 'gediscrimineerd', 'racisme'],
  'seksuele-intimidatie': ['seksueel', 'seksuele intimidatie'],
  vernielingen: ['vernieling', 'vernield', 'kapot'],
  wapens: ['wapen', 'wapens', 'mes', 'gevaarlijk voorwerp'],
};

function formChoices(): Choice[] {
  return aggressionForms.map((form) => ({ value: form, title: formLabels[form], words: formWords[form] }));
}

function whenProblem(result: Exclude<WhenResult, { ok: true }>): string {
  switch (result.problem) {
    case 'future':
      return 'Dat moment ligt in de toekomst. Wanneer gebeurde het? Typ bijvoorbeeld 14:30 of gisteren 16:00.';
    case 'too-old':
      return 'Dat is meer dan een jaar geleden. Klopt de datum? Typ hem opnieuw, bijvoorbeeld 3-3 10:15.';
    case 'no-time':
      return 'Hoe laat ongeveer? Typ de dag en de tijd, bijvoorbeeld gisteren 16:00.';
    default:
      return 'Dat begrijp ik niet als tijdstip. Typ bijvoorbeeld nu, 14:30, gisteren 16:00, half drie of een uur geleden.';
  }
}

/** "vanmiddag", "gisteravond", "maandag 2 maart 's middags": a day and its part as people say it. */
function dayAndPartInWords(day: string, part: DayPart | undefined, now: Date): string {
  const words = dayInWords(day, now);
  if (!part) return words;
  if (words === 'vandaag')
    return { nacht: 'vannacht', ochtend: 'vanochtend', middag: 'vanmiddag', avond: 'vanavond' }[part];
  if (words === 'gisteren') {
    return { nacht: 'gisternacht', ochtend: 'gisterochtend', middag: 'gistermiddag', avond: 'gisteravond' }[part];
  }
  return `${words} 's ${part}s`;
}

/** The buttons under "Bedoel je gisteren 14:00?". */
function confirmChoices(sub: { at: string; other?: string }, now: Date): Choice[] {
  const choices: Choice[] = [
    { value: 'confirm', title: 'Ja', words: ['ja', 'j', 'klopt', 'ja klopt', 'dat klopt', 'goed', 'ok', 'oke', 'yes'] },
  ];
  if (sub.other) {
    const sameDay = DateTime.fromISO(sub.at, { zone }).hasSame(DateTime.fromISO(sub.other, { zone }), 'day');
    const other = sameDay
      ? DateTime.fromISO(sub.other, { zone }).toFormat('HH:mm')
      : momentInWords(new Date(sub.other), now);
    choices.push({ value: 'other', title: `Nee, ${other}` });
  }
  choices.push({ value: 'again', title: 'Andere tijd', words: ['nee', 'n', 'klopt niet', 'fout', 'andere tijd'] });
  return choices;
}

/** "When": now, the card's date and time, or typed Dutch; an hour read one of two ways is confirmed first. */
const whenStep: StepDefinition = {
  id: 'when',
  label: 'Wanneer',
  applies: () => true,
  answered: (answers) => answers.occurredAt !== undefined,
  show: (answers) => (answers.occurredAt ? dayAndTime(answers.occurredAt) : ''),
  ask: (form, now) => {
    const local = DateTime.fromJSDate(now, { zone });
    if (form.sub?.kind === 'when-confirm') {
      return {
        question: `Bedoel je ${momentInWords(new Date(form.sub.at), now)}?`,
        hint: 'Klopt het niet? Kies een andere tijd, of typ de dag en de tijd, bijvoorbeeld gisteren 14:30.',
        buttons: confirmChoices(form.sub, now),
      };
    }
    if (form.sub?.kind === 'when-time') {
      return {
        question: `Hoe laat ongeveer, ${dayAndPartInWords(form.sub.day, form.sub.part, now)}?`,
        hint: 'Typ de tijd, bijvoorbeeld 14:30 of half drie; een schatting is goed. Of kies de tijd hieronder.',
        dateTime: { date: form.sub.day, time: '', max: local.toISODate() ?? '' },
      };
    }
    return {
      question: 'Wanneer gebeurde het?',
      hint: 'Klik op Zojuist, kies datum en tijd, of typ bijvoorbeeld 14:30, gisteren 16:00 of een uur geleden.',
      buttons: [{ value: 'now', title: 'Zojuist' }],
      dateTime: { date: local.toISODate() ?? '', time: local.toFormat('HH:mm'), max: local.toISODate() ?? '' },
    };
  },
  async accept(form, input, context) {
    const sub = form.sub;
    if (sub?.kind === 'when-confirm') {
      const choices = confirmChoices(sub, context.now);
      const typed = input.kind === 'text' ? searchable(input.text) : undefined;
      const picked =
        input.kind === 'choice'
          ? input.value
          : choices.find(
              (choice) =>
                searchable(choice.title) === typed || (choice.words ?? []).some((word) => searchable(word) === typed),
            )?.value;
      if (picked === 'confirm') return { kind: 'answer', patch: { occurredAt: sub.at } };
      if (picked === 'other' && sub.other) return { kind: 'answer', patch: { occurredAt: sub.other } };
      if (picked === 'again') {
        return { kind: 'sub', notice: 'Typ de dag en de tijd, bijvoorbeeld gisteren 14:30, of kies ze hieronder.' };
      }
    }
    let result: WhenResult;
    if (input.kind === 'choice' && input.value === 'now') result = { ok: true, at: context.now };
    else if (input.kind === 'dateTime') result = parseDateAndTime(input.date, input.time, context.now);
    else if (input.kind === 'text') {
      const day = sub?.kind === 'when-time' ? { date: sub.day, part: sub.part } : undefined;
      result = parseWhen(input.text, context.now, { hours: context.workingHours, day });
    } else result = { ok: false, problem: 'unknown' };
    if (result.ok && result.confirm) {
      const confirm: SubState = { kind: 'when-confirm', at: result.at.toISOString() };
      if (result.other) confirm.other = result.other.toISOString();
      return { kind: 'sub', sub: confirm };
    }
    if (result.ok) return { kind: 'answer', patch: { occurredAt: result.at.toISOString() } };
    if (result.problem === 'no-time') {
      return {
        kind: 'sub',
        sub: { kind: 'when-time', day: result.day, ...(result.part ? { part: result.part } : {}) },
        notice: 'Je noemde de dag, maar niet hoe laat. Zelf vul ik geen tijd in.',
      };
    }
    return { kind: 'retry', notice: whenProblem(result) };
  },
};

export const steps: readonly StepDefinition[] = [
  choiceStep<'self' | 'colleague'>({
    id: 'subject',
    label: 'Over wie',
    question: () => 'Over wie gaat deze melding?',
    choices: () => [
      { value: 'self', title: 'Over mij: het overkwam mij', words: ['mij', 'mezelf', 'ik', 'mijzelf', 'over mij'] },
      {
        value: 'colleague',
        title: 'Over een collega: ik vul in voor of met een collega',
        words: ['collega', 'een collega', 'over een collega'],
      },
    ],
    read: (answers) => answers.subject,
    patch: (value) => ({ subject: value as 'self' | 'colleague' }),
    show: (value) => (value === 'self' ? 'Over mij' : 'Over een collega'),
  }),
  personStep({
    id: 'victim',
    label: 'Collega',
    applies: (form) => form.answers.subject === 'colleague',
    question: () => 'Om welke collega gaat het? Typ (een deel van) de naam.',
    hint: () => undefined,
    extra: () => [],
    exclude: (form) => [form.reporter.id],
  }),
  whenStep,
  {
    id: 'where',
    label: 'Waar',
    applies: () => true,
    answered: (answers) => answers.place !== undefined,
    show: (answers) => (answers.place ? placeText(answers.place) : ''),
    ask(form) {
      if (form.sub?.kind === 'place-other') {
        return {
          question: 'Waar was het? Beschrijf de plek in een paar woorden.',
          hint: `Hooguit ${limits.placeOther} tekens.`,
        };
      }
      return {
        question: 'Waar gebeurde het?',
        hint: 'Kies de plek en klik op Verder, of typ het nummer.',
        select: { multi: false, choices: placeChoices(form), selected: [] },
      };
    },
    async accept(form, input) {
      if (form.sub?.kind === 'place-other') {
        if (input.kind !== 'text') return { kind: 'retry', notice: 'Typ in een paar woorden waar het was.' };
        const text = input.text.trim();
        if (text.length > limits.placeOther) return { kind: 'retry', notice: tooLong(text.length, limits.placeOther) };
        if (text.length < 2) return { kind: 'retry', notice: 'Typ in een paar woorden waar het was.' };
        return { kind: 'answer', patch: { place: { kind: 'anders', description: text } } };
      }
      // A card's value is taken whole (never split), so a legacy `location:<name>` with commas still matches.
      let value: string | undefined;
      if (input.kind === 'choice') value = input.value;
      else if (input.kind === 'selection') value = input.values.length === 1 ? input.values[0] : undefined;
      else value = chosenValue(input, placeChoices(form));
      if (value === undefined) return { kind: 'retry', notice: unknownAnswer(input) };
      if (value === 'kind:anders') return { kind: 'sub', sub: { kind: 'place-other' } };
      const location = locationOf(value, form);
      if (location !== undefined) return { kind: 'answer', patch: { place: { kind: 'location', name: location } } };
      const kind = placeKinds.find((candidate) => `kind:${candidate}` === value);
      if (!kind) return { kind: 'retry', notice: unknownAnswer(input) };
      return { kind: 'answer', patch: { place: { kind } as Place } };
    },
  },
  {
    id: 'forms',
    label: 'Soort agressie',
    applies: () => true,
    answered: (answers) => (answers.forms?.length ?? 0) > 0,
    show: (answers) => (answers.forms ?? []).map((form) => formLabels[form]).join(', '),
    ask: (form) => ({
      question: 'Wat voor agressie was het? Kies alles wat past.',
      hint: 'Vink één of meer aan en klik op Verder, of typ de nummers, bijvoorbeeld 2, 3.',
      select: { multi: true, choices: formChoices(), selected: form.answers.forms ?? [] },
    }),
    multiSelect: true,
    async accept(_form, input) {
      const read = chosenValues(input, formChoices());
      if ('notice' in read) return { kind: 'retry', notice: read.notice };
      if (read.values.length === 0) return { kind: 'retry', notice: 'Kies minstens één soort agressie.' };
      const forms = aggressionForms.filter((form) => read.values.includes(form));
      return { kind: 'answer', patch: { forms } };
    },
  },
  {
    id: 'threat',
    label: 'Bedreiging gericht tegen',
    applies: (form) => (form.answers.forms ?? []).includes('intimidatie'),
    answered: (answers) => (answers.threatTargets?.length ?? 0) > 0,
    show: (answers) => (answers.threatTargets ?? []).map((target) => threatTargetLabels[target]).join(', '),
    ask: (form) => ({
      question: 'Tegen wie was de bedreiging gericht? Kies alles wat past.',
      hint: 'Vink één of meer aan en klik op Verder, of typ de nummers, bijvoorbeeld 1, 4.',
      select: { multi: true, choices: threatChoices(form), selected: form.answers.threatTargets ?? [] },
    }),
    multiSelect: true,
    async accept(form, input) {
      const read = chosenValues(input, threatChoices(form));
      if ('notice' in read) return { kind: 'retry', notice: read.notice };
      if (read.values.length === 0) return { kind: 'retry', notice: 'Kies minstens één.' };
      return {
        kind: 'answer',
        patch: { threatTargets: threatTargets.filter((target) => read.values.includes(target)) },
      };
    },
  },
  choiceStep<SeveralAggressors>({
    id: 'several',
    label: 'Meerdere daders',
    applies: (form) => violenceAgainstPeopleOrThings(form.answers.forms ?? []),
    question: () => 'Deden er meerdere mensen samen mee aan het geweld?',
    choices: () => [
      { value: 'nee', title: severalLabels.nee, words: ['nee', 'een', 'één', '1'] },
      { value: 'ja', title: severalLabels.ja, words: ['ja', 'meerdere'] },
      { value: 'onbekend', title: severalLabels.onbekend, words: ['weet niet', 'onbekend', '?'] },
    ],
    read: (answers) => answers.severalAggressors,
    patch: (value) => ({ severalAggressors: value as SeveralAggressors }),
    show: (value) => severalLabels[value],
  }),
  {
    id: 'description',
    label: 'Wat er gebeurde',
    applies: () => true,
    answered: (answers) => answers.description !== undefined,
    show: (answers) => answers.description ?? '',
    ask: (form) => ({
      question: 'Wat is er gebeurd? Vertel het in je eigen woorden; een paar zinnen is genoeg.',
      hint: `${descriptionHint(form)} Hooguit ${limits.description} tekens.`,
    }),
    async accept(_form, input) {
      if (input.kind !== 'text') return { kind: 'retry', notice: 'Typ in een paar zinnen wat er gebeurde.' };
      const text = input.text.trim();
      if (text.length > limits.description) return { kind: 'retry', notice: tooLong(text.length, limits.description) };
      if (text.length < limits.descriptionMin) {
        return { kind: 'retry', notice: 'Vertel iets meer over wat er gebeurde, in minstens een hele zin.' };
      }
      return { kind: 'answer', patch: { description: text } };
    },
  },
  yesNoStep('injury', 'Letsel', 'Is er iemand gewond geraakt?', 'injury', { applies: onSite }),
  yesNoStep('damage', 'Schade', 'Is er iets vernield of beschadigd?', 'damage', { applies: onSite }),
  yesNoStep('weapons', 'Wapens', 'Had de persoon een wapen of een gevaarlijk voorwerp?', 'weapons', {
    applies: (form: FormView) => onSite(form) && !(form.answers.forms ?? []).includes('wapens'),
  }),
  choiceStep<PoliceAnswer>({
    id: 'police',
    label: 'Politie',
    question: () => 'Is de politie gekomen?',
    choices: () => [
      { value: 'nee', title: policeLabels.nee, words: ['n', 'geen'] },
      { value: 'ja', title: policeLabels.ja, words: ['ja', 'j', 'gekomen'] },
      { value: 'gebeld', title: policeLabels.gebeld, words: ['gebeld', 'niet gekomen'] },
    ],
    read: (answers) => answers.police,
    patch: (value) => ({ police: value as PoliceAnswer }),
    show: (value) => policeLabels[value],
  }),
  {
    id: 'aggressor',
    label: 'Agressor',
    applies: () => true,
    answered: (answers) => answers.aggressor !== undefined,
    show: (answers) =>
      answers.aggressor?.kind === 'known' ? answers.aggressor.identification : answers.aggressor ? 'Onbekend' : '',
    ask: () => ({
      question: 'Weet je wie het was? Typ de naam of het klantnummer.',
      hint:
        'Dit helpt om herhaling te herkennen: gebeurt het binnen een jaar opnieuw, dan is de maatregel zwaarder. ' +
        'De naam zien de leidinggevende en de coördinator; komt er een toegangs- of contactverbod, dan ook de receptie, ' +
        'om de persoon te herkennen. Het Halteam en P&O zien alleen dát de persoon bekend is. ' +
        'Weet je het niet, klik dan op Onbekend.',
      buttons: [{ value: 'unknown', title: 'Onbekend', words: ['weet ik niet', 'weet niet', 'geen idee', 'nee'] }],
    }),
    async accept(_form, input) {
      if (input.kind === 'choice' && input.value === 'unknown') {
        return { kind: 'answer', patch: { aggressor: { kind: 'unknown' } } };
      }
      if (input.kind !== 'text')
        return { kind: 'retry', notice: 'Typ de naam of het klantnummer, of klik op Onbekend.' };
      const text = input.text.trim();
      if (
        matchChoice(text, [
          { value: 'unknown', title: 'Onbekend', words: ['weet ik niet', 'weet niet', 'geen idee', 'nee'] },
        ])
      ) {
        return { kind: 'answer', patch: { aggressor: { kind: 'unknown' } } };
      }
      if (text.length > limits.aggressor) return { kind: 'retry', notice: tooLong(text.length, limits.aggressor) };
      if (searchable(text).length < 2)
        return { kind: 'retry', notice: 'Typ de naam of het klantnummer, of klik op Onbekend.' };
      return { kind: 'answer', patch: { aggressor: { kind: 'known', identification: text } } };
    },
  },
  {
    id: 'witnesses',
    label: "Getuigen en collega's",
    applies: onSite,
    answered: (answers) => answers.witnesses !== undefined,
    show: (answers) =>
      answers.witnesses?.kind === 'named' ? answers.witnesses.names : answers.witnesses ? 'Niemand' : '',
    ask: () => ({
      question: "Wie waren er verder bij? Denk aan collega's of andere getuigen.",
      hint: `Typ de namen, of klik op Niemand. Hooguit ${limits.witnesses} tekens.`,
      buttons: [{ value: 'none', title: 'Niemand', words: ['geen', 'niemand', 'nee', 'geen getuigen'] }],
    }),
    async accept(_form, input) {
      if (input.kind === 'choice' && input.value === 'none')
        return { kind: 'answer', patch: { witnesses: { kind: 'none' } } };
      if (input.kind !== 'text') return { kind: 'retry', notice: 'Typ de namen, of klik op Niemand.' };
      const text = input.text.trim();
      if (matchChoice(text, [{ value: 'none', title: 'Niemand', words: ['geen', 'nee', 'geen getuigen'] }])) {
        return { kind: 'answer', patch: { witnesses: { kind: 'none' } } };
      }
      if (text.length > limits.witnesses) return { kind: 'retry', notice: tooLong(text.length, limits.witnesses) };
      if (searchable(text).length < 2) return { kind: 'retry', notice: 'Typ de namen, of klik op Niemand.' };
      return { kind: 'answer', patch: { witnesses: { kind: 'named', names: text } } };
    },
  },
  personStep({
    id: 'manager',
    label: 'Leidinggevende',
    question: (form) =>
      form.answers.subject === 'colleague'
        ? `Wie is de leidinggevende van ${victimName(form)}? Typ (een deel van) de naam.`
        : 'Wie is je leidinggevende? Typ (een deel van) de naam.',
    hint: () => 'De leidinggevende krijgt de melding, met advies over aangifte en maatregelen.',
    extra: (form) =>
      form.answers.subject === 'colleague'
        ? [{ value: 'self', title: 'Ikzelf', words: ['ik', 'ikzelf', 'mij', 'ik ben het'], person: form.reporter }]
        : [],
    exclude: (form) => [form.answers.subject === 'colleague' ? (form.answers.victim?.id ?? '') : form.reporter.id],
  }),
  choiceStep<boolean>({
    id: 'dagstart',
    label: 'Naam bij de dagstart',
    question: (form) =>
      form.answers.subject === 'colleague'
        ? `Het incident wordt besproken bij de dagstart. Mag de naam van ${victimName(form)} daarbij genoemd worden?`
        : 'Het incident wordt besproken bij de dagstart. Mag je naam daarbij genoemd worden?',
    choices: (form) => [
      {
        value: 'ja',
        title: form.answers.subject === 'colleague' ? 'Ja, noem de naam' : 'Ja, noem mijn naam',
        words: ['ja', 'j', 'mag'],
      },
      {
        value: 'nee',
        title: form.answers.subject === 'colleague' ? 'Nee, laat de naam weg' : 'Nee, laat mijn naam weg',
        words: ['nee', 'n', 'weglaten', 'anoniem'],
      },
    ],
    read: (answers) => answers.nameInDagstart,
    patch: (value) => ({ nameInDagstart: value === 'ja' }),
    show: (value) => (value ? 'Mag genoemd worden' : 'Weglaten'),
  }),
];

export function stepById(id: StepId): StepDefinition {
  return steps.find((step) => step.id === id) as StepDefinition;
}
