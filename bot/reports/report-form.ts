import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../shared/clock';
import type { FlowInput } from '../shared/conversation-flow';
import { searchable, type Directory } from '../shared/directory';
import type { OutgoingMessage } from '../shared/messenger';
import { samePerson } from '../shared/people';
import type { WorkingHours } from '../shared/working-days';
import { dayAndTime, timeOfDay } from '../shared/time-format';
import { questionCard, summaryCard, type SummaryItem } from './report-cards';
import type { Answers, IncidentReport, Person, ReportSource } from './report-model';
import type { DraftRecord } from './report-store';
import {
  stepById,
  steps,
  type FormView,
  type Position,
  type StepDefinition,
  type StepId,
  type StepInput,
  type SubState,
} from './report-steps';

/**
 * The conversation that fills in a report, as a state machine: state and input in, new state and the
 * messages to send out. The platform keeps the state between turns (report-flow.ts is the flow it
 * runs); nothing here knows about Teams.
 */
export const draftExpiryDays = 14;
/** After this pause a typed message is not taken as an answer: the question is shown again first. */
export const resumeAfterMs = 30 * 60_000;

export type ReportStart = { kind: 'chat' } | { kind: 'alarm'; buttonId: string; alarmId: string };

/** What the report needs of a closed alarm to prefill time, place, responders and police. */
export interface AlarmFacts {
  pressedAt: string;
  location: string;
  responders: string[];
  policeCame: boolean;
}

export interface FormState {
  version: 1;
  draftId: string;
  reporter: Person;
  conversation: { channelId: string; id: string };
  startedAt: string;
  lastActivityAt: string;
  position: Position;
  history: Position[];
  answers: Answers;
  /** Steps filled from the alarm and not asked; they can be changed from the summary. */
  prefilled: StepId[];
  source: ReportSource;
  locations: string[];
  sub?: SubState;
}

/** A card click in the report conversation: starting from an alarm, or answering a step. */
const startValue = z.object({
  flow: z.literal('report'),
  start: z.literal('alarm'),
  buttonId: z.string().min(1).max(63),
  alarmId: z.string().min(1).max(80),
});
const answerValue = z.object({
  flow: z.literal('report'),
  draftId: z.string().min(1).max(64),
  step: z.string().min(1).max(40),
  answer: z.string().max(300).optional(),
  selection: z.string().max(2000).optional(),
  date: z.string().max(20).optional(),
  time: z.string().max(10).optional(),
  action: z.enum(['edit', 'send', 'stop']).optional(),
  field: z.string().max(40).optional(),
});
export const reportCardValue = z.union([startValue, answerValue]);
export type ReportCardValue = z.infer<typeof reportCardValue>;
export type AnswerValue = z.infer<typeof answerValue>;

export type FormInput = FlowInput<ReportCardValue>;

export interface SubmitResult {
  kind: 'submitted' | 'already';
  report: IncidentReport;
}

export type ReportDraft = Omit<IncidentReport, 'number' | 'submittedAt'>;

export interface FormDeps {
  clock: Clock;
  directory: Directory;
  /** WORKING_HOURS, for reading "2 uur" as 14:00 (and asking to confirm it). */
  workingHours?: WorkingHours;
  locations(): Promise<string[]>;
  alarmFacts(buttonId: string, alarmId: string): Promise<AlarmFacts | undefined>;
  /** Numbers of reports already made for this alarm. */
  reportsForAlarm(alarmId: string): Promise<string[]>;
  submit(draft: ReportDraft): Promise<SubmitResult>;
  drafts: {
    opened(record: DraftRecord): Promise<void>;
    touched(draftId: string, at: Date): Promise<void>;
    closed(draftId: string): Promise<void>;
  };
}

export interface FormTurn {
  state?: FormState;
  replies: OutgoingMessage[];
  /** The conversation is over (the flow ends); without it the state is kept for the next turn. */
  end?: 'submitted' | 'cancelled' | 'expired' | 'not-started';
}

