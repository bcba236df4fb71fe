import { z } from 'zod';
import type { CapabilityModule } from '../shared/capability';
import type { JobDefinition } from '../shared/jobs';
import { cleanUp, cleanUpJob, cleanUpJobKind } from './clean-up';
import { outsideCardActions } from './outside-actions';
import { outsideCommands } from './outside-commands';
import type { OutsideDeps } from './outside-deps';
import { outsideSummary, type OutsideSummary } from './outside-summary';
import { runOverdueStep } from './overdue';

const overduePayload = z.object({ visitId: z.string().min(1), until: z.string().min(1) });

function jobs(deps: OutsideDeps): JobDefinition<unknown>[] {
  const ask: JobDefinition<z.infer<typeof overduePayload>> = {
    kind: 'huisbezoek.vraag',
    payload: overduePayload,
    run: (payload) => runOverdueStep(payload, 'vraag', deps),
  };
  const alarm: JobDefinition<z.infer<typeof overduePayload>> = {
    kind: 'huisbezoek.alarm',
    payload: overduePayload,
    run: (payload) => runOverdueStep(payload, 'alarm', deps),
    // An overdue visit's alarm is never given up (the alarm itself is deduped per job).
    retry: { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 1_000, maxDelayMs: 15_000 },
  };
  const clean: JobDefinition<Record<string, never>> = {
    kind: cleanUpJobKind,
    payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
    async run() {
      const done = await cleanUp(deps);
      deps.logger.info(done, 'home visits and suspicions cleaned up');
      await deps.scheduler.schedule(cleanUpJob(deps.clock.now()));
    },
  };
  return [ask, alarm, clean] as JobDefinition<unknown>[];
}

export interface OutsideModule extends CapabilityModule {
  /** Home visits and suspicions since a moment, as counts (the overview; no addresses). */
  summary(since: Date): Promise<OutsideSummary>;
  /** Suspicions since a moment for the overview: whom about, the manager, when discussed (no reporter). */
  suspicions(since: Date): Promise<SuspicionListing[]>;
}

export interface SuspicionListing {
  id: string;
  createdAt: string;
  about: string;
  managerAadObjectId?: string;
  managerName?: string;
  discussedAt?: string;
}

/** Work outside the building (Hoofdstuk 4): home visits, an alarm from Teams, vermoeden agressie. */
export function createOutsideModule(deps: OutsideDeps): OutsideModule {
  return {
    name: 'outside',
    commands: outsideCommands(deps),
    cardActions: outsideCardActions(deps),
    jobs: jobs(deps),
    async onStart() {
      await deps.scheduler.schedule(cleanUpJob(deps.clock.now())).catch((error: unknown) => {
        deps.logger.error({ err: error }, 'home-visit clean-up not scheduled; tried again at the next start');
      });
    },
    async suspicions(since) {
      return (await deps.store.suspicionsSince(since)).map((suspicion) => ({
        id: suspicion.id,
        createdAt: suspicion.createdAt,
        about: suspicion.about,
        managerAadObjectId: suspicion.manager?.aadObjectId,
        managerName: suspicion.manager?.name,
        discussedAt: suspicion.discussed?.at,
      }));
    },
    async summary(since) {
      const [visits, suspicions] = await Promise.all([
        deps.store.visitsSince(since),
        deps.store.suspicionsSince(since),
      ]);
      return outsideSummary(visits, suspicions, deps.clock.now(), deps.settings.graceMinutes);
    },
  };
}
