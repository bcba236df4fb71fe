import { parseIncidentNumber } from '../reports/incident-number';
import { randomBytes } from 'node:crypto';
import type restify from 'restify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import formTemplate from '../../cards/measure-form.json';
import receptionTemplate from '../../cards/measure-reception.json';
import recordedTemplate from '../../cards/measure-recorded.json';
import { isBotAdmin } from '../bindings/bot-admins';
import type { BanInForce, BansInForce } from '../dagstart/digest-ports';
import { renderCard } from '../platform/cards/render-card';
import { perClientLimit } from '../platform/http/request-guards';
import type { JobScheduler } from '../platform/scheduler/scheduler-types';
import { aggressorKey, type IncidentReport } from '../reports/report-model';
import type { ReportStore } from '../reports/report-store';
import { measureText, sanctionAdvice, sanctionNoteTexts } from '../reports/sanction-rules';
import type { CapabilityModule } from '../shared/capability';
import type { Clock } from '../shared/clock';
import type { Actor, CardActionResult, Command, CommandContext } from '../shared/commands';
import type { ConversationStore } from '../shared/conversation-store';
import { errorCodes, HalteamError, isHalteamError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { AdaptiveCard, Messenger } from '../shared/messenger';
import { localDate, zone } from '../shared/time-format';
import { damageCard, damageData, damageReminderJobKind, remindDamage, saveDamage } from './damage';
import { letterDocx, letterFileName } from './letters';
import {
  checkDecision,
  decisionProblemTexts,
  inForce,
  isBan,
  longDate,
  measureKindLabels,
  measureKinds,
  measureSummary,
  nameFromIdentification,
  preselect,
  type AangifteStatus,
  type MeasureDecision,
  type Preselection,
} from './measure-rules';
import type { MeasureRecord, MeasureStore } from './measure-store';
import { checkName } from './name-match';
import { nextPurgeAt, purgeExpired, purgeJobId, purgeJobKind, type AggressorRecords } from './retention';

export const banStartJobKind = 'measures.ban-start';
export const banEndJobKind = 'measures.ban-end';
const receptionFallbackMs = 60_000;

/** The dagstart's side (issue 6): shows the measure on the incident's dagstart card, in place. */
export interface DagstartMeasureUpdate {
  updateMeasure(number: string, measureText: string): Promise<boolean>;
}

export interface MeasuresDeps {
  store: MeasureStore;
  reports: Pick<ReportStore, 'get' | 'byAggressor'>;
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

/** The preselection with the advice's words and notes, as the form shows them. */
type Advised = Preselection & { notes: string[] };

async function adviceFor(report: IncidentReport, deps: MeasuresDeps, today: string): Promise<Advised> {
  const key = aggressorKey(report.aggressor);
  const since = DateTime.fromISO(report.occurredAt, { zone }).minus({ years: 1, days: 1 }).toJSDate();
  const earlier = key
    ? (await deps.reports.byAggressor(key, since)).filter(
        (incident) => incident.number !== report.number && incident.occurredAt <= report.occurredAt,
      )
    : [];
  const advice = sanctionAdvice({
    forms: report.forms,
    place: report.place,
    damage: report.damage,
    occurredAt: new Date(report.occurredAt),
    earlier,
  });
  return {
    ...preselect(advice, today),
    text: measureText(advice.measure),
    notes: advice.notes.map((note) => sanctionNoteTexts[note]),
  };
}

const formValues = z.object({
  kind: z.enum(measureKinds).optional(),
  startDate: z.string().max(10).optional(),
  endDate: z.string().max(10).optional(),
  name: z.string().max(120).optional(),
  photoUrl: z.string().max(500).optional(),
  deviationReason: z.string().max(1000).optional(),
  aangifte: z.enum(['nog-niet', 'gedaan', 'niet-nodig']).optional(),
  aangifteDate: z.string().max(10).optional(),
  aangifteBy: z.string().max(120).optional(),
  underNumber: z.enum(['true', 'false']).optional(),
});
type FormValues = z.infer<typeof formValues>;
const recordData = formValues.extend({ number: z.string().min(1).max(40) });

function formCard(number: string, advised: Advised, values: FormValues, problems: string[]): AdaptiveCard {
  return renderCard(formTemplate, {
    number,
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
    aangifteDate: values.aangifteDate ?? '',
    aangifteBy: values.aangifteBy ?? '',
    underNumber: values.underNumber ?? 'false',
  });
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
  return { status: values.aangifte ?? 'nog-niet' };
}

function aangifteText(aangifte: AangifteStatus): string {
  if (aangifte.status === 'gedaan') {
    return `Gedaan op ${longDate(aangifte.date)} door ${aangifte.by}${aangifte.underNumber ? ', onder nummer' : ''}`;
  }
  return aangifte.status === 'niet-nodig' ? 'Niet nodig' : 'Nog niet gedaan';
}

/** The moment a ban's first day starts, and the moment after its last day, in Europe/Amsterdam. */
const startOf = (date: string) => DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
const dayAfter = (date: string) => DateTime.fromISO(date, { zone }).plus({ days: 1 }).startOf('day').toJSDate();

function receptionCard(measure: MeasureRecord, ended: boolean): AdaptiveCard {
  const name = measure.subject?.name ?? 'onbekend';
  const label = measureKindLabels[measure.kind];
  return renderCard(receptionTemplate, {
    style: ended ? 'good' : 'attention',
    title: ended ? `${label} afgelopen` : label,
    intro: ended
      ? `Het verbod voor ${name} is afgelopen. Deze persoon mag weer komen.`
      : measure.kind === 'toegangsverbod'
        ? `${name} mag in deze periode niet in de gemeentelijke gebouwen komen.`
        : `${name} mag in deze periode geen contact opnemen met de gemeente, ook niet aan de balie.`,
    name,
    photoUrl: ended ? '' : (measure.subject?.photoUrl ?? ''),
    facts: [
      { title: 'Wie', value: name },
      { title: 'Van', value: longDate(measure.startDate as string) },
      { title: 'Tot en met', value: longDate(measure.endDate as string) },
      { title: 'Kenmerk', value: measure.number },
    ],
    lines: ended
      ? []
      : [
          'Komt deze persoon toch? Help hem of haar niet verder, vraag te vertrekken en waarschuw het Halteam. Weigert de persoon: bel 112.',
          'Typ `check <naam>` in dit kanaal om een naam na te gaan, of `verboden` voor alle verboden die nu gelden.',
        ],
  });
}

/** Tells reception of a ban that has started; once (the direct attempt and the durable job may both run). */
async function tellReception(id: string, deps: MeasuresDeps): Promise<void> {
  const measure = await deps.store.get(id);
  if (!measure || measure.receptionToldAt || measure.purgedAt || !isBan(measure.kind)) return;
  if ((measure.startDate as string) > localDate(deps.clock.now())) return;
  await deps.messenger.postToChannel('receptie', { card: receptionCard(measure, false) });
  await deps.store.update(id, (current) => ({ ...current, receptionToldAt: deps.clock.now().toISOString() }));
  deps.logger.info({ number: measure.number, measureId: id }, 'reception told of a ban');
}

const notBoundRetryMs = 60 * 60 * 1000;

/**
 * The ban-start job: tells reception, and while no reception channel is bound keeps trying every hour
 * as long as the ban runs (the scheduler's own retries would give up within minutes).
 */
async function banStartJob(id: string, deps: MeasuresDeps): Promise<void> {
  try {
    await tellReception(id, deps);
  } catch (error) {
    if (!isHalteamError(error, errorCodes.channelNotBound)) throw error;
    const measure = await deps.store.get(id);
    const now = deps.clock.now();
    if (!measure?.endDate || measure.endDate < localDate(now)) return;
    const dueAt = new Date(now.getTime() + notBoundRetryMs);
    await deps.scheduler.schedule({
      id: `measure-${id}-start-${dueAt.getTime()}`,
      kind: banStartJobKind,
      dueAt,
      payload: { id },
    });
    deps.logger.warn(
      { number: measure.number, measureId: id, retryAt: dueAt },
      'no reception channel bound; ban card waits',
    );
  }
}

async function tellBanEnded(id: string, deps: MeasuresDeps): Promise<void> {
  const measure = await deps.store.get(id);
  if (!measure || measure.endToldAt || !isBan(measure.kind)) return;
  await deps.messenger.postToChannel('receptie', { card: receptionCard(measure, true) });
  await deps.store.update(id, (current) => ({ ...current, endToldAt: deps.clock.now().toISOString() }));
  deps.logger.info({ number: measure.number, measureId: id }, 'reception told a ban ended');
}

export async function recordMeasure(
  data: z.infer<typeof recordData>,
  actor: Actor,
  deps: MeasuresDeps,
  background: (work: Promise<unknown>) => void,
): Promise<CardActionResult> {
  const stored = await deps.reports.get(data.number);
  if (!stored) throw new HalteamError(errorCodes.notFound, `Report ${data.number} not found`);
  const report = stored.report;
  if (!mayDecide(actor, report, deps)) {
    return { message: 'Alleen de leidinggevende van deze melding of de coördinator legt een maatregel vast.' };
  }
  const now = deps.clock.now();
  const today = localDate(now);
  const advised = await adviceFor(report, deps, today);
  const kind = data.kind ?? advised.kind;
  const decision: MeasureDecision = {
    kind,
    ...(isBan(kind) ? { startDate: data.startDate || undefined, endDate: data.endDate || undefined } : {}),
    deviationReason: data.deviationReason?.trim() || undefined,
  };
  const problems = checkDecision(decision, advised).map((problem) => decisionProblemTexts[problem]);
  const aangifte = aangifteOf(data);
  if (typeof aangifte === 'string') problems.push(aangifte);
  const name = data.name?.trim() ?? '';
  if (isBan(kind) && !name)
    problems.push('Vul de naam van de persoon in; de receptie moet weten wie het verbod heeft.');
  const photoUrl = data.photoUrl?.trim() ?? '';
  if (photoUrl && !/^https:\/\/\S+$/.test(photoUrl))
    problems.push('Een foto geef je als link die met https:// begint.');
  if (problems.length > 0 || typeof aangifte === 'string') {
    return { card: formCard(report.number, advised, data, problems) };
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
    ...(isBan(kind) ? { subject: { name, ...(photoUrl ? { photoUrl } : {}) } } : {}),
    letterKey: randomBytes(18).toString('base64url'),
  };
  await deps.store.save(measure);
  deps.logger.info(
    { number: measure.number, measureId: measure.id, kind, deviates: Boolean(decision.deviationReason) },
    'measure recorded',
  );

  const lines: string[] = [];
  if (isBan(kind)) {
    const start = measure.startDate as string;
    const end = measure.endDate as string;
    await deps.scheduler.schedule({
      id: `measure-${measure.id}-start`,
      kind: banStartJobKind,
      dueAt: new Date(Math.max(startOf(start).getTime(), now.getTime() + receptionFallbackMs)),
      payload: { id: measure.id },
    });
    await deps.scheduler.schedule({
      id: `measure-${measure.id}-end`,
      kind: banEndJobKind,
      dueAt: dayAfter(end),
      payload: { id: measure.id },
    });
    if (!(await deps.conversations.getBinding('receptie'))) {
      lines.push(
        'Er is nog geen receptiekanaal gekoppeld. Vertel het de receptie zelf en vraag een beheerder `koppel receptie` te typen in hun kanaal; de receptie krijgt het verbod dan alsnog.',
      );
    }
    if (start <= today) {
      background(tellReception(measure.id, deps));
      lines.push('De receptie krijgt het verbod nu te zien, met naam en periode.');
    } else {
      lines.push(`De receptie krijgt het verbod op ${longDate(start)} te zien.`);
    }
    lines.push('De receptie hoort het ook als het verbod afloopt.');
  }
  background(
    deps.dagstart
      .updateMeasure(measure.number, measureSummary(measure))
      .catch((error: unknown) =>
        deps.logger.warn({ err: error, number: measure.number }, 'measure not shown on the dagstart card'),
      ),
  );
  lines.push('Maak de conceptbrief af en verstuur hem. De brief noemt de medewerker niet.');
  return {
    card: renderCard(recordedTemplate, {
      number: measure.number,
      facts: [
        { title: 'Maatregel', value: measureSummary(measure) },
        { title: 'Advies', value: advised.text },
        ...(measure.deviationReason ? [{ title: 'Reden afwijking', value: measure.deviationReason }] : []),
        { title: 'Aangifte', value: aangifteText(aangifte) },
      ],
      lines,
      letterUrl: `${deps.publicBaseUrl.replace(/\/$/, '')}/api/measures/letters/${measure.letterKey}`,
    }),
  };
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
        if (bans.length === 0) return context.reply({ text: 'Er geldt nu geen toegangs- of contactverbod.' });
        await context.reply({
          text: [`Er gelden nu ${bans.length} verboden:`, ...bans.map((ban) => `- ${banLine(ban)}`)].join('\n\n'),
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

/** The form with the advice preselected, or why it cannot be shown. */
async function openForm(rawNumber: string, actor: Actor, deps: MeasuresDeps): Promise<AdaptiveCard | string> {
  const number = parseIncidentNumber(rawNumber);
  if (!number) return 'Typ het nummer van de melding erbij, bijvoorbeeld `maatregel AGR-2026-0001`.';
  const stored = await deps.reports.get(number);
  if (!stored) return `Melding ${number} ken ik niet.`;
  if (!mayDecide(actor, stored.report, deps)) {
    return 'Alleen de leidinggevende van deze melding of de coördinator legt een maatregel vast.';
  }
  const advised = await adviceFor(stored.report, deps, localDate(deps.clock.now()));
  const aggressor = stored.report.aggressor;
  const name = aggressor.kind === 'known' ? nameFromIdentification(aggressor.identification) : '';
  return formCard(number, advised, { name }, []);
}

function maatregelCommand(deps: MeasuresDeps): Command {
  return {
    name: 'maatregel',
    description: 'Leg de maatregel tegen de agressor vast, met het advies al ingevuld.',
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
      if (deps.clock.now().getTime() - new Date(measure.decidedAt).getTime() > letterLinkValidMs) {
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
  const inFlight = new Set<Promise<unknown>>();
  const background = (work: Promise<unknown>) => {
    const tracked = work
      .catch((error: unknown) => deps.logger.error({ err: error }, 'telling about a measure failed; the job retries'))
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  const idRef = z.object({ id: z.string().min(1).max(80) });
  const planPurge = (after: Date) => {
    const dueAt = nextPurgeAt(after);
    return deps.scheduler.schedule({ id: purgeJobId(dueAt), kind: purgeJobKind, dueAt, payload: {} });
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
      {
        // "Maatregel vastleggen" on the manager's report card: the form arrives as a new message.
        verb: 'measure.open',
        parse: (data) => z.object({ number: z.string().min(1).max(40) }).parse(data),
        async handle(data, context) {
          const { number } = data as { number: string };
          const form = await openForm(number, context.actor, deps);
          if (typeof form === 'string') return { message: form };
          await deps.messenger.sendToUser(context.actor, { card: form });
          return { message: 'Het formulier voor de maatregel staat hieronder.' };
        },
      },
      {
        verb: 'measure.damage',
        parse: (data) => damageData.parse(data),
        async handle(data, context) {
          const parsed = data as z.infer<typeof damageData>;
          const stored = await deps.reports.get(parsed.number);
          if (stored && !mayDecide(context.actor, stored.report, deps)) {
            return { message: 'Alleen de leidinggevende van deze melding of de coördinator legt de schade vast.' };
          }
          return saveDamage(parsed, context.actor, deps);
        },
      },
      {
        verb: 'measure.record',
        parse: (data) => recordData.parse(data),
        handle: (data, context) => recordMeasure(data as z.infer<typeof recordData>, context.actor, deps, background),
      },
    ],
    jobs: [
      { kind: banStartJobKind, payload: idRef, run: (payload) => banStartJob(payload.id, deps) },
      { kind: banEndJobKind, payload: idRef, run: (payload) => tellBanEnded(payload.id, deps) },
      {
        kind: damageReminderJobKind,
        payload: z.object({ number: z.string().min(1).max(40) }),
        run: (payload) => remindDamage(payload.number, deps),
      },
      {
        kind: purgeJobKind,
        payload: z.object({}),
        async run() {
          // The next night first: a failing purge must not stop the series.
          await planPurge(deps.clock.now());
          await purgeExpired(deps.clock.now(), purgeDeps);
        },
      },
    ],
    routes: [letterRoute(deps)],
    async onStart() {
      await planPurge(deps.clock.now()).catch((error: unknown) =>
        deps.logger.error({ err: error }, 'could not plan the retention purge'),
      );
    },
    async onStop() {
      await Promise.all([...inFlight]);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
