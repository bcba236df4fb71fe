import { parseIncidentNumber } from '../reports/incident-number';
import { randomBytes } from 'node:crypto';
import type restify from 'restify';
import { z } from 'zod';
import formTemplate from '../../cards/measure-form.json';
import recordedTemplate from '../../cards/measure-recorded.json';
import { isBotAdmin } from '../bindings/bot-admins';
import type { BanInForce, BansInForce } from '../dagstart/digest-ports';
import { renderCard } from '../platform/cards/render-card';
import { perClientLimit } from '../platform/http/request-guards';
import type { JobScheduler } from '../shared/jobs';
import { adviceFor as aangifteAdviceFor } from '../reports/notify-report';
import { repeatLines } from '../reports/repeat-rules';
import { sanctionAdviceFor } from '../reports/repeats';
import type { IncidentReport } from '../reports/report-model';
import type { ReportStore } from '../reports/report-store';
import { sanctionNoteTexts } from '../reports/sanction-rules';
import type { CapabilityModule } from '../shared/capability';
import type { Clock } from '../shared/clock';
import { createBackgroundWork } from '../shared/background-work';
import { defineCardAction } from '../shared/card-actions';
import type { Actor, CardActionResult, Command, CommandContext } from '../shared/commands';
import type { ConversationStore } from '../shared/conversation-store';
import { errorCodes, HalteamError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { AdaptiveCard, Messenger } from '../shared/messenger';
import { dayAndTime, localDate } from '../shared/time-format';
import { damageCard, damageData, damageReminderJob, remindDamage, saveDamage } from './damage';
import { letterDocx, letterFileName } from './letters';
import { aangifteText, changedRecord, currentCard, liftedRecord, type EditMode } from './measure-changes';
import {
  bansInForceText,
  checkDecision,
  currentMeasure,
  decisionProblemTexts,
  inForce,
  isBan,
  longDate,
  measureKindLabels,
  measureKinds,
  measureState,
  measureSummary,
  nameFromIdentification,
  preselect,
  type AangifteStatus,
  type MeasureDecision,
  type Preselection,
} from './measure-rules';
import type { MeasureRecord, MeasureStore } from './measure-store';
import { checkName } from './name-match';
import {
  announceBan,
  announceLift,
  banEndNoticeJob,
  banLiftNoticeJob,
  banStartJob,
  banStartNoticeJob,
  cancelBanJobs,
  tellBanEnded,
  tellBanLifted,
} from './reception';
import { nextPurgeAt, purgeExpired, purgeJob, purgeJobId, type AggressorRecords } from './retention';

/** The dagstart's side (issue 6): shows the measure on the incident's dagstart card, in place. */
export interface DagstartMeasureUpdate {
  updateMeasure(number: string, measureText: string): Promise<boolean>;
}

export interface MeasuresDeps {
  store: MeasureStore;
  reports: Pick<ReportStore, 'get' | 'factsSince'>;
  messenger: Messenger;
  conversations: Pick<ConversationStore, 'getBinding'>;
  scheduler: JobScheduler;
  clock: Clock;
  logger: Logger;
  dagstart: DagstartMeasureUpdate;
  /** Bot admins and Halteam coordinators: they may record a measure for any incident. */
  coordinators: readonly string[];
  /** PUBLIC_BASE_URL: where the manager downloads the draft letter. */
  publicBaseUrl: string;
  /** The reports' aggressor data, for the retention purge. */
  aggressorRecords: AggressorRecords;
  /** MEASURES_RETENTION_MONTHS. */
  retentionMonths: number;
}

/** Bans in force, for the dagstart digest: kind, number and period; never a name. */
export function bansInForce(store: Pick<MeasureStore, 'all'>): BansInForce {
  return {
    async list(now) {
      const today = localDate(now);
      return (await store.all())
        .filter((measure) => inForce(measure, today))
        .map((measure): BanInForce => ({
          description: `${measureKindLabels[measure.kind]} (${measure.number}), sinds ${longDate(measure.startDate as string)}`,
          until: measure.endDate as string,
        }));
    },
  };
}

/**
 * The advice as the form shows it: the preselection in words that name it, the notes (repeat first),
 * the other reports of the same event (one incident: one measure), and whether aangifte was advised.
 */
type Advised = Preselection & { notes: string[]; sameEvent: string[]; aangifteAdvised: boolean };

async function adviceFor(report: IncidentReport, deps: MeasuresDeps, today: string): Promise<Advised> {
  const { sanction, repeats } = await sanctionAdviceFor(report, deps.reports);
  return {
    ...preselect(sanction, today),
    notes: [
      ...repeatLines(repeats, report.aggressor.kind === 'known', 'form', dayAndTime),
      ...sanction.notes.map((note) => sanctionNoteTexts[note]),
    ],
    sameEvent: repeats.sameEvent.map((incident) => incident.number),
    aangifteAdvised: aangifteAdviceFor(report).required,
  };
}

/** The measures of the incident: of this report and of the other reports of the same event. */
async function measuresOf(numbers: readonly string[], deps: MeasuresDeps): Promise<MeasureRecord[]> {
  return (await Promise.all(numbers.map((number) => deps.store.byIncident(number)))).flat();
}

const formValues = z.object({
  kind: z.enum(measureKinds).optional(),
  startDate: z.string().max(10).optional(),
  endDate: z.string().max(10).optional(),
  name: z.string().max(120).optional(),
  photoUrl: z.string().max(500).optional(),
  deviationReason: z.string().max(1000).optional(),
  aangifte: z.enum(['nog-niet', 'gedaan', 'niet-nodig']).optional(),
  aangifteReason: z.string().max(1000).optional(),
  aangifteDate: z.string().max(10).optional(),
  aangifteBy: z.string().max(120).optional(),
  underNumber: z.enum(['true', 'false']).optional(),
});
type FormValues = z.infer<typeof formValues>;
const recordData = formValues.extend({
  number: z.string().min(1).max(40),
  /** Set when the form changes the measure that stands (a second `maatregel`). */
  measureId: z.string().max(80).optional(),
  mode: z.enum(['', 'wijzigen', 'verlengen']).optional(),
});
type RecordData = z.infer<typeof recordData>;

/** Which measure the form changes, and how; absent for a new measure. */
interface Editing {
  measure: MeasureRecord;
  mode: EditMode;
}

function formCard(
  number: string,
  advised: Advised,
  values: FormValues,
  problems: string[],
  editing?: Editing,
): AdaptiveCard {
  const extending = editing?.mode === 'verlengen';
  return renderCard(formTemplate, {
    number,
    title: editing ? (extending ? 'Verbod verlengen' : 'Maatregel wijzigen') : 'Maatregel vastleggen',
    intro: editing
      ? extending
        ? 'Kies de nieuwe einddatum. De receptie krijgt de nieuwe periode te zien.'
        : 'Wat je nu vastlegt, komt in de plaats van de huidige maatregel. Weet de receptie van het verbod, dan krijgt zij de wijziging te zien.'
      : 'Na ieder incident volgt een maatregel richting de agressor (Hoofdstuk 7).',
    button: editing ? 'Wijziging vastleggen' : 'Vastleggen',
    measureId: editing?.measure.id ?? '',
    mode: editing?.mode ?? '',
    adviceText: advised.text,
    notes: advised.notes,
    problems,
    choices: measureKinds.map((kind) => ({ title: measureKindLabels[kind], value: kind })),
    kind: values.kind ?? advised.kind,
    startDate: values.startDate ?? advised.startDate ?? '',
    endDate: values.endDate ?? advised.endDate ?? '',
    name: values.name ?? '',
    photoUrl: values.photoUrl ?? '',
    deviationReason: values.deviationReason ?? '',
    aangifte: values.aangifte ?? 'nog-niet',
    aangifteReason: values.aangifteReason ?? '',
    aangifteDate: values.aangifteDate ?? '',
    aangifteBy: values.aangifteBy ?? '',
    underNumber: values.underNumber ?? 'false',
  });
}

/** The form filled in with the measure as it stands, to change or extend it. */
function valuesOf(measure: MeasureRecord): FormValues {
  const { aangifte } = measure;
  return {
    kind: measure.kind,
    startDate: measure.startDate ?? '',
    endDate: measure.endDate ?? '',
    name: measure.subject?.name ?? '',
    photoUrl: measure.subject?.photoUrl ?? '',
    deviationReason: measure.deviationReason ?? '',
    aangifte: aangifte.status,
    aangifteReason: aangifte.status === 'niet-nodig' ? (aangifte.reason ?? '') : '',
    aangifteDate: aangifte.status === 'gedaan' ? aangifte.date : '',
    aangifteBy: aangifte.status === 'gedaan' ? aangifte.by : '',
    underNumber: aangifte.status === 'gedaan' && aangifte.underNumber ? 'true' : 'false',
  };
}

function mayDecide(actor: Pick<Actor, 'id' | 'aadObjectId'>, report: IncidentReport, deps: MeasuresDeps): boolean {
  const manager = report.manager;
  if (actor.id === manager.id) return true;
  if (actor.aadObjectId && manager.aadObjectId && actor.aadObjectId === manager.aadObjectId) return true;
  return isBotAdmin(deps.coordinators, actor);
}

function aangifteOf(values: FormValues): AangifteStatus | string {
  if (values.aangifte === 'gedaan') {
    if (!values.aangifteDate || !/^\d{4}-\d{2}-\d{2}$/.test(values.aangifteDate) || !values.aangifteBy?.trim()) {
      return 'Bij een gedane aangifte horen de datum en wie de aangifte deed.';
    }
    return {
      status: 'gedaan',
      date: values.aangifteDate,
      by: values.aangifteBy.trim(),
      underNumber: values.underNumber === 'true',
    };
  }
  if (values.aangifte === 'niet-nodig') {
    const reason = values.aangifteReason?.trim();
    return reason ? { status: 'niet-nodig', reason } : { status: 'niet-nodig' };
  }
  return { status: 'nog-niet' };
}

const onlyDecider = 'Alleen de leidinggevende van deze melding of de coördinator legt een maatregel vast.';

/** The report, the advice and the measure that stands for the incident, for a manager who may decide. */
async function incidentFor(
  number: string,
  actor: Actor,
  deps: MeasuresDeps,
): Promise<{ report: IncidentReport; advised: Advised; current?: MeasureRecord } | string> {
  const stored = await deps.reports.get(number);
  if (!stored) return `Melding ${number} ken ik niet.`;
  if (!mayDecide(actor, stored.report, deps)) return onlyDecider;
  const advised = await adviceFor(stored.report, deps, localDate(deps.clock.now()));
  const current = currentMeasure(await measuresOf([number, ...advised.sameEvent], deps));
  return { report: stored.report, advised, current };
}

function recordedCard(title: string, measure: MeasureRecord, advised: string, lines: string[], deps: MeasuresDeps) {
  return renderCard(recordedTemplate, {
    title,
    number: measure.number,
    facts: [
      { title: 'Maatregel', value: measureSummary(measure) },
      { title: 'Advies', value: advised },
      ...(measure.deviationReason ? [{ title: 'Reden afwijking', value: measure.deviationReason }] : []),
      { title: 'Aangifte', value: aangifteText(measure.aangifte) },
      ...(measure.liftReason ? [{ title: 'Reden opheffen', value: measure.liftReason }] : []),
    ],
    lines,
    letterUrl: measure.liftedAt
      ? ''
      : `${deps.publicBaseUrl.replace(/\/$/, '')}/api/measures/letters/${measure.letterKey}`,
  });
}

function showOnDagstart(measure: MeasureRecord, deps: MeasuresDeps, background: (work: Promise<unknown>) => void) {
  background(
    deps.dagstart
      .updateMeasure(measure.number, measureSummary(measure))
      .catch((error: unknown) =>
        deps.logger.warn({ err: error, number: measure.number }, 'measure not shown on the dagstart card'),
      ),
  );
}

export async function recordMeasure(
  data: RecordData,
  actor: Actor,
  deps: MeasuresDeps,
  background: (work: Promise<unknown>) => void,
): Promise<CardActionResult> {
  const found = await incidentFor(data.number, actor, deps);
  if (typeof found === 'string') {
    if (found === onlyDecider) return { message: found };
    throw new HalteamError(errorCodes.notFound, `Report ${data.number} not found`);
  }
  const { report, advised, current } = found;
  const now = deps.clock.now();
  const today = localDate(now);
  // One incident, one measure: a form sent again, or opened before another was recorded, changes nothing.
  if (current && current.id !== data.measureId) {
    return {
      card: currentCard(current, report.number, today, [
        data.measureId
          ? 'Deze maatregel is intussen gewijzigd. Hieronder staat hij zoals hij nu is.'
          : 'Er is al een maatregel vastgelegd voor dit incident. Wijzig, verleng of hef hem hier op; een tweede leg ik niet vast.',
      ]),
    };
  }
  if (data.measureId && !current) {
    return {
      message: `Deze maatregel is intussen opgeheven. Typ \`maatregel ${report.number}\` om opnieuw te beginnen.`,
    };
  }
  const editing: Editing | undefined = current
    ? { measure: current, mode: data.mode === 'verlengen' ? 'verlengen' : 'wijzigen' }
    : undefined;

  const kind = data.kind ?? advised.kind;
  const decision: MeasureDecision = {
    kind,
    ...(isBan(kind) ? { startDate: data.startDate || undefined, endDate: data.endDate || undefined } : {}),
    deviationReason: data.deviationReason?.trim() || undefined,
  };
  const aangifte = aangifteOf(data);
  const problems = checkDecision(
    decision,
    advised,
    typeof aangifte === 'string' ? undefined : { status: aangifte, advised: advised.aangifteAdvised },
    editing?.mode === 'verlengen' ? { endDate: editing.measure.endDate } : undefined,
  ).map((problem) => decisionProblemTexts[problem]);
  if (typeof aangifte === 'string') problems.push(aangifte);
  const name = data.name?.trim() ?? '';
  if (isBan(kind) && !name)
    problems.push('Vul de naam van de persoon in; de receptie moet weten wie het verbod heeft.');
  const photoUrl = data.photoUrl?.trim() ?? '';
  if (photoUrl && !/^https:\/\/\S+$/.test(photoUrl))
    problems.push('Een foto geef je als link die met https:// begint.');
  if (problems.length > 0 || typeof aangifte === 'string') {
    return { card: formCard(report.number, advised, data, problems, editing) };
  }
  const subject = isBan(kind) ? { name, ...(photoUrl ? { photoUrl } : {}) } : undefined;

  if (editing && !(isBan(editing.measure.kind) && !isBan(kind))) {
    return changeMeasure(editing.measure, { decision, advised, aangifte, subject, actor }, deps, background);
  }
  const lines: string[] = [];
  if (editing) {
    // A ban replaced by a measure without a period: the ban is lifted, the new measure recorded.
    const reason = `Gewijzigd in: ${measureKindLabels[kind].toLowerCase()}${decision.deviationReason ? `. ${decision.deviationReason}` : ''}`;
    const lifted = await deps.store.update(editing.measure.id, (stands) =>
      liftedRecord(stands, { reason, actor, now }),
    );
    if (lifted) lines.push(...(await announceLift(lifted, deps, background)));
  }

  const measure: MeasureRecord = {
    id: `${report.number}-m${randomBytes(4).toString('hex')}`,
    number: report.number,
    kind,
    ...(decision.startDate ? { startDate: decision.startDate, endDate: decision.endDate } : {}),
    advised: advised.text,
    ...(decision.deviationReason ? { deviationReason: decision.deviationReason } : {}),
    aangifte,
    decidedBy: { id: actor.id, aadObjectId: actor.aadObjectId, name: actor.name },
    decidedAt: now.toISOString(),
    ...(subject ? { subject } : {}),
    letterKey: randomBytes(18).toString('base64url'),
  };
  await deps.store.save(measure);
  deps.logger.info(
    { number: measure.number, measureId: measure.id, kind, deviates: Boolean(decision.deviationReason) },
    'measure recorded',
  );
  if (isBan(kind)) lines.push(...(await announceBan(measure, deps, background)));
  showOnDagstart(measure, deps, background);
  lines.push('Maak de conceptbrief af en verstuur hem. De brief noemt de medewerker niet.');
  return { card: recordedCard('Maatregel vastgelegd', measure, advised.text, lines, deps) };
}

/** The measure that stands, changed or extended in place: one record, its history, reception told. */
async function changeMeasure(
  stands: MeasureRecord,
  change: {
    decision: MeasureDecision;
    advised: Advised;
    aangifte: AangifteStatus;
    subject?: MeasureRecord['subject'];
    actor: Actor;
  },
  deps: MeasuresDeps,
  background: (work: Promise<unknown>) => void,
): Promise<CardActionResult> {
  const now = deps.clock.now();
  const changed = await deps.store.update(stands.id, (current) =>
    changedRecord(current, { ...change, advised: change.advised.text, now }),
  );
  if (!changed) return { message: 'Deze maatregel bestaat niet meer.' };
  if (isBan(stands.kind)) await cancelBanJobs(stands, deps);
  deps.logger.info(
    { number: changed.number, measureId: changed.id, kind: changed.kind, revision: changed.revision },
    'measure changed',
  );
  const lines = isBan(changed.kind) ? await announceBan(changed, deps, background) : [];
  showOnDagstart(changed, deps, background);
  lines.push('Maak de nieuwe conceptbrief af en verstuur hem. De brief noemt de medewerker niet.');
  return { card: recordedCard('Maatregel gewijzigd', changed, change.advised.text, lines, deps) };
}

const liftData = z.object({ id: z.string().min(1).max(80), liftReason: z.string().max(1000).optional() });

/** A ban lifted before its end (a card action on the measure that stands): with a reason; reception told. */
async function liftMeasure(
  data: z.infer<typeof liftData>,
  actor: Actor,
  deps: MeasuresDeps,
  background: (work: Promise<unknown>) => void,
): Promise<CardActionResult> {
  const measure = await deps.store.get(data.id);
  if (!measure) return { message: 'Deze maatregel ken ik niet.' };
  const found = await incidentFor(measure.number, actor, deps);
  if (typeof found === 'string') return { message: found };
  const now = deps.clock.now();
  const today = localDate(now);
  const state = measureState(measure, today);
  if (!isBan(measure.kind) || (state !== 'komt' && state !== 'geldt')) {
    return {
      card: currentCard(found.current ?? measure, measure.number, today, [
        'Alleen een verbod dat nog loopt, kun je opheffen.',
      ]),
    };
  }
  const reason = data.liftReason?.trim();
  if (!reason) {
    return {
      card: currentCard(measure, measure.number, today, [
        'Schrijf kort waarom je het verbod opheft; dat hoort bij het dossier.',
      ]),
    };
  }
  const lifted = await deps.store.update(measure.id, (current) => liftedRecord(current, { reason, actor, now }));
  if (!lifted) return { message: 'Deze maatregel ken ik niet.' };
  deps.logger.info({ number: lifted.number, measureId: lifted.id }, 'ban lifted');
  const lines = await announceLift(lifted, deps, background);
  showOnDagstart(lifted, deps, background);
  lines.push('Laat de agressor weten dat het verbod is opgeheven.');
  return { card: recordedCard('Verbod opgeheven', lifted, lifted.advised ?? '', lines, deps) };
}

async function inReceptionChannel(context: CommandContext, deps: MeasuresDeps): Promise<boolean> {
  const binding = await deps.conversations.getBinding('receptie');
  const bound = binding?.reference.conversation?.id?.split(';')[0];
  return bound !== undefined && bound === context.conversation.id.split(';')[0];
}

async function bansNow(deps: MeasuresDeps): Promise<MeasureRecord[]> {
  const today = localDate(deps.clock.now());
  return (await deps.store.all()).filter((measure) => inForce(measure, today) && measure.subject);
}

function banLine(measure: MeasureRecord): string {
  return `${measure.subject?.name}: ${measureKindLabels[measure.kind].toLowerCase()} tot en met ${longDate(measure.endDate as string)}`;
}

const onlyReception = 'Dit werkt alleen in het receptiekanaal.';

function receptionCommands(deps: MeasuresDeps): Command[] {
  return [
    {
      name: 'verboden',
      description: 'De toegangs- en contactverboden die nu gelden (alleen in het receptiekanaal).',
      scopes: ['channel'],
      async handle(context) {
        if (!(await inReceptionChannel(context, deps))) return context.reply({ text: onlyReception });
        const bans = await bansNow(deps);
        if (bans.length === 0) return context.reply({ text: bansInForceText(0) });
        await context.reply({
          text: [bansInForceText(bans.length), ...bans.map((ban) => `- ${banLine(ban)}`)].join('\n\n'),
        });
      },
    },
    {
      name: 'check',
      description: 'Ga na of voor een bezoeker een verbod geldt (alleen in het receptiekanaal).',
      usage: 'check <voornaam of voorletter> <achternaam>',
      scopes: ['channel'],
      async handle(context) {
        if (!(await inReceptionChannel(context, deps))) return context.reply({ text: onlyReception });
        const bans = (await bansNow(deps)).map((ban) => ({ ban, name: ban.subject?.name ?? '' }));
        const result = checkName(context.args, bans);
        deps.logger.info({ outcome: result.kind }, 'reception checked a name');
        if (result.kind === 'need-given-name') {
          return context.reply({
            text: 'Typ een voornaam of voorletter en een achternaam, bijvoorbeeld `check J. de Vries`.',
          });
        }
        if (result.kind === 'none') return context.reply({ text: `Voor "${context.args}" geldt nu geen verbod.` });
        await context.reply({
          text: [
            'Let op: voor deze naam geldt een verbod. Kijk of het dezelfde persoon is (foto, geboortedatum).',
            ...result.found.map(({ ban }) => `- ${banLine(ban)}`),
          ].join('\n\n'),
        });
      },
    },
  ];
}

/**
 * The form with the advice preselected; or, when the incident has a measure already, that measure to
 * change, extend or lift; or why neither can be shown.
 */
async function openForm(rawNumber: string, actor: Actor, deps: MeasuresDeps): Promise<AdaptiveCard | string> {
  const number = parseIncidentNumber(rawNumber);
  if (!number) return 'Typ het nummer van de melding erbij, bijvoorbeeld `maatregel AGR-2026-0001`.';
  const found = await incidentFor(number, actor, deps);
  if (typeof found === 'string') return found;
  const { report, advised, current } = found;
  if (current) return currentCard(current, number, localDate(deps.clock.now()));
  const name = report.aggressor.kind === 'known' ? nameFromIdentification(report.aggressor.identification) : '';
  return formCard(number, advised, { name }, []);
}

const editData = z.object({ id: z.string().min(1).max(80), mode: z.enum(['wijzigen', 'verlengen']) });

/** "Wijzigen" or "Verlengen" on the measure that stands: the form, filled in with it. */
async function editForm(data: z.infer<typeof editData>, actor: Actor, deps: MeasuresDeps): Promise<CardActionResult> {
  const measure = await deps.store.get(data.id);
  if (!measure) return { message: 'Deze maatregel ken ik niet.' };
  const found = await incidentFor(measure.number, actor, deps);
  if (typeof found === 'string') return { message: found };
  const today = localDate(deps.clock.now());
  if (found.current?.id !== measure.id) {
    return found.current
      ? { card: currentCard(found.current, measure.number, today, ['Deze maatregel is intussen gewijzigd.']) }
      : { message: 'Deze maatregel is opgeheven.' };
  }
  return { card: formCard(measure.number, found.advised, valuesOf(measure), [], { measure, mode: data.mode }) };
}

function maatregelCommand(deps: MeasuresDeps): Command {
  return {
    name: 'maatregel',
    description:
      'Leg de maatregel tegen de agressor vast, met het advies al ingevuld; staat er al een, dan wijzig, verleng of hef je die op.',
    usage: 'maatregel AGR-2026-0001',
    scopes: ['personal'],
    async handle(context) {
      const form = await openForm(context.args, context.actor, deps);
      await context.reply(typeof form === 'string' ? { text: form } : { card: form });
    },
  };
}

function schadeCommand(deps: MeasuresDeps): Command {
  return {
    name: 'schade',
    description: 'Leg de schade vast die je op de agressor verhaalt, en werk de stand bij.',
    usage: 'schade AGR-2026-0001',
    scopes: ['personal'],
    async handle(context) {
      const number = parseIncidentNumber(context.args);
      if (!number) {
        return context.reply({ text: 'Typ het nummer van de melding erbij, bijvoorbeeld `schade AGR-2026-0001`.' });
      }
      const stored = await deps.reports.get(number);
      if (!stored) return context.reply({ text: `Melding ${number} ken ik niet.` });
      if (!mayDecide(context.actor, stored.report, deps)) {
        return context.reply({
          text: 'Alleen de leidinggevende van deze melding of de coördinator legt de schade vast.',
        });
      }
      await context.reply({ card: damageCard(number, await deps.store.getDamage(number)) });
    },
  };
}

export const letterLinkValidMs = 7 * 24 * 60 * 60 * 1000;

function letterRoute(deps: MeasuresDeps) {
  return (server: restify.Server) => {
    // Anyone may call this without signing in: at most 30 downloads a minute per client (429 after).
    const throttle = perClientLimit({ points: 30, durationSeconds: 60 });
    server.get('/api/measures/letters/:key', throttle, async (req: restify.Request, res: restify.Response) => {
      const key = String(req.params.key ?? '');
      const measure = /^[A-Za-z0-9_-]{20,40}$/.test(key) ? await deps.store.byLetterKey(key) : undefined;
      const stored = measure && !measure.purgedAt ? await deps.reports.get(measure.number) : undefined;
      if (!measure || !stored) {
        res.send(404, { error: 'not found' });
        return;
      }
      // The link carries the aggressor's name without a sign-in: it works only for the week after the decision.
      const decidedAt = measure.changedAt ?? measure.decidedAt;
      if (deps.clock.now().getTime() - new Date(decidedAt).getTime() > letterLinkValidMs) {
        res.send(410, { error: 'this letter link has expired; ask the bot for the measure again' });
        return;
      }
      const file = await letterDocx(measure, stored.report, localDate(deps.clock.now()));
      res.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'content-disposition': `attachment; filename="${letterFileName(measure)}"`,
        'cache-control': 'no-store',
      });
      res.end(file);
    });
  };
}

