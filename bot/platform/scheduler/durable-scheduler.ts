import type { TableClient, TransactionAction } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { asHalteamError, errorCodes, HalteamError, isHalteamError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { keysOf, readRecord } from '../storage/records';
import { getEntityOrUndefined, isConflict, toKey, type TableProvider } from '../storage/table-provider';
import {
  JobNotYet,
  type Job,
  type JobRequest,
  type JobRetryPolicy,
  type JobScheduler,
  type JobStatus,
} from '../../shared/jobs';

const partitionKey = 'job';
const tableName = 'jobs';

const jobEntitySchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  kind: z.string(),
  payload: z.string(),
  dueAt: z.string(),
  status: z.enum(['pending', 'running', 'done', 'failed', 'cancelled']) satisfies z.ZodType<JobStatus>,
  attempts: z.number(),
  leaseOwner: z.string().optional(),
  leaseUntil: z.string().optional(),
  lastError: z.string().optional(),
  completedAt: z.string().optional(),
});
type JobEntity = z.infer<typeof jobEntitySchema>;
const storedJob = jobEntitySchema.extend({ etag: z.string() });
type StoredJob = z.infer<typeof storedJob>;

const parseJob = (entity: object): StoredJob => readRecord(storedJob, entity, { table: tableName, ...keysOf(entity) });

export interface DurableSchedulerOptions {
  tables: TableProvider;
  clock: Clock;
  logger: Logger;
  pollMs: number;
  leaseMs: number;
  maxAttempts?: number;
  /** Due jobs run side by side up to this many, so one slow job (a Teams outage) holds back no other. */
  concurrency?: number;
  /** Identifies this process in leases; two instances sharing storage must differ. */
  instanceId?: string;
}

/**
 * Jobs live in Table Storage. An instance claims a due job by writing its lease with the ETag it read
 * (If-Match), so of two instances racing for one job exactly one wins; a job whose runner died is
 * claimed again once its lease has run out. The runner renews its lease while the job runs, so the
 * lease can be short (a crash delays a job by at most one lease) whatever a job's own duration.
 * Completion is written with the last ETag, so a runner that lost its lease learns of it instead of
 * overwriting the new owner's state.
 */
export class DurableScheduler implements JobScheduler {
  readonly instanceId: string;
  private readonly jobs = new Map<string, Job>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;
  private closing = false;

  constructor(private readonly options: DurableSchedulerOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
  }

  register(job: Job): void {
    if (this.jobs.has(job.kind)) throw new Error(`Job kind ${job.kind} registered twice`);
    this.jobs.set(job.kind, job);
  }

  async schedule(job: JobRequest): Promise<'scheduled' | 'exists'> {
    const entity = this.entityOf(job);
    const table = await this.table();
    try {
      await table.createEntity(entity);
      this.wakeAt(job.dueAt);
      return 'scheduled';
    } catch (error) {
      if (isConflict(error)) return 'exists';
      throw error;
    }
  }

  async scheduleAll(jobs: JobRequest[]): Promise<void> {
    if (jobs.length === 0) return;
    const entities = jobs.map((job) => this.entityOf(job));
    const table = await this.table();
    try {
      // All jobs share one partition, so they can be one entity-group transaction (at most 100 actions).
      await table.submitTransaction(entities.map((entity): TransactionAction => ['create', { ...entity }]));
      for (const job of jobs) this.wakeAt(job.dueAt);
    } catch (error) {
      // One of them exists already (scheduled before a restart): store the others one by one.
      if (!isConflict(error) || jobs.length === 1) throw error;
      for (const job of jobs) await this.schedule(job);
    }
  }

