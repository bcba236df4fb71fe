import type { z } from 'zod';

/** A piece of work due at a moment. `id` is chosen by the caller so that scheduling twice is harmless. */
export interface JobRequest {
  id: string;
  kind: string;
  dueAt: Date;
  payload: unknown;
}

export interface JobContext {
  jobId: string;
  attempt: number;
  dueAt: Date;
}

export interface JobRetryPolicy {
  /** Attempts before the job is marked failed; `Infinity` for work that must never be given up. */
  maxAttempts: number;
  /** The pause after the first failure; it doubles per attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface JobDefinition<T> {
  kind: string;
  payload: z.ZodType<T>;
  run(payload: T, context: JobContext): Promise<void>;
  /** How a failed run is retried; by default 5 attempts, 4 s doubling to 5 minutes. */
  retry?: Partial<JobRetryPolicy>;
}

/**
 * Thrown by a job that cannot do its work yet (waiting for something another job or instance is
 * doing): it is tried again after `afterMs`, and the wait does not count as a failed attempt.
 */
export class JobNotYet extends Error {
  override readonly name = 'JobNotYet';
  constructor(
    readonly afterMs: number,
    reason: string,
  ) {
    super(reason);
  }
}

/** What capabilities see of the scheduler. */
export interface JobScheduler {
  /** Stores the job; a job with the same id that already exists (pending, running or done) is left as it is. */
  schedule(job: JobRequest): Promise<'scheduled' | 'exists'>;
  /** Stores several jobs, in one write when none exists yet; those that exist are left as they are. */
  scheduleAll(jobs: JobRequest[]): Promise<void>;
  /** Cancels a job that has not run yet; returns false when it was not pending. */
  cancel(id: string): Promise<boolean>;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