const words = {
  stop: ['stop', 'stoppen', 'annuleer', 'annuleren', 'afbreken', 'cancel', 'stop melding'],
  back: ['terug', 'vorige', 'ga terug', 'vorige vraag', 'back'],
  overview: ['overzicht', 'samenvatting', 'mijn antwoorden', 'antwoorden'],
  help: ['help', 'hulp', 'menu', 'wat moet ik doen'],
  resume: ['verder', 'ga verder', 'doorgaan', 'melden', 'melding', 'hoi', 'hallo', 'ik wil melden'],
  send: ['versturen', 'verstuur', 'verzenden', 'verzend', 'klopt', 'ja', 'ok', 'oke', 'akkoord'],
};

function isWord(text: string, list: readonly string[]): boolean {
  return list.includes(searchable(text));
}

const intro =
  'Fijn dat je dit meldt. Ik stel een paar korte vragen, één voor één. Je kunt altijd **terug**, **overzicht** of **stop** typen. Er wordt niets verstuurd voordat jij op Versturen klikt.';

function formView(state: FormState): FormView {
  return {
    reporter: state.reporter,
    answers: state.answers,
    locations: state.locations,
    source: state.source,
    sub: state.sub,
  };
}

function applicable(state: FormState): StepDefinition[] {
  const view = formView(state);
  return steps.filter((step) => step.applies(view));
}

function firstOpen(state: FormState): Position {
  return applicable(state).find((step) => !step.answered(state.answers))?.id ?? 'summary';
}

function summaryItems(state: FormState, editable: boolean): SummaryItem[] {
  const items: SummaryItem[] = applicable(state)
    .filter((step) => step.answered(state.answers))
    .map((step) => ({ label: step.label, value: step.show(state.answers), field: step.id, editable }));
  if (state.source.kind === 'alarm' && state.source.responders.length > 0) {
    items.push({ label: 'Halteam ter plaatse', value: state.source.responders.join(', '), field: '', editable: false });
  }
  return items;
}

type Tone = 'info' | 'problem';

/** The message that asks where the conversation is: a question card, or the summary to check and send. */
function ask(state: FormState, now: Date, notice?: { text: string; tone: Tone }, showCurrent = false): OutgoingMessage {
  if (state.position === 'summary') {
    return {
      card: summaryCard({
        draftId: state.draftId,
        mode: 'check',
        notice: notice?.text,
        noticeTone: notice?.tone,
        items: summaryItems(state, true),
      }),
    };
  }
  const step = stepById(state.position);
  // Prefilled answers (from the alarm) are not asked, so they do not count, unless one is being changed.
  const list = applicable(state).filter(
    (candidate) => candidate.id === step.id || !state.prefilled.includes(candidate.id),
  );
  const index = list.findIndex((candidate) => candidate.id === step.id);
  // No "van N": later answers add or skip questions (a colleague, a threat, a phone call), and a total that
  // jumps is worse than none.
  const question = step.ask(formView(state), now);
  const current = showCurrent && step.answered(state.answers) && !state.sub ? step.show(state.answers) : '';
  return {
    card: questionCard({
      draftId: state.draftId,
      step: step.id,
      progress: `Vraag ${index + 1}`,
      notice: notice?.text,
      noticeTone: notice?.tone,
      current,
      ...question,
    }),
  };
}

function overview(state: FormState): OutgoingMessage {
  return { card: summaryCard({ draftId: state.draftId, mode: 'overview', items: summaryItems(state, false) }) };
}