  async cancel(id: string): Promise<boolean> {
    const table = await this.table();
    const found = await getEntityOrUndefined(table, partitionKey, toKey(id));
    const entity = found ? parseJob(found) : undefined;
    if (!entity || entity.status !== 'pending') return false;
    try {
      await table.updateEntity({ partitionKey, rowKey: entity.rowKey, status: 'cancelled' }, 'Merge', {
        etag: entity.etag,
      });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  start(): void {
    this.stopped = false;
    this.closing = false;
    this.plan(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs every job due now, one after another. Returns how many this instance ran. */
  async tick(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.runDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private plan(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.tick()
        .catch((error) => this.options.logger.error({ err: error }, 'scheduler tick failed'))
        .finally(() => this.plan(this.options.pollMs));
    }, delayMs);
    this.timer.unref?.();
  }

  /** A job due before the next poll is run on time instead of at the next poll. */
  private wakeAt(dueAt: Date): void {
    const delay = dueAt.getTime() - this.options.clock.now().getTime();
    if (!this.stopped && delay < this.options.pollMs) this.plan(Math.max(0, delay));
  }

  private async runDue(): Promise<number> {
    const table = await this.table();
    const now = this.options.clock.now().toISOString();
    const filter =
      `PartitionKey eq '${partitionKey}' and ((status eq 'pending' and dueAt le '${now}') or ` +
      `(status eq 'running' and leaseUntil lt '${now}'))`;
    const due: StoredJob[] = [];
    for await (const entity of table.listEntities<object>({ queryOptions: { filter } })) {
      try {
        due.push(parseJob(entity));
      } catch (error) {
        if (!isHalteamError(error, errorCodes.recordInvalid)) throw error;
        // One unreadable row must not hold back every other job: it is reported and left where it is.
        this.options.logger.error({ err: error, code: errorCodes.recordInvalid }, 'stored job is invalid; skipped');
      }
    }
    due.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    let ran = 0;
    let next = 0;
    const lane = async () => {
      for (let entity = due[next++]; entity && !this.closing; entity = due[next++]) {
        if (await this.claimAndRun(table, entity)) ran++;
      }
    };
    const lanes = Math.max(1, Math.min(this.options.concurrency ?? 4, due.length));
    await Promise.all(Array.from({ length: lanes }, lane));
    return ran;
  }

  /**
   * Keeps the lease of a running job alive (every third of the lease) until `stop` is called; stop
   * waits for a renewal in flight and returns the ETag to finish with, or undefined if the lease was lost.
   */
  private keepLease(table: TableClient, claim: JobEntity, etag: string) {
    let current: string | undefined = etag;
    let timer: NodeJS.Timeout | undefined;
    let renewing: Promise<void> = Promise.resolve();
    let stopped = false;
    const renew = async () => {
      if (stopped || current === undefined) return;
      const leaseUntil = new Date(this.options.clock.now().getTime() + this.options.leaseMs).toISOString();
      try {
        const result = await table.updateEntity({ partitionKey, rowKey: claim.rowKey, leaseUntil }, 'Merge', {
          etag: current,
        });
        current = result.etag ?? current;
      } catch (error) {
        if (isConflict(error)) {
          current = undefined;
          this.options.logger.warn({ jobId: claim.rowKey }, 'job lease was taken over while the job ran');
        } else {
          this.options.logger.warn({ err: error, jobId: claim.rowKey }, 'job lease could not be renewed; trying again');
        }
      }
      schedule();
    };
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(
        () => {
          renewing = renew();
        },
        Math.max(50, Math.floor(this.options.leaseMs / 3)),
      );
      timer.unref?.();
    };
    schedule();
    return {
      async stop(): Promise<string | undefined> {
        stopped = true;
        if (timer) clearTimeout(timer);
        await renewing;
        return current;
      },
    };
  }

  private async claimAndRun(table: TableClient, entity: StoredJob): Promise<boolean> {
    const now = this.options.clock.now();
    const claim: JobEntity = {
      ...stripMetadata(entity),
      status: 'running',
      attempts: entity.attempts + 1,
      leaseOwner: this.instanceId,
      leaseUntil: new Date(now.getTime() + this.options.leaseMs).toISOString(),
    };
    let claimEtag: string;
    try {
      claimEtag = (await table.updateEntity(claim, 'Replace', { etag: entity.etag })).etag ?? '*';
    } catch (error) {
      if (isConflict(error)) return false; // another instance claimed it first
      throw error;
    }

    const log = this.options.logger.child({ jobId: entity.rowKey, kind: entity.kind, attempt: claim.attempts });
    const lease = this.keepLease(table, claim, claimEtag);
    let outcome: { ok: true } | { ok: false; error: unknown };
    try {
      await this.execute(claim);
      outcome = { ok: true };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const etag = await lease.stop();
    if (etag === undefined) {
      log.warn('job lease was lost before it finished; the new owner decides');
      return true;
    }
    const finishedAt = this.options.clock.now();
    if (outcome.ok) {
      await this.finish(table, claim, etag, { status: 'done', completedAt: finishedAt.toISOString() });
      log.debug('job done');
      return true;
    }
    if (outcome.error instanceof JobNotYet) {
      // Waiting is no failure: the attempt is given back.
      const retryAt = new Date(finishedAt.getTime() + outcome.error.afterMs);
      log.info({ reason: outcome.error.message, retryAt }, 'job waits');
      await this.finish(table, claim, etag, {
        status: 'pending',
        attempts: entity.attempts,
        dueAt: retryAt.toISOString(),
      });
      return true;
    }
    const error = asHalteamError(outcome.error);
    const policy = this.retryPolicy(claim.kind);
    if (claim.attempts >= policy.maxAttempts) {
      log.error({ err: error, code: errorCodes.jobFailed }, 'job failed for good');
      await this.finish(table, claim, etag, { status: 'failed', lastError: error.message.slice(0, 1000) });
    } else {
      const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (claim.attempts - 1));
      const retryAt = new Date(finishedAt.getTime() + delay);
      log.warn({ err: error, code: error.code, retryAt }, 'job failed, will retry');
      await this.finish(table, claim, etag, {
        status: 'pending',
        dueAt: retryAt.toISOString(),
        lastError: error.message.slice(0, 1000),
      });
    }
    return true;
  }

  private retryPolicy(kind: string): JobRetryPolicy {
    const own = this.jobs.get(kind)?.retry ?? {};
    return {
      maxAttempts: own.maxAttempts ?? this.options.maxAttempts ?? 5,
      baseDelayMs: own.baseDelayMs ?? 4_000,
      maxDelayMs: own.maxDelayMs ?? 300_000,
    };
  }

  private async execute(job: JobEntity): Promise<void> {
    const registered = this.jobs.get(job.kind);
    if (!registered) throw new HalteamError(errorCodes.jobHandlerMissing, `No handler for job kind ${job.kind}`);
    const payload = readRecord(registered.payload, job.payload, {
      table: tableName,
      partitionKey,
      rowKey: job.rowKey,
      column: 'payload',
    });
    await registered.run(payload, { jobId: job.rowKey, attempt: job.attempts, dueAt: new Date(job.dueAt) });
  }

  private async finish(table: TableClient, claim: JobEntity, etag: string, change: Partial<JobEntity>): Promise<void> {
    try {
      await table.updateEntity(
        { partitionKey, rowKey: claim.rowKey, ...change, leaseOwner: '', leaseUntil: '' },
        'Merge',
        { etag },
      );
    } catch (error) {
      if (!isConflict(error)) throw error;
      this.options.logger.warn({ jobId: claim.rowKey }, 'job lease was lost before it finished; the new owner decides');
    }
  }

  /**
   * The row to store for a request. A payload of a kind registered here is checked now, so one that
   * does not fit fails when it is scheduled, not when it comes to run. Kinds this instance does not
   * run (another instance's, a test's) are stored as they are.
   */
  private entityOf(job: JobRequest): JobEntity {
    const registered = this.jobs.get(job.kind);
    return jobEntity(registered ? { ...job, payload: registered.parsePayload(job.payload) } : job);
  }

  private table(): Promise<TableClient> {
    return this.options.tables.table(tableName);
  }
}

function jobEntity(job: JobRequest): JobEntity {
  return {
    partitionKey,
    rowKey: toKey(job.id),
    kind: job.kind,
    payload: JSON.stringify(job.payload),
    dueAt: job.dueAt.toISOString(),
    status: 'pending',
    attempts: 0,
  };
}

function stripMetadata(entity: StoredJob): JobEntity {
  const { etag: _etag, ...rest } = entity;
  return rest;
}
