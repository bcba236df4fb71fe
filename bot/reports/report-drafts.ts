import { z } from 'zod';
import { defineJob, type JobScheduler } from '../shared/jobs';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Messenger } from '../shared/messenger';
import { dayAndTime } from '../shared/time-format';
import type { WorkingCalendar } from '../shared/working-days';
import { draftExpiryDays } from './report-form';
import type { DraftRecord, DraftStore } from './report-store';

/**
 * A draft left halfway is reminded once, a working day after it was last touched, and thrown away
 * (flow state included) after 14 days without activity. Both are durable jobs; each job looks at the
 * draft when it runs and plans itself again when the draft was touched in the meantime.
 */
const draftRef = z.object({ draftId: z.string().min(1).max(64) });
export const draftReminderJob = defineJob({ kind: 'report.draft-reminder', payload: draftRef });
export const draftExpiryJob = defineJob({ kind: 'report.draft-expiry', payload: draftRef });

export interface DraftDeps {
  drafts: DraftStore;
  scheduler: JobScheduler;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  /** The one calendar of working days: the reminder comes a working day after the last answer. */
  workingDays: WorkingCalendar;
  /** Deletes the stored flow state of the draft's conversation. */
  forgetConversation(conversation: DraftRecord['conversation']): Promise<void>;
}

const dayMs = 24 * 3_600_000;

function expiryOf(record: Pick<DraftRecord, 'lastActivityAt'>): Date {
  return new Date(new Date(record.lastActivityAt).getTime() + draftExpiryDays * dayMs);
}

const reminderJobId = (draftId: string, due: Date) => `report-draft-${draftId}-remind-${due.getTime()}`;
const expiryJobId = (draftId: string, due: Date) => `report-draft-${draftId}-expire-${due.getTime()}`;

export async function draftOpened(record: DraftRecord, deps: DraftDeps): Promise<void> {
  await deps.drafts.save(record);
  const remindAt = deps.workingDays.oneWorkingDayAfter(new Date(record.lastActivityAt));
  const expireAt = expiryOf(record);
  const payload = { draftId: record.draftId };
  await deps.scheduler.schedule(draftReminderJob.request(reminderJobId(record.draftId, remindAt), remindAt, payload));
  await deps.scheduler.schedule(draftExpiryJob.request(expiryJobId(record.draftId, expireAt), expireAt, payload));
}

/** Sent, stopped or expired: the record goes; jobs that still run find nothing and end quietly. */
export async function draftClosed(draftId: string, deps: Pick<DraftDeps, 'drafts'>): Promise<void> {
  await deps.drafts.remove(draftId);
}

export async function remindDraft(payload: { draftId: string }, deps: DraftDeps): Promise<void> {
  const record = await deps.drafts.get(payload.draftId);
  if (!record || record.remindedAt) return;
  const due = deps.workingDays.oneWorkingDayAfter(new Date(record.lastActivityAt));
  if (deps.clock.now() < due) {
    await deps.scheduler.schedule(draftReminderJob.request(reminderJobId(record.draftId, due), due, payload));
    return;
  }
  await deps.messenger.sendToUser(record.user, {
    text:
      `Je bent ${dayAndTime(record.startedAt)} begonnen met een melding van agressie, maar die is nog niet verstuurd.\n\n` +
      'Typ **verder** in deze chat om door te gaan waar je was, of **stop** om hem weg te gooien. ' +
      `Een melding die niet wordt afgemaakt, verdwijnt na ${draftExpiryDays} dagen vanzelf.`,
  });
  await deps.drafts.markReminded(record.draftId, deps.clock.now());
  deps.logger.info({ draftId: record.draftId }, 'reminded a half-finished report');
}

export async function expireDraft(payload: { draftId: string }, deps: DraftDeps): Promise<void> {
  const record = await deps.drafts.get(payload.draftId);
  if (!record) return;
  const due = expiryOf(record);
  if (deps.clock.now() < due) {
    await deps.scheduler.schedule(draftExpiryJob.request(expiryJobId(record.draftId, due), due, payload));
    return;
  }
  await deps.forgetConversation(record.conversation);
  await deps.drafts.remove(record.draftId);
  deps.logger.info({ draftId: record.draftId }, 'an abandoned report draft expired and was deleted');
  await deps.messenger
    .sendToUser(record.user, {
      text:
        `Je melding van agressie (begonnen ${dayAndTime(record.startedAt)}) is ${draftExpiryDays} dagen niet afgemaakt ` +
        'en is nu weggegooid. Er is niets verstuurd. Typ **melden** als je opnieuw wilt beginnen.',
    })
    .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not tell the user their draft expired'));
}