/** Starts a report: a new draft, prefilled from the alarm when it came from one. */
export async function startForm(
  start: ReportStart,
  who: { reporter: Person; conversation: { channelId: string; id: string } },
  deps: FormDeps,
): Promise<FormTurn> {
  const now = deps.clock.now();
  const answers: Answers = {};
  const prefilled: StepId[] = [];
  let source: ReportSource = { kind: 'chat' };
  let notice = intro;

  if (start.kind === 'alarm') {
    const existing = await deps.reportsForAlarm(start.alarmId);
    if (existing.length > 0) {
      return {
        end: 'not-started',
        replies: [
          {
            text:
              `Voor dit alarm is al een melding gedaan: **${existing.join(', ')}**. Er is niets veranderd.\n\n` +
              'Wil je toch een nieuwe melding maken, bijvoorbeeld voor een andere collega? Typ dan **melden**.',
          },
        ],
      };
    }
    const facts = await deps.alarmFacts(start.buttonId, start.alarmId);
    if (facts) {
      answers.occurredAt = facts.pressedAt;
      answers.place = { kind: 'location', name: facts.location };
      prefilled.push('when', 'where');
      if (facts.policeCame) {
        answers.police = 'ja';
        prefilled.push('police');
      }
      source = { kind: 'alarm', buttonId: start.buttonId, alarmId: start.alarmId, responders: facts.responders };
      notice =
        `${intro}\n\nTijd en plaats van het alarm staan er al in: ${timeOfDay(facts.pressedAt).slice(0, 5)}, ${facts.location}. ` +
        'Je kunt ze aan het eind nog wijzigen.';
    } else {
      notice = `${intro}\n\nDe gegevens van het alarm kon ik niet vinden; vul tijd en plaats zelf in.`;
    }
  }

  const locations = await deps.locations();

  const state: FormState = {
    version: 1,
    draftId: randomUUID(),
    reporter: who.reporter,
    conversation: who.conversation,
    startedAt: now.toISOString(),
    lastActivityAt: now.toISOString(),
    position: 'subject',
    history: [],
    answers,
    prefilled,
    source,
    locations,
  };
  state.position = firstOpen(state);
  await deps.drafts.opened({
    draftId: state.draftId,
    user: who.reporter,
    conversation: who.conversation,
    startedAt: state.startedAt,
    lastActivityAt: state.lastActivityAt,
  });
  return { state, replies: [ask(state, now, { text: notice, tone: 'info' })] };
}

/** One turn of the conversation. */
export async function continueForm(previous: FormState, input: FormInput, deps: FormDeps): Promise<FormTurn> {
  const now = deps.clock.now();
  const pause = now.getTime() - new Date(previous.lastActivityAt).getTime();
  if (pause > draftExpiryDays * 24 * 3_600_000) {
    await deps.drafts.closed(previous.draftId);
    return {
      end: 'expired',
      replies: [
        {
          text:
            `Je melding (begonnen ${dayAndTime(previous.startedAt)}) is ${draftExpiryDays} dagen niet afgemaakt en is weggegooid. ` +
            'Er is niets verstuurd. Typ **melden** als je opnieuw wilt beginnen.',
        },
      ],
    };
  }
  const state: FormState = { ...previous, lastActivityAt: now.toISOString() };
  const turn = await route(state, input, pause, deps, now);
  if (!turn.end) await deps.drafts.touched(state.draftId, now);
  return turn;
}

