import { DateTime } from 'luxon';
import receptionTemplate from '../../cards/measure-reception.json';
import { renderCard } from '../platform/cards/render-card';
import { z } from 'zod';
import { defineJob, type JobScheduler } from '../shared/jobs';
import type { Clock } from '../shared/clock';
import type { ConversationStore } from '../shared/conversation-store';
import { errorCodes, isHalteamError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { AdaptiveCard, Messenger } from '../shared/messenger';
import { localDate, zone } from '../shared/time-format';
import { isBan, longDate, measureKindLabels } from './measure-rules';
import type { MeasureRecord, MeasureStore } from './measure-store';

/**
 * Reception and the bans (Bijlage 7: "zo snel mogelijk de receptie informeren"): a card when a ban
 * starts, when it is changed or extended, when it is lifted early and when it ends. Each is sent
 * once: a direct attempt right away, and a durable job that catches what a crash or an unbound
 * reception channel left undone.
 */
const measureRef = z.object({ id: z.string().min(1).max(80) });
export const banStartNoticeJob = defineJob({ kind: 'measures.ban-start', payload: measureRef });
export const banEndNoticeJob = defineJob({ kind: 'measures.ban-end', payload: measureRef });
export const banLiftNoticeJob = defineJob({ kind: 'measures.ban-lifted', payload: measureRef });
export const receptionFallbackMs = 60_000;
const notBoundRetryMs = 60 * 60 * 1000;

export interface ReceptionDeps {
  store: MeasureStore;
  messenger: Messenger;
  conversations: Pick<ConversationStore, 'getBinding'>;
  scheduler: JobScheduler;
  clock: Clock;
  logger: Logger;
}

export type ReceptionNews = 'new' | 'changed' | 'ended' | 'lifted';

/** The moment a ban's first day starts, and the moment after its last day, in Europe/Amsterdam. */
const startOf = (date: string) => DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
const dayAfter = (date: string) => DateTime.fromISO(date, { zone }).plus({ days: 1 }).startOf('day').toJSDate();

export function receptionCard(measure: MeasureRecord, news: ReceptionNews): AdaptiveCard {
  const name = measure.subject?.name ?? 'onbekend';
  const label = measureKindLabels[measure.kind];
  const over = news === 'ended' || news === 'lifted';
  const mayAgain =
    measure.kind === 'toegangsverbod'
      ? 'Deze persoon mag weer in de gemeentelijke gebouwen komen.'
      : 'Deze persoon mag weer contact opnemen met de gemeente.';
  const intros: Record<ReceptionNews, string> = {
    new:
      measure.kind === 'toegangsverbod'
        ? `${name} mag in deze periode niet in de gemeentelijke gebouwen komen.`
        : `${name} mag in deze periode geen contact opnemen met de gemeente, ook niet aan de balie.`,
    changed: `Het verbod voor ${name} is gewijzigd. Dit is de periode die nu geldt.`,
    ended: `Het verbod voor ${name} is afgelopen. Deze persoon mag weer komen.`,
    lifted: `Het verbod voor ${name} is opgeheven. ${mayAgain}`,
  };
  const titles: Record<ReceptionNews, string> = {
    new: label,
    changed: `${label} gewijzigd`,
    ended: `${label} afgelopen`,
    lifted: `${label} opgeheven`,
  };
  return renderCard(receptionTemplate, {
    style: over ? 'good' : 'attention',
    title: titles[news],
    intro: intros[news],
    name,
    photoUrl: over ? '' : (measure.subject?.photoUrl ?? ''),
    facts: [
      { title: 'Wie', value: name },
      ...(news === 'lifted' && measure.liftedAt
        ? [{ title: 'Opgeheven op', value: longDate(localDate(new Date(measure.liftedAt))) }]
        : [
            { title: 'Van', value: longDate(measure.startDate as string) },
            { title: 'Tot en met', value: longDate(measure.endDate as string) },
          ]),
      { title: 'Kenmerk', value: measure.number },
    ],
    lines: over
      ? []
      : [
          'Komt deze persoon toch? Help hem of haar niet verder, vraag te vertrekken en waarschuw het Halteam. Weigert de persoon: bel 112.',
          'Typ `check <naam>` in dit kanaal om een naam na te gaan, of `verboden` voor alle verboden die nu gelden.',
        ],
  });
}

/**
 * Tells reception of a ban that has started, or of a change to a ban they know; once (the direct
 * attempt and the durable job may both run).
 */
export async function tellReception(id: string, deps: ReceptionDeps): Promise<void> {
  const measure = await deps.store.get(id);
  if (!measure || measure.receptionToldAt || measure.purgedAt || measure.liftedAt || !isBan(measure.kind)) return;
  const news = measure.tellReceptionAs ?? 'new';
  if (news === 'new' && (measure.startDate as string) > localDate(deps.clock.now())) return;
  await deps.messenger.postToChannel('receptie', { card: receptionCard(measure, news) });
  await deps.store.update(id, (current) => ({
    ...current,
    receptionToldAt: deps.clock.now().toISOString(),
    tellReceptionAs: undefined,
  }));
  deps.logger.info({ number: measure.number, measureId: id, news }, 'reception told of a ban');
}

/**
 * The ban-start job: tells reception, and while no reception channel is bound keeps trying every hour
 * as long as the ban runs (the scheduler's own retries would give up within minutes).
 */
export async function banStartJob(id: string, deps: ReceptionDeps): Promise<void> {
  try {
    await tellReception(id, deps);
  } catch (error) {
    if (!isHalteamError(error, errorCodes.channelNotBound)) throw error;
    const measure = await deps.store.get(id);
    const now = deps.clock.now();
    if (!measure?.endDate || measure.endDate < localDate(now) || measure.liftedAt) return;
    const dueAt = new Date(now.getTime() + notBoundRetryMs);
    await deps.scheduler.schedule(banStartNoticeJob.request(`measure-${id}-start-${dueAt.getTime()}`, dueAt, { id }));
    deps.logger.warn(
      { number: measure.number, measureId: id, retryAt: dueAt },
      'no reception channel bound; ban card waits',
    );
  }
}

/** The day after the last day: reception hears the ban ended (not when it was lifted or extended since). */
export async function tellBanEnded(id: string, deps: ReceptionDeps): Promise<void> {
  const measure = await deps.store.get(id);
  if (!measure || measure.endToldAt || measure.liftedAt || !isBan(measure.kind)) return;
  if (!measure.endDate || localDate(deps.clock.now()) <= measure.endDate) return;
  await deps.messenger.postToChannel('receptie', { card: receptionCard(measure, 'ended') });
  await deps.store.update(id, (current) => ({ ...current, endToldAt: deps.clock.now().toISOString() }));
  deps.logger.info({ number: measure.number, measureId: id }, 'reception told a ban ended');
}

/** A ban lifted early: reception hears it, if they had been told of the ban. */
export async function tellBanLifted(id: string, deps: ReceptionDeps): Promise<void> {
  const measure = await deps.store.get(id);
  if (!measure?.liftedAt || measure.liftToldAt || measure.purgedAt || !measure.receptionToldAt) return;
  await deps.messenger.postToChannel('receptie', { card: receptionCard(measure, 'lifted') });
  await deps.store.update(id, (current) => ({ ...current, liftToldAt: deps.clock.now().toISOString() }));
  deps.logger.info({ number: measure.number, measureId: id }, 'reception told a ban was lifted');
}

/** The ids of a version's start and end jobs: the first version keeps the ids it always had. */
export function banJobIds(measure: Pick<MeasureRecord, 'id' | 'revision'>): { start: string; end: string } {
  const base = measure.revision ? `measure-${measure.id}-r${measure.revision}` : `measure-${measure.id}`;
  return { start: `${base}-start`, end: `${base}-end` };
}

/**
 * Stores the jobs of a ban (reception at its start, or within a minute when it starts today or
 * reception must hear of a change; and the day after its end) and tells reception now when due.
 * Returns the lines for the manager.
 */
export async function announceBan(
  measure: MeasureRecord,
  deps: ReceptionDeps,
  background: (work: Promise<unknown>) => void,
): Promise<string[]> {
  const now = deps.clock.now();
  const today = localDate(now);
  const start = measure.startDate as string;
  const end = measure.endDate as string;
  const tellNow = measure.tellReceptionAs === 'changed' || start <= today;
  const ids = banJobIds(measure);
  // The job is the fallback of the direct attempt below: it never runs before a minute from now.
  const fallback = now.getTime() + receptionFallbackMs;
  const startAt = new Date(tellNow ? fallback : Math.max(startOf(start).getTime(), fallback));
  await deps.scheduler.schedule(banStartNoticeJob.request(ids.start, startAt, { id: measure.id }));
  await deps.scheduler.schedule(banEndNoticeJob.request(ids.end, dayAfter(end), { id: measure.id }));
  const lines: string[] = [];
  if (!(await deps.conversations.getBinding('receptie'))) {
    lines.push(
      'Er is nog geen receptiekanaal gekoppeld. Vertel het de receptie zelf en vraag een beheerder `koppel receptie` te typen in hun kanaal; de receptie krijgt het verbod dan alsnog.',
    );
  }
  if (tellNow) {
    background(tellReception(measure.id, deps));
    lines.push(
      measure.tellReceptionAs === 'changed'
        ? 'De receptie krijgt de wijziging nu te zien, met naam en periode.'
        : 'De receptie krijgt het verbod nu te zien, met naam en periode.',
    );
  } else {
    lines.push(`De receptie krijgt het verbod op ${longDate(start)} te zien.`);
  }
  lines.push('De receptie hoort het ook als het verbod afloopt.');
  return lines;
}

/** Cancels the start and end jobs of a ban's version (changed, extended or lifted). */
export async function cancelBanJobs(measure: MeasureRecord, deps: Pick<ReceptionDeps, 'scheduler'>): Promise<void> {
  const ids = banJobIds(measure);
  await deps.scheduler.cancel(ids.start);
  await deps.scheduler.cancel(ids.end);
}

/** Lifted: reception hears it now, and the durable job makes sure of it. */
export async function announceLift(
  measure: MeasureRecord,
  deps: ReceptionDeps,
  background: (work: Promise<unknown>) => void,
): Promise<string[]> {
  await cancelBanJobs(measure, deps);
  if (!measure.receptionToldAt)
    return ['De receptie had het verbod nog niet gezien; zij krijgen het nu ook niet meer.'];
  const liftedAt = new Date(deps.clock.now().getTime() + receptionFallbackMs);
  await deps.scheduler.schedule(banLiftNoticeJob.request(`measure-${measure.id}-lifted`, liftedAt, { id: measure.id }));
  background(tellBanLifted(measure.id, deps));
  return ['De receptie krijgt nu bericht dat het verbod is opgeheven.'];
}
