import { z } from 'zod';
import type { AppConfig } from '../config/config-schema';
import { defineJob, type JobScheduler } from '../shared/jobs';
import type { CapabilityModule } from '../shared/capability';
import type { AnyConversationFlow } from '../shared/conversation-flow';
import type { Clock } from '../shared/clock';
import type { Directory } from '../shared/directory';
import { createBackgroundWork } from '../shared/background-work';
import { errorCodes, HalteamError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Messenger } from '../shared/messenger';
import type { WorkingCalendar, WorkingHours } from '../shared/working-days';
import type { ReportFollowUp } from './follow-ups';
import { meldenCommand } from './melden-command';
import { deliverReport, type DeliveryDeps } from './notify-report';
import {
  draftClosed,
  draftExpiryJob,
  draftOpened,
  draftReminderJob,
  expireDraft,
  remindDraft,
  type DraftDeps,
} from './report-drafts';
import type { AlarmFacts, FormDeps, ReportDraft, SubmitResult } from './report-form';
import type { DraftRecord, DraftStore, IncidentCounter, ReportStore } from './report-store';
import { createReportFlow } from './report-flow';
import { submitReport } from './submit-report';
import { samePersonAction } from './same-person-action';

export const reportDeliveryJob = defineJob({
  kind: 'report.deliver',
  payload: z.object({ number: z.string().min(1).max(40) }),
});
/** The durable fallback runs this long after submission, when the direct delivery should long be done. */
const deliveryFallbackMs = 60_000;

export interface ReportsModuleDeps {
  config: AppConfig;
  store: ReportStore;
  counter: IncidentCounter;
  drafts: DraftStore;
  messenger: Messenger;
  directory: Directory;
  scheduler: JobScheduler;
  clock: Clock;
  logger: Logger;
  /** The registered locations (the alarm buttons' places), offered as answers to "waar". */
  locations(): Promise<string[]>;
  /** A closed alarm's time, place, responders and police, to prefill a report started from it. */
  alarmFacts(buttonId: string, alarmId: string): Promise<AlarmFacts | undefined>;
  forgetConversation(conversation: DraftRecord['conversation']): Promise<void>;
  /** The dagstart and aftercare hooks (later issues fill them). */
  followUps: readonly ReportFollowUp[];
  /** The app's calendar of working days; without it one is made from EXTRA_CLOSING_DAYS. */
  workingDays: WorkingCalendar;
  /** WORKING_HOURS, parsed once by the composition root: a time without a part of the day is read inside them. */
  workingHours: WorkingHours;
}

export type ReportsModule = CapabilityModule & {
  flows: AnyConversationFlow[];
  /** Resolves when deliveries started in this process are finished (tests, shutdown). */
  idle(): Promise<void>;
};

/** The incident report capability: `melden`, the conversation, numbering, delivery, draft reminders and expiry. */
export function createReportsModule(input: ReportsModuleDeps): ReportsModule {
  const log = input.logger;
  const delivery: DeliveryDeps = {
    store: input.store,
    messenger: input.messenger,
    directory: input.directory,
    logger: log,
    settings: { poTargets: input.config.REPORT_PO_TARGETS, oovTargets: input.config.REPORT_OOV_TARGETS },
    followUps: input.followUps,
  };
  const draftDeps: DraftDeps = {
    drafts: input.drafts,
    scheduler: input.scheduler,
    messenger: input.messenger,
    clock: input.clock,
    logger: log,
    workingDays: input.workingDays,
    forgetConversation: input.forgetConversation,
  };

  const background = createBackgroundWork(log);
  const delivering = new Map<string, Promise<'done' | 'incomplete' | 'missing'>>();

  /** One delivery per report at a time in this process (the direct one and the job may meet). */
  function deliver(number: string): Promise<'done' | 'incomplete' | 'missing'> {
    const running = delivering.get(number);
    if (running) return running;
    const work = deliverReport(number, delivery).finally(() => delivering.delete(number));
    delivering.set(number, work);
    return work;
  }

  async function submit(draft: ReportDraft): Promise<SubmitResult> {
    const result = await submitReport(draft, { store: input.store, counter: input.counter, clock: input.clock });
    await draftClosed(draft.draftId, draftDeps);
    if (result.kind === 'submitted') {
      const { number } = result.report;
      log.info({ number, draftId: draft.draftId }, 'report submitted');
      const fallbackAt = new Date(input.clock.now().getTime() + deliveryFallbackMs);
      await input.scheduler.schedule(reportDeliveryJob.request(`report-${number}-deliver`, fallbackAt, { number }));
      background.track(deliver(number), 'delivering a report');
    }
    return result;
  }

  const formDeps: FormDeps = {
    clock: input.clock,
    directory: input.directory,
    workingHours: input.workingHours,
    locations: async () => {
      try {
        return [...new Set(await input.locations())];
      } catch (error) {
        // The form still works: the fixed places (telefoon, huisbezoek, …) and "anders" remain.
        input.logger.warn({ err: error }, 'registered locations could not be read');
        return [];
      }
    },
    alarmFacts: (buttonId, alarmId) => input.alarmFacts(buttonId, alarmId),
    reportsForAlarm: async (alarmId) => (await input.store.byAlarm(alarmId)).map((report) => report.number),
    submit,
    drafts: {
      opened: (record) => draftOpened(record, draftDeps),
      touched: (draftId, at) => input.drafts.touch(draftId, at),
      closed: (draftId) => draftClosed(draftId, draftDeps),
    },
  };

  const flow = createReportFlow({
    ...formDeps,
    sentNumber: async (draftId) => (await input.store.byDraft(draftId))?.number,
  });

  return {
    name: 'reports',
    flows: [flow],
    commands: [meldenCommand],
    cardActions: [
      samePersonAction({
        store: input.store,
        settings: delivery.settings,
        clock: input.clock,
        logger: log,
      }),
    ],
    jobs: [
      reportDeliveryJob.runBy(async (payload) => {
        const result = await deliver(payload.number);
        if (result === 'incomplete') {
          throw new HalteamError(errorCodes.jobFailed, `Report ${payload.number} is not delivered to everyone yet`);
        }
      }),
      draftReminderJob.runBy((payload) => remindDraft(payload, draftDeps)),
      draftExpiryJob.runBy((payload) => expireDraft(payload, draftDeps)),
    ],
    onStop: () => background.drain(),
    idle: () => background.drain(),
  };
}