async function route(state: FormState, input: FormInput, pause: number, deps: FormDeps, now: Date): Promise<FormTurn> {
  const again = (notice?: { text: string; tone: Tone }, showCurrent = false): FormTurn => ({
    state,
    replies: [ask(state, now, notice, showCurrent)],
  });

  if (input.kind === 'bad-card') {
    return again({ text: 'Die knop herken ik niet. Er is niets veranderd.', tone: 'problem' });
  }

  if (input.kind === 'card') {
    const value = input.value;
    if ('start' in value) {
      return again({ text: 'Je bent al bezig met een melding. We gaan verder waar je was.', tone: 'info' });
    }
    if (value.draftId !== state.draftId) {
      return again({
        text: 'Die kaart hoort bij een eerdere melding. Er is niets veranderd; we gaan verder met deze.',
        tone: 'problem',
      });
    }
    if (value.action === 'stop') return cancel(state, deps);
    if (value.step !== state.position) {
      return again({ text: 'Die vraag had je al beantwoord; er is niets veranderd. We zijn nu hier:', tone: 'info' });
    }
    if (state.position === 'summary') return summaryAction(state, value, deps, now);
    return answer(state, cardInput(value, stepById(state.position).multiSelect === true), deps, now);
  }

  const text = input.text.trim();
  if (isWord(text, words.stop)) return cancel(state, deps);
  if (isWord(text, words.back)) return back(state, now);
  if (isWord(text, words.overview)) {
    return { state, replies: [overview(state), ask(state, now)] };
  }
  if (isWord(text, words.help) || text === '?') {
    return again({
      text:
        'Je bent bezig met een melding van agressie. Beantwoord de vraag hieronder. Typ **terug** voor de vorige vraag, ' +
        '**overzicht** voor je antwoorden tot nu toe, of **stop** om te stoppen zonder iets te bewaren.',
      tone: 'info',
    });
  }
  if (pause > resumeAfterMs) {
    return again({
      text: 'Welkom terug. Je melding is nog niet verstuurd; we gaan verder waar je was.',
      tone: 'info',
    });
  }
  if (isWord(text, words.resume)) {
    return again({ text: 'Je bent al bezig met een melding. We gaan verder waar je was.', tone: 'info' });
  }
  if (text === '') return again({ text: 'Typ je antwoord, of kies een van de knoppen.', tone: 'problem' });
  if (state.position === 'summary') {
    if (isWord(text, words.send)) return send(state, deps);
    return again({
      text: 'Klik op **Versturen** om de melding te versturen, of op **Wijzig** bij een antwoord.',
      tone: 'problem',
    });
  }
  return answer(state, { kind: 'text', text }, deps, now);
}

/** A card click as step input. Only a multiple choice is split (Teams joins its values with commas). */
function cardInput(value: AnswerValue, multiSelect: boolean): StepInput {
  if (value.answer !== undefined) return { kind: 'choice', value: value.answer };
  if (value.date !== undefined || value.time !== undefined) {
    return { kind: 'dateTime', date: value.date ?? '', time: value.time ?? '' };
  }
  const selection = value.selection ?? '';
  if (!multiSelect) return { kind: 'selection', values: selection === '' ? [] : [selection] };
  const values = selection
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return { kind: 'selection', values };
}

async function answer(state: FormState, input: StepInput, deps: FormDeps, now: Date): Promise<FormTurn> {
  const step = stepById(state.position as StepId);
  const accepted = await step.accept(formView(state), input, {
    now,
    directory: deps.directory,
    workingHours: deps.workingHours,
  });
  if (accepted.kind === 'retry') {
    return { state, replies: [ask(state, now, { text: accepted.notice, tone: 'problem' })] };
  }
  if (accepted.kind === 'sub') {
    const next: FormState = { ...state, sub: accepted.sub };
    return {
      state: next,
      replies: [ask(next, now, accepted.notice ? { text: accepted.notice, tone: 'info' } : undefined)],
    };
  }
  const next: FormState = {
    ...state,
    answers: { ...state.answers, ...accepted.patch },
    history: [...state.history, state.position].slice(-60),
    sub: undefined,
  };
  next.position = firstOpen(next);
  return { state: next, replies: [ask(next, now)] };
}

function back(state: FormState, now: Date): FormTurn {
  if (state.sub) {
    const next = { ...state, sub: undefined };
    return { state: next, replies: [ask(next, now, undefined, true)] };
  }
  const history = [...state.history];
  const view = formView(state);
  while (history.length > 0) {
    const target = history.pop() as Position;
    if (target === 'summary' || stepById(target).applies(view)) {
      const next: FormState = { ...state, position: target, history };
      return {
        state: next,
        replies: [ask(next, now, { text: 'Terug naar de vorige vraag.', tone: 'info' }, true)],
      };
    }
  }
  return {
    state,
    replies: [ask(state, now, { text: 'Dit is de eerste vraag. Typ **stop** als je wilt stoppen.', tone: 'info' })],
  };
}

