import { z } from 'zod';
import type { CardActionResult } from '../shared/commands';
import { errorCodes, HalteamError } from '../shared/errors';
import { defineJob } from '../shared/jobs';
import type { WorkingCalendar } from '../shared/working-days';
import { addressOf, calendarIdOf, isPerson, type AftercareDeps } from './aftercare-deps';
import { formCard, formStoredCard, noteCard, reminderCard, slotText } from './aftercare-cards';
import { supportKinds, type AftercareForm, type AftercarePlan, type PlannedTalk } from './aftercare-model';
import { CalendarError } from './calendar';
import { formDueAt, formOverdueAt, isOverdue, reminderDueAt } from './follow-up-rules';
import type { TalkNumber } from './slot-rules';

const talkJobPayload = z.object({
  number: z.string().min(1).max(40),
  talk: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** The talk's start when the job was scheduled: a job for a talk that moved since is stale. */
  start: z.string().min(1).max(40),
});
export type TalkJob = z.infer<typeof talkJobPayload>;

export const talkReminderJob = defineJob({ kind: 'aftercare.remind', payload: talkJobPayload });
export const talkFormJob = defineJob({ kind: 'aftercare.form', payload: talkJobPayload });
export const formOverdueJob = defineJob({ kind: 'aftercare.overdue', payload: talkJobPayload });

const jobId = (kind: string, plan: AftercarePlan, talk: PlannedTalk) =>
  `aftercare-${plan.number}-${talk.talk}-${kind}-${new Date(talk.start).getTime()}`;

/**
 * The reminder (a working day before) and the form (after the end) of one talk, on the durable
 * scheduler. Ids carry the talk's start: scheduling twice is harmless, a moved talk gets new jobs.
 */
export async function scheduleFollowUps(plan: AftercarePlan, talk: PlannedTalk, deps: AftercareDeps): Promise<void> {
  const payload: TalkJob = { number: plan.number, talk: talk.talk, start: talk.start };
  await deps.scheduler.schedule(
    talkReminderJob.request(
      jobId('remind', plan, talk),
      reminderDueAt(new Date(talk.start), deps.workingDays),
      payload,
    ),
  );
  await deps.scheduler.schedule(talkFormJob.request(jobId('form', plan, talk), formDueAt(new Date(talk.end)), payload));
}

/**
 * Reads the talk's event first, so what the manager did in Outlook wins: a moved talk is followed
 * at its new time (new jobs), a deleted or cancelled one is no longer followed (the manager is told
 * once). Returns the talk when this job is still current and the talk still stands.
 */
async function currentTalk(
  job: TalkJob,
  deps: AftercareDeps,
): Promise<{ plan: AftercarePlan; talk: PlannedTalk; joinUrl?: string } | undefined> {
  const plan = await deps.store.get(job.number);
  const talk = plan?.talks.find((candidate) => candidate.talk === job.talk);
  if (!plan || !talk || talk.state !== 'planned' || talk.start !== job.start) return undefined;
  let event;
  try {
    const owner = await deps.calendar.user(calendarIdOf(plan.manager));
    event = await deps.calendar.getEvent(owner, talk.eventId);
  } catch (error) {
    if (error instanceof CalendarError && error.problem !== 'unavailable') {
      // 403/404: the calendar cannot be read any more; follow the talk as planned.
      deps.logger.warn({ err: error, number: plan.number, talk: talk.talk }, 'cannot read the aftercare event');
      return { plan, talk };
    }
    throw error; // unavailable: the scheduler retries the job later
  }
  if (!event) {
    await deps.store.update(plan.number, (current) => ({
      ...current,
      talks: current.talks.map((candidate) =>
        candidate.talk === talk.talk ? { ...candidate, state: 'cancelled' as const } : candidate,
      ),
    }));
    await deps.messenger.sendToUser(addressOf(plan.manager), {
      card: noteCard(
        `Gesprek ${talk.talk} staat niet meer in je agenda`,
        `Het nazorggesprek ${talk.talk} met ${plan.employee.name} (incident ${plan.number}, gepland ${slotText(talk.start, talk.end)}) is uit je agenda verwijderd of afgezegd. Ik volg het niet meer. Plan je het opnieuw? Dat kan in Outlook; typ **nazorg ${plan.number}** voor een overzicht.`,
      ),
    });
    deps.logger.info({ number: plan.number, talk: talk.talk }, 'aftercare talk cancelled in the calendar');
    return undefined;
  }
  const start = event.start.toISOString();
  const end = event.end.toISOString();
  if (start !== talk.start || end !== talk.end) {
    const moved: PlannedTalk = { ...talk, start, end };
    const updated = await deps.store.update(plan.number, (current) => ({
      ...current,
      talks: current.talks.map((candidate) => (candidate.talk === talk.talk ? moved : candidate)),
    }));
    await scheduleFollowUps(updated, moved, deps);
    deps.logger.info({ number: plan.number, talk: talk.talk }, 'aftercare talk moved in the calendar; following it');
    return undefined;
  }
  return { plan, talk, joinUrl: event.joinUrl };
}

export async function remindTalk(job: TalkJob, deps: AftercareDeps): Promise<void> {
  const found = await currentTalk(job, deps);
  if (!found) return;
  // A reminder that comes late (the bot was down on the day before) is no use once the talk has begun.
  if (deps.clock.now().getTime() >= new Date(found.talk.start).getTime()) {
    deps.logger.info(
      { number: found.plan.number, talk: found.talk.talk },
      'aftercare reminder skipped: the talk has begun',
    );
    return;
  }
  await deps.messenger.sendToUser(addressOf(found.plan.manager), {
    card: reminderCard(found.plan, found.talk.talk, found.talk.start, found.talk.end, found.joinUrl),
  });
}

