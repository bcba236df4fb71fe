import { DateTime } from 'luxon';
import type { AlarmStore } from '../alarms';
import type { DutyRoster } from '../duty';
import type { Job, JobScheduler } from '../shared/jobs';
import type { ReportFollowUp } from '../reports';
import type { IncidentReport } from '../reports';
import type { CapabilityModule } from '../shared/capability';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Messenger } from '../shared/messenger';
import { localDate, zone } from '../shared/time-format';
import type { WorkingCalendar } from '../shared/working-days';
import { waitAtMost } from '../duty';
import { dagstartCard, dagstartEntry, type DagstartEntry } from './dagstart-card';
import type { DagstartStore } from './dagstart-store';
import { digestMessage } from './digest';
import type { BansInForce, OverdueAftercare } from './digest-ports';
import { dagstartDigestJob, digestDueOn, digestJob, nextDigestDate } from './digest-schedule';

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
  /** The app's calendar of working days (EXTRA_CLOSING_DAYS); without it the standard one. */
  workingDays: WorkingCalendar;
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

/**
 * Makes sure the next digest is planned; scheduling it again (restart, second instance) is harmless.
 * The plan is kept (store), so a changed DAGSTART_DIGEST_TIME replaces it: the job planned at the old
 * time stays in the scheduler but stands down when it runs (see the job). A day whose digest was
 * planned at another time and has not gone out is still owed: today's digest then comes at the new
 * time, at once when that has passed. Never a second digest on a day that had one.
 */
export async function ensureNextDigest(deps: DagstartDeps, after: Date = deps.clock.now()): Promise<void> {
  const calendar = deps.workingDays;
  const today = localDate(deps.clock.now());
  let date = nextDigestDate(after, deps.digestTime, calendar);
  const [planned, last] = await Promise.all([deps.store.plannedDigest(), deps.store.lastDigest()]);
  const lastDay = last ? localDate(new Date(last)) : undefined;
  const plannedAtAnotherTime = planned && planned.jobId !== digestJob(planned.date, deps.digestTime).id;
  if (plannedAtAnotherTime && planned.date >= today && planned.date < date) date = planned.date;
  if (lastDay && date <= lastDay) {
    date = nextDigestDate(DateTime.fromISO(lastDay, { zone }).endOf('day').toJSDate(), deps.digestTime, calendar);
  }
  const job = digestJob(date, deps.digestTime);
  await deps.scheduler.schedule(job);
  if (planned?.jobId !== job.id) {
    await deps.store.savePlannedDigest({ jobId: job.id, date });
    if (plannedAtAnotherTime) {
      deps.logger.info({ replaced: planned.jobId, jobId: job.id }, 'dagstart digest planned again at the new time');
    }
  }
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

function digestJobRun(deps: DagstartDeps): Job {
  return dagstartDigestJob.runBy(async (payload, context) => {
    // Replaced by a plan at another time for the same day (DAGSTART_DIGEST_TIME changed), or a job
    // from before plans were kept: the plan that replaced it posts the digest and goes on with the series.
    const planned = await deps.store.plannedDigest();
    if (planned && planned.date === payload.date && planned.jobId !== context.jobId) {
      deps.logger.info({ jobId: context.jobId, planned: planned.jobId }, 'dagstart digest job replaced: stands down');
      return;
    }
    // The next one first: a digest that cannot be posted (channel not bound) must not stop the series.
    await ensureNextDigest(deps, context.dueAt);
    if (payload.date !== localDate(deps.clock.now())) {
      deps.logger.warn({ date: payload.date }, 'digest of a day that has passed is skipped; the next one covers it');
      return;
    }
    // Two plans for one day (the time changed while the old one was running): one digest a day.
    const last = await deps.store.lastDigest();
    if (last && localDate(new Date(last)) === payload.date) {
      deps.logger.info({ date: payload.date }, 'the dagstart digest of this day was posted already');
      return;
    }
    // Planned before the day became a closing day (EXTRA_CLOSING_DAYS changed): no digest that day.
    if (!deps.workingDays.isWorkingDay(digestDueOn(payload.date, deps.digestTime))) {
      deps.logger.info({ date: payload.date }, 'no dagstart digest on a day that is not a working day');
      return;
    }
    await postDigest(payload.date, deps);
  });
}

export function createDagstartModule(deps: DagstartDeps): CapabilityModule & {
  followUp: ReportFollowUp;
  updateMeasure(number: string, measureText: string): Promise<boolean>;
} {
  return {
    name: 'dagstart',
    jobs: [digestJobRun(deps)],
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