async function cancel(state: FormState, deps: FormDeps): Promise<FormTurn> {
  await deps.drafts.closed(state.draftId);
  return {
    end: 'cancelled',
    replies: [
      {
        text:
          'Gestopt. Er is niets bewaard en niets verstuurd. Typ **melden** als je later opnieuw wilt beginnen.\n\n' +
          'Wil je er met iemand over praten? Je leidinggevende en het Halteam staan voor je klaar.',
      },
    ],
  };
}

async function summaryAction(state: FormState, value: AnswerValue, deps: FormDeps, now: Date): Promise<FormTurn> {
  if (value.action === 'send') return send(state, deps);
  if (value.action === 'edit') {
    const field = steps.find((step) => step.id === value.field);
    if (!field || !field.applies(formView(state))) {
      return { state, replies: [ask(state, now, { text: 'Dat antwoord kan ik niet wijzigen.', tone: 'problem' })] };
    }
    const next: FormState = {
      ...state,
      position: field.id,
      history: [...state.history, 'summary' as Position].slice(-60),
      sub: undefined,
    };
    return { state: next, replies: [ask(next, now, { text: 'Wijzig je antwoord.', tone: 'info' }, true)] };
  }
  return {
    state,
    replies: [ask(state, now, { text: 'Klik op Versturen, of op Wijzig bij een antwoord.', tone: 'problem' })],
  };
}

/** The report as it will be stored, from the answers of the steps that apply. */
export function draftOf(state: FormState): ReportDraft | undefined {
  if (firstOpen(state) !== 'summary') return undefined;
  const a = state.answers;
  const forms = a.forms ?? [];
  const view = formView(state);
  const several = stepById('several').applies(view) ? a.severalAggressors : undefined;
  const threatTargets = stepById('threat').applies(view) ? a.threatTargets : undefined;
  // Not asked after a phone call, a letter or a post: nothing of it happened on site.
  const asked = (id: StepId) => stepById(id).applies(view);
  return {
    draftId: state.draftId,
    reporter: state.reporter,
    subject: a.subject === 'colleague' && a.victim ? { kind: 'colleague', victim: a.victim } : { kind: 'self' },
    occurredAt: a.occurredAt as string,
    place: a.place as ReportDraft['place'],
    forms,
    ...(threatTargets ? { threatTargets } : {}),
    ...(several ? { severalAggressors: several } : {}),
    description: a.description as string,
    injury: asked('injury') ? (a.injury as boolean) : false,
    damage: asked('damage') ? (a.damage as boolean) : false,
    weapons: forms.includes('wapens') ? true : asked('weapons') ? (a.weapons as boolean) : false,
    police: a.police as ReportDraft['police'],
    aggressor: a.aggressor as ReportDraft['aggressor'],
    witnesses: asked('witnesses') ? (a.witnesses as ReportDraft['witnesses']) : { kind: 'none' },
    manager: a.manager as Person,
    nameInDagstart: a.nameInDagstart as boolean,
    source: state.source,
  };
}

async function send(state: FormState, deps: FormDeps): Promise<FormTurn> {
  const draft = draftOf(state);
  if (!draft) {
    const next = { ...state, position: firstOpen(state) };
    return {
      state: next,
      replies: [ask(next, deps.clock.now(), { text: 'Er mist nog een antwoord:', tone: 'problem' })],
    };
  }
  const result = await deps.submit(draft);
  const { report } = result;
  if (result.kind === 'already') {
    return {
      end: 'submitted',
      replies: [{ text: `Deze melding was al verstuurd als **${report.number}**. Er is niets veranderd.` }],
    };
  }
  const manager = samePerson(report.manager, report.reporter)
    ? 'jij als leidinggevende'
    : `de leidinggevende, ${report.manager.name}`;
  return {
    end: 'submitted',
    replies: [
      {
        text:
          `Dank je wel. Je melding is verstuurd als **${report.number}**.\n\n` +
          `Het Halteam en ${manager} krijgen hem nu. De leidinggevende neemt contact op over de nazorg ` +
          'en krijgt advies over aangifte en maatregelen.\n\n' +
          'Heb je nu steun nodig? Praat erover met een collega, je leidinggevende of iemand van het Halteam.',
      },
    ],
  };
}
