import type { BansInForce } from '../dagstart';
import { createBackgroundWork } from '../shared/background-work';
import type { CapabilityModule } from '../shared/capability';
import { bansInForce } from './bans-in-force';
import { damageReminderJob, remindDamage } from './damage';
import { letterRoute } from './letter-route';
import { measureCardActions } from './measure-actions';
import { maatregelCommand, schadeCommand } from './measure-commands';
import type { MeasureRecord } from './measure-store';
import type { Background, MeasuresDeps } from './measures-deps';
import {
  banEndNoticeJob,
  banLiftNoticeJob,
  banStartJob,
  banStartNoticeJob,
  tellBanEnded,
  tellBanLifted,
} from './reception';
import { receptionCommands } from './reception-commands';
import { nextPurgeAt, purgeExpired, purgeJob, purgeJobId } from './retention';

export { bansInForce } from './bans-in-force';
export type { DagstartMeasureUpdate, MeasuresDeps } from './measures-deps';

export type MeasuresModule = CapabilityModule & {
  bans: BansInForce;
  forIncident(number: string): Promise<MeasureRecord[]>;
  idle(): Promise<void>;
};

/** Measures against the aggressor (Hoofdstuk 7, Afwikkeling): the decision, letters, reception. */
export function createMeasuresModule(deps: MeasuresDeps): MeasuresModule {
  const work = createBackgroundWork(deps.logger);
  // A failed direct attempt is no loss: the durable job tells reception again.
  const background: Background = (telling) => work.track(telling, 'telling about a measure');
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
    cardActions: measureCardActions(deps, background),
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