export async function sendForm(job: TalkJob, deps: AftercareDeps): Promise<void> {
  const found = await currentTalk(job, deps);
  if (!found || found.talk.form) return;
  await deps.messenger.sendToUser(addressOf(found.plan.manager), {
    card: formCard(found.plan, found.talk.talk),
    alert: true,
  });
  await deps.scheduler.schedule(
    formOverdueJob.request(
      `aftercare-${found.plan.number}-${found.talk.talk}-overdue-${new Date(found.talk.start).getTime()}`,
      formOverdueAt(new Date(found.talk.end), deps.workingDays),
      job,
    ),
  );
}

/** Two working days after the talk and still no form: one reminder; from then on it counts as overdue. */
export async function remindOverdueForm(job: TalkJob, deps: AftercareDeps): Promise<void> {
  const plan = await deps.store.get(job.number);
  const talk = plan?.talks.find((candidate) => candidate.talk === job.talk);
  if (!plan || !talk || talk.start !== job.start || talk.formRemindedAt) return;
  if (!isOverdue(talk, deps.clock.now(), deps.workingDays)) return;
  await deps.store.update(plan.number, (current) => ({
    ...current,
    talks: current.talks.map((candidate) =>
      candidate.talk === talk.talk ? { ...candidate, formRemindedAt: deps.clock.now().toISOString() } : candidate,
    ),
  }));
  await deps.messenger.sendToUser(addressOf(plan.manager), {
    card: formCard(
      plan,
      talk.talk,
      `Herinnering: het nazorgformulier van gesprek ${talk.talk} (${slotText(talk.start, talk.end)}) ontbreekt nog en is nu te laat.`,
    ),
    alert: true,
  });
}

export const formData = z.object({
  number: z.string().min(1).max(40),
  talk: z.coerce.number().int().min(1).max(3),
  wellbeing: z.string().trim().max(2000).default(''),
  complaints: z.string().trim().max(2000).default(''),
  support: z.string().max(200).default(''),
  referral: z.string().trim().max(500).default(''),
  processed: z.enum(['ja', 'nee', '']).default(''),
  agreed: z.string().max(10).default('false'),
});
export type FormData = z.infer<typeof formData>;

/** The nazorgformulier, stored with the incident; after talk 3 "not processed enough" prompts a referral. */
export async function storeForm(
  data: FormData,
  actor: { id: string; aadObjectId?: string; name: string },
  deps: AftercareDeps,
): Promise<CardActionResult> {
  const plan = await deps.store.get(data.number);
  if (!plan) throw new HalteamError(errorCodes.notFound, `No aftercare for ${data.number}`);
  if (!isPerson(actor, plan.manager)) {
    throw new HalteamError(errorCodes.notAuthorised, 'Only the manager fills in the nazorgformulier');
  }
  const talkNumber = data.talk as TalkNumber;
  const talk = plan.talks.find((candidate) => candidate.talk === talkNumber);
  if (!talk) throw new HalteamError(errorCodes.notFound, `No talk ${talkNumber} for ${data.number}`);
  if (talk.form) return { card: formStoredCard(plan, talkNumber, talk.form) };
  const problems: string[] = [];
  if (!data.wellbeing) problems.push('Vul in hoe het met de medewerker gaat.');
  if (talkNumber === 3 && !data.processed) problems.push('Kies of de gebeurtenis voldoende verwerkt is.');
  if (data.agreed !== 'true') problems.push('Vink aan dat jullie het allebei eens zijn met wat er staat.');
  if (problems.length > 0) return { card: formCard(plan, talkNumber, problems.join(' ')) };
  const support = data.support
    .split(',')
    .map((value) => value.trim())
    .filter((value): value is (typeof supportKinds)[number] => (supportKinds as readonly string[]).includes(value));
  const form: AftercareForm = {
    wellbeing: data.wellbeing,
    complaints: data.complaints,
    support,
    referral: data.referral,
    ...(talkNumber === 3 ? { processedEnough: data.processed === 'ja' } : {}),
    agreed: true,
    filledAt: deps.clock.now().toISOString(),
    filledBy: actor.name,
  };
  const stored = await deps.store.update(plan.number, (current) => ({
    ...current,
    talks: current.talks.map((candidate) =>
      candidate.talk === talkNumber && !candidate.form ? { ...candidate, form } : candidate,
    ),
  }));
  const saved = stored.talks.find((candidate) => candidate.talk === talkNumber)?.form ?? form;
  deps.logger.info({ number: plan.number, talk: talkNumber }, 'nazorgformulier stored');
  return { card: formStoredCard(stored, talkNumber, saved) };
}

/** For the dagstart digest: how many talks are overdue (a count, never names). */
export interface OverdueAftercare {
  count(now: Date): Promise<number>;
}

export function overdueAftercare(
  store: { all(): Promise<AftercarePlan[]> },
  calendar: WorkingCalendar,
): OverdueAftercare {
  return {
    async count(now) {
      return (await store.all()).flatMap((plan) => plan.talks).filter((talk) => isOverdue(talk, now, calendar)).length;
    },
  };
}
