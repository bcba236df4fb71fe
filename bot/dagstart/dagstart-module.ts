import { z } from 'zod';
import type { AlarmStore } from '../alarms/alarm-store';
import type { DutyRoster } from '../halteam/roster';
import type { JobDefinition, JobScheduler } from '../platform/scheduler/scheduler-types';
import type { ReportFollowUp } from '../reports/follow-ups';
import type { IncidentReport } from '../reports/report-model';
import type { CapabilityModule } from '../shared/capability';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Messenger } from '../shared/messenger';
import { localDate } from '../shared/time-format';
import { waitAtMost } from '../halteam/within';
import { dagstartCard, dagstartEntry, type DagstartEntry } from './dagstart-card';
import type { DagstartStore } from './dagstart-store';
import { digestMessage } from './digest';
import type { BansInForce, OverdueAftercare } from './digest-ports';
import { digestJob, digestJobKind, nextDigestDate } from './digest-schedule';

export interface DagstartDeps {
  messenger: Messenger;
  store: DagstartStore;
  reports: { submittedSince(since: Date): Promise<IncidentReport[]> };
  alarms: Pick<AlarmStore, 'alarmsSince'>;
  roster: Pick<DutyRoster, 'duty'>;
  bans: BansInForce;
  overdueAftercare: OverdueAftercare;
  scheduler: JobScheduler;
  clock: Clock;
  /** DAGSTART_DIGEST_TIME, HH:MM Europe/Amsterdam. */
  digestTime: string;
  logger: Logger;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Posts the incident's card in the dagstart channel and remembers where it landed. A retry of the
 * follow-up (the report's delivery is retried until everything went out) updates that card instead
 * of posting a second one.
 */
export async function postDagstartCard(report: IncidentReport, deps: DagstartDeps): Promise<void> {
  const existing = await deps.store.getCard(report.number);
  const entry: DagstartEntry = {
    ...dagstartEntry(report),
    ...(existing?.entry.measure ? { measure: existing.entry.measure } : {}),
  };
  if (existing) {
    await deps.messenger.update(existing.posted, { card: dagstartCard(entry) });
    await deps.store.saveCard({ entry, posted: existing.posted });
    return;
  }
  const posted = await deps.messenger.postToChannel('dagstart', { card: dagstartCard(entry) });
  await deps.store.saveCard({ entry, posted });
  deps.logger.info({ number: report.number }, 'incident on the dagstart');
}

/**
 * For the measures issue: the measure decided for an incident (e.g. "Toegangsverbod tot 1 maart
 * 2027") is shown on its dagstart card, updated in place. Returns false when the incident has no
 * dagstart card (yet).
 */
export async function updateDagstartMeasure(
  number: string,
  measureText: string,
  deps: Pick<DagstartDeps, 'store' | 'messenger' | 'logger'>,
): Promise<boolean> {
  const existing = await deps.store.getCard(number);
  if (!existing) return false;
  const entry = { ...existing.entry, measure: measureText };
  await deps.messenger.update(existing.posted, { card: dagstartCard(entry) });
  await deps.store.saveCard({ entry, posted: existing.posted });
  deps.logger.info({ number }, 'measure shown on the dagstart card');
  return true;
}

/** Makes sure the next digest is planned; scheduling it again (restart, second instance) is harmless. */
export async function ensureNextDigest(deps: DagstartDeps, after: Date = deps.clock.now()): Promise<void> {
  await deps.scheduler.schedule(digestJob(nextDigestDate(after, deps.digestTime), deps.digestTime));
}

/** Posts the morning digest for `date`. */
export async function postDigest(date: string, deps: DagstartDeps): Promise<void> {
  const now = deps.clock.now();
  const last = await deps.store.lastDigest();
  const since = last ? new Date(last) : new Date(now.getTime() - dayMs);
  const [reports, bans, overdueAftercare, duty, alarms] = await Promise.all([
    deps.reports.submittedSince(since),
    deps.bans.list(now),
    deps.overdueAftercare.count(now),
    deps.roster.duty(now),
    deps.alarms.alarmsSince(new Date(now.getTime() - dayMs)),
  ]);
  const incidents: DagstartEntry[] = [];
  for (const report of reports.filter((candidate) => candidate.submittedAt <= now.toISOString())) {
    const card = await deps.store.getCard(report.number);
    incidents.push(card?.entry ?? dagstartEntry(report));
  }
  await deps.messenger.postToChannel(
    'dagstart',
    digestMessage({
      date,
      incidents,
      bans,
      overdueAftercare,
      onDuty: duty.filter((entry) => entry.onDuty).map((entry) => entry.member.name),
      alarms: alarms.sort((a, b) => a.pressedAt.localeCompare(b.pressedAt)),
    }),
  );
  await deps.store.saveLastDigest(now.toISOString());
  deps.logger.info({ date, incidents: incidents.length, alarms: alarms.length }, 'dagstart digest posted');
}

const digestPayload = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

function digestJobDefinition(deps: DagstartDeps): JobDefinition<z.infer<typeof digestPayload>> {
  return {
    kind: digestJobKind,
    payload: digestPayload,
    async run(payload, context) {
      // The next one first: a digest that cannot be posted (channel not bound) must not stop the series.
      await ensureNextDigest(deps, context.dueAt);
      if (payload.date !== localDate(deps.clock.now())) {
        deps.logger.warn({ date: payload.date }, 'digest of a day that has passed is skipped; the next one covers it');
        return;
      }
      await postDigest(payload.date, deps);
    },
  };
}

export function createDagstartModule(deps: DagstartDeps): CapabilityModule & {
  followUp: ReportFollowUp;
  updateMeasure(number: string, measureText: string): Promise<boolean>;
} {
  return {
    name: 'dagstart',
    jobs: [digestJobDefinition(deps)],
    followUp: { name: 'dagstart', onSubmitted: (report) => postDagstartCard(report, deps) },
    updateMeasure: (number, measureText) => updateDagstartMeasure(number, measureText, deps),
    async onStart() {
      // Storage down at start: the plan is made in the background and the start goes on.
      const planned = ensureNextDigest(deps).catch((error: unknown) =>
        deps.logger.error({ err: error }, 'could not plan the next dagstart digest'),
      );
      await waitAtMost(planned, 1000);
    },
  };
}
