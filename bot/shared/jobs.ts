import type { z } from 'zod';
import { errorCodes, HalteamError } from './errors';

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

/** A kind of job, made with `defineJob`: how to request one and what runs it. */
export interface JobType<T> {
  readonly kind: string;
  /**
   * A job of this kind to schedule. The payload is checked against the schema here, so a payload
   * that does not fit fails now (HalteamError invalidInput) rather than when the job comes to run.
   */
  request(id: string, dueAt: Date, payload: T): JobRequest;
  /** This kind with the work it does, as a capability lists it in its `jobs`. */
  runBy(run: (payload: T, context: JobContext) => Promise<void>): Job;
}

/** A job kind and its work, whatever its payload type: what the scheduler registers and runs. */
export interface Job {
  readonly kind: string;
  /** How a failed run is retried; by default 5 attempts, 4 s doubling to 5 minutes. */
  readonly retry?: Partial<JobRetryPolicy>;
  /** This kind's payload schema, for reading a stored payload back (the scheduler's readRecord). */
  readonly payload: z.ZodType<unknown>;
  /** The payload as this kind's schema reads it; HalteamError invalidInput when it does not fit. */
  parsePayload(payload: unknown): unknown;
  /** Parses a stored payload and runs the job with it. */
  run(payload: unknown, context: JobContext): Promise<void>;
}

/**
 * Declares a kind of job once, next to the code that schedules it; the capability adds the work with
 * `runBy` where its dependencies are at hand. The payload's type follows from the schema.
 */
export function defineJob<T>(spec: {
  kind: string;
  payload: z.ZodType<T>;
  retry?: Partial<JobRetryPolicy>;
}): JobType<T> {
  const parse = (payload: unknown): T => {
    const parsed = spec.payload.safeParse(payload);
    if (!parsed.success) {
      throw new HalteamError(
        errorCodes.invalidInput,
        `Job payload for ${spec.kind} is invalid: ${parsed.error.message}`,
      );
    }
    return parsed.data;
  };
  return {
    kind: spec.kind,
    request: (id, dueAt, payload) => ({ id, kind: spec.kind, dueAt, payload: parse(payload) }),
    runBy: (run) => ({
      kind: spec.kind,
      retry: spec.retry,
      payload: spec.payload,
      parsePayload: parse,
      run: async (payload, context) => run(parse(payload), context),
    }),
  };
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