export type MeasuresModule = CapabilityModule & {
  bans: BansInForce;
  forIncident(number: string): Promise<MeasureRecord[]>;
  idle(): Promise<void>;
};

/** Measures against the aggressor (Hoofdstuk 7, Afwikkeling): the decision, letters, reception. */
export function createMeasuresModule(deps: MeasuresDeps): MeasuresModule {
  const work = createBackgroundWork(deps.logger);
  // A failed direct attempt is no loss: the durable job tells reception again.
  const background = (telling: Promise<unknown>) => work.track(telling, 'telling about a measure');
  const planPurge = (after: Date) => {
    const dueAt = nextPurgeAt(after);
    return deps.scheduler.schedule(purgeJob.request(purgeJobId(dueAt), dueAt, {}));
  };
  const purgeDeps = {
    store: deps.store,
    records: deps.aggressorRecords,
    months: deps.retentionMonths,
    logger: deps.logger,
  };
  return {
    name: 'measures',
    bans: bansInForce(deps.store),
    forIncident: (number) => deps.store.byIncident(number),
    commands: [maatregelCommand(deps), schadeCommand(deps), ...receptionCommands(deps)],
    cardActions: [
      defineCardAction({
        // "Maatregel vastleggen" on the manager's report card: the form arrives as a new message.
        verb: 'measure.open',
        data: z.object({ number: z.string().min(1).max(40) }),
        async handle({ number }, context) {
          const form = await openForm(number, context.actor, deps);
          if (typeof form === 'string') return { message: form };
          await deps.messenger.sendToUser(context.actor, { card: form });
          return { message: 'Het formulier voor de maatregel staat hieronder.' };
        },
      }),
      defineCardAction({
        verb: 'measure.damage',
        data: damageData,
        async handle(data, context) {
          const stored = await deps.reports.get(data.number);
          if (stored && !mayDecide(context.actor, stored.report, deps)) {
            return { message: 'Alleen de leidinggevende van deze melding of de coördinator legt de schade vast.' };
          }
          return saveDamage(data, context.actor, deps);
        },
      }),
      defineCardAction({
        verb: 'measure.record',
        data: recordData,
        handle: (data, context) => recordMeasure(data, context.actor, deps, background),
      }),
      defineCardAction({
        verb: 'measure.edit',
        data: editData,
        handle: (data, context) => editForm(data, context.actor, deps),
      }),
      defineCardAction({
        verb: 'measure.lift',
        data: liftData,
        handle: (data, context) => liftMeasure(data, context.actor, deps, background),
      }),
    ],
    jobs: [
      banStartNoticeJob.runBy((payload) => banStartJob(payload.id, deps)),
      banEndNoticeJob.runBy((payload) => tellBanEnded(payload.id, deps)),
      banLiftNoticeJob.runBy((payload) => tellBanLifted(payload.id, deps)),
      damageReminderJob.runBy((payload) => remindDamage(payload.number, deps)),
      purgeJob.runBy(async () => {
        // The next night first: a failing purge must not stop the series.
        await planPurge(deps.clock.now());
        await purgeExpired(deps.clock.now(), purgeDeps);
      }),
    ],
    routes: [letterRoute(deps)],
    async onStart() {
      await planPurge(deps.clock.now()).catch((error: unknown) =>
        deps.logger.error({ err: error }, 'could not plan the retention purge'),
      );
    },
    onStop: () => work.drain(),
    idle: () => work.drain(),
  };
}
