import type { CapabilityModule } from '../shared/capability';
import type { Job } from '../shared/jobs';
import { cleanUp, cleanUpJob } from './clean-up';
import { outsideCardActions } from './outside-actions';
import { outsideCommands } from './outside-commands';
import type { OutsideDeps } from './outside-deps';
import { askJob, cleanUpJobType, overdueAlarmJob } from './outside-jobs';
import { outsideSummary, type OutsideSummary } from './outside-summary';
import { runOverdueStep } from './overdue';

function jobs(deps: OutsideDeps): Job[] {
  return [
    askJob.runBy((payload) => runOverdueStep(payload, 'vraag', deps)),
    overdueAlarmJob.runBy((payload) => runOverdueStep(payload, 'alarm', deps)),
    cleanUpJobType.runBy(async () => {
      const done = await cleanUp(deps);
      deps.logger.info(done, 'home visits and suspicions cleaned up');
      await deps.scheduler.schedule(cleanUpJob(deps.clock.now()));
    }),
  ];
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
