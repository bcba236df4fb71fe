import { z } from 'zod';
import { DurableScheduler } from '../../bot/platform/scheduler/durable-scheduler';
import { defineJob, JobNotYet, type JobRetryPolicy } from '../../bot/shared/jobs';
import { createTableProvider, type TableProvider } from '../../bot/platform/storage/table-provider';
import { ManualClock } from '../../bot/shared/clock';
import { errorCodes } from '../../bot/shared/errors';
import { createLogger } from '../../bot/shared/logger';
import { uniquePrefix } from '../support/test-app';

const start = new Date('2026-11-24T08:00:00Z');
const logger = createLogger('silent');

function tablesFor(prefix: string): TableProvider {
  return createTableProvider(process.env.TEST_STORAGE_CONNECTION_STRING as string, prefix);
}

function instance(
  tables: TableProvider,
  clock: ManualClock,
  runs: string[],
  options: { leaseMs?: number; work?: () => Promise<void>; id?: string } = {},
) {
  const scheduler = new DurableScheduler({
    tables,
    clock,
    logger,
    pollMs: 50,
    leaseMs: options.leaseMs ?? 60_000,
    instanceId: options.id,
  });
  scheduler.register(
    defineJob({ kind: 'note', payload: z.object({ text: z.string() }) }).runBy(async (payload) => {
      await options.work?.();
      runs.push(`${options.id ?? 'x'}:${payload.text}`);
    }),
  );
  return scheduler;
}

describe('durable scheduler (against Azurite)', () => {
  it('runs a job once when it is due, not before', async () => {
    const clock = new ManualClock(start);
    const runs: string[] = [];
    const scheduler = instance(tablesFor(uniquePrefix()), clock, runs);
    await scheduler.schedule({
      id: 'j1',
      kind: 'note',
      dueAt: new Date(start.getTime() + 60_000),
      payload: { text: 'hi' },
    });

    expect(await scheduler.tick()).toBe(0);
    clock.advance(60_000);
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0);
    expect(runs).toEqual(['x:hi']);
  });

  it('refuses a payload that does not fit the job kind when it is scheduled, not when it comes to run', async () => {
    const clock = new ManualClock(start);
    const runs: string[] = [];
    const scheduler = instance(tablesFor(uniquePrefix()), clock, runs);
    const note = defineJob({ kind: 'note', payload: z.object({ text: z.string() }) });

    // @ts-expect-error -- the compiler refuses it too: text is a string
    expect(() => note.request('typed', start, { text: 42 })).toThrow(
      expect.objectContaining({ code: errorCodes.invalidInput }),
    );
    const wrong = { id: 'raw', kind: 'note', dueAt: start, payload: { text: 42 } };
    await expect(scheduler.schedule(wrong)).rejects.toMatchObject({ code: errorCodes.invalidInput });
    await expect(scheduler.scheduleAll([note.request('fits', start, { text: 'ok' }), wrong])).rejects.toMatchObject({
      code: errorCodes.invalidInput,
    });

    // Nothing was stored: the ids are free, and only what fits runs.
    expect(await scheduler.tick()).toBe(0);
    expect(await scheduler.schedule(note.request('raw', start, { text: 'fixed' }))).toBe('scheduled');
    expect(await scheduler.tick()).toBe(1);
    expect(runs).toEqual(['x:fixed']);
  });

  it('stores several jobs at once, and keeps an existing one as it was when some already exist', async () => {
    const clock = new ManualClock(start);
    const runs: string[] = [];
    const scheduler = instance(tablesFor(uniquePrefix()), clock, runs);
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    await scheduler.scheduleAll([
      { id: 'a', kind: 'note', dueAt: at(10), payload: { text: 'a' } },
      { id: 'b', kind: 'note', dueAt: at(20), payload: { text: 'b' } },
    ]);
    // After a restart the same two are scheduled again, with a third: a and b stay as they were.
    await scheduler.scheduleAll([
      { id: 'a', kind: 'note', dueAt: at(99), payload: { text: 'a again' } },
      { id: 'b', kind: 'note', dueAt: at(99), payload: { text: 'b again' } },
      { id: 'c', kind: 'note', dueAt: at(30), payload: { text: 'c' } },
    ]);

    clock.advance(10_000);
    await scheduler.tick();
    expect(runs).toEqual(['x:a']);
    clock.advance(20_000);
    await scheduler.tick();
    expect(runs).toEqual(['x:a', 'x:b', 'x:c']);
    clock.advance(100_000);
    expect(await scheduler.tick()).toBe(0);
  });

  it('treats a second schedule with the same id as the same job', async () => {
    const clock = new ManualClock(start);
    const runs: string[] = [];
    const scheduler = instance(tablesFor(uniquePrefix()), clock, runs);
    expect(await scheduler.schedule({ id: 'same', kind: 'note', dueAt: start, payload: { text: 'a' } })).toBe(
      'scheduled',
    );
    expect(await scheduler.schedule({ id: 'same', kind: 'note', dueAt: start, payload: { text: 'b' } })).toBe('exists');
    await scheduler.tick();
    expect(runs).toEqual(['x:a']);
  });

  it('runs each job exactly once with two instances sharing one storage account', async () => {
    const prefix = uniquePrefix();
    const clock = new ManualClock(start);
    const runs: string[] = [];
    const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
    const a = instance(tablesFor(prefix), clock, runs, { id: 'A', work: slow });
    const b = instance(tablesFor(prefix), clock, runs, { id: 'B', work: slow });
    for (let index = 0; index < 20; index++) {
      await a.schedule({ id: `job-${index}`, kind: 'note', dueAt: start, payload: { text: String(index) } });
    }
    const [ranA, ranB] = await Promise.all([a.tick(), b.tick()]);

    expect(ranA + ranB).toBe(20);
    const texts = runs.map((run) => run.split(':')[1]).sort((x, y) => Number(x) - Number(y));
    expect(texts).toEqual(Array.from({ length: 20 }, (_, index) => String(index)));
    expect(await a.tick()).toBe(0);
    expect(await b.tick()).toBe(0);
  });

  it('keeps a job across a restart and runs it once afterwards', async () => {
    const prefix = uniquePrefix();
    const clock = new ManualClock(start);
    const runs: string[] = [];
    const before = instance(tablesFor(prefix), clock, runs, { id: 'before' });
    await before.schedule({
      id: 'escalate',
      kind: 'note',
      dueAt: new Date(start.getTime() + 60_000),
      payload: { text: 'e' },
    });
    before.start();
    await before.stop();

    clock.advance(61_000);
    const after = instance(tablesFor(prefix), clock, runs, { id: 'after' });
    expect(await after.tick()).toBe(1);
    const again = instance(tablesFor(prefix), clock, runs, { id: 'again' });
    expect(await again.tick()).toBe(0);
    expect(runs).toEqual(['after:e']);
  });

  it('gives a job whose runner died to another instance once the lease has run out', async () => {
    const prefix = uniquePrefix();
    const clock = new ManualClock(start);
    const runs: string[] = [];
    // Simulate a crash after the claim: claim through a tick whose handler never finishes.
    let release: () => void = () => undefined;
    const hanging = instance(tablesFor(prefix), clock, runs, {
      id: 'hanging',
      leaseMs: 30_000,
      work: () => new Promise<void>((resolve) => (release = resolve)),
    });
    await hanging.schedule({ id: 'j', kind: 'note', dueAt: start, payload: { text: 'x' } });
    const stuck = hanging.tick();
    await new Promise((resolve) => setTimeout(resolve, 300));

    const other = instance(tablesFor(prefix), clock, runs, { id: 'other' });
    expect(await other.tick()).toBe(0); // lease still held
    clock.advance(31_000);
    expect(await other.tick()).toBe(1);
    expect(runs).toEqual(['other:x']);

    release();
    await stuck; // the old runner finishes late; its completion must not count as a second success
    expect(await other.tick()).toBe(0);
  });

  it('retries a failing job with backoff and gives up after the last attempt', async () => {
    const clock = new ManualClock(start);
    const runs: string[] = [];
    let failures = 0;
    const scheduler = instance(tablesFor(uniquePrefix()), clock, runs, {
      work: async () => {
        failures++;
        throw new Error('remote down');
      },
    });
    await scheduler.schedule({ id: 'flaky', kind: 'note', dueAt: start, payload: { text: 'f' } });
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0); // waits for the backoff
    for (let attempt = 0; attempt < 10; attempt++) {
      clock.advance(600_000);
      await scheduler.tick();
    }
    expect(failures).toBe(5);
    expect(runs).toEqual([]);
  });

  it('does not run a cancelled job', async () => {
    const clock = new ManualClock(start);
    const runs: string[] = [];
    const scheduler = instance(tablesFor(uniquePrefix()), clock, runs);
    await scheduler.schedule({ id: 'c', kind: 'note', dueAt: start, payload: { text: 'c' } });
    expect(await scheduler.cancel('c')).toBe(true);
    expect(await scheduler.tick()).toBe(0);
    expect(runs).toEqual([]);
  });
});

describe('durable scheduler: leases, waiting and work that is never given up', () => {
  /** A scheduler of its own on fresh tables. */
  function freshScheduler(clock: ManualClock, maxAttempts?: number) {
    return new DurableScheduler({
      tables: tablesFor(uniquePrefix()),
      clock,
      logger,
      pollMs: 50,
      leaseMs: 10_000,
      maxAttempts,
    });
  }

  /** A scheduler of its own on fresh tables, with one job kind whose run is `run`. */
  function withJob(
    kind: string,
    run: () => Promise<void>,
    options: { maxAttempts?: number; retry?: Partial<JobRetryPolicy> } = {},
  ) {
    const clock = new ManualClock(start);
    const scheduler = freshScheduler(clock, options.maxAttempts);
    scheduler.register(defineJob({ kind, payload: z.object({}), retry: options.retry }).runBy(run));
    return { clock, scheduler };
  }

  it('renews the lease of a running job, so a slow job is not run a second time by another instance', async () => {
    const tables = tablesFor(uniquePrefix());
    const clock = new ManualClock(start);
    const runs: string[] = [];
    let finish: () => void = () => undefined;
    const slow = instance(tables, clock, runs, {
      id: 'slow',
      leaseMs: 300,
      work: () => new Promise<void>((resolve) => (finish = resolve)),
    });
    const other = instance(tables, clock, runs, { id: 'other', leaseMs: 300 });
    await slow.schedule({ id: 'long', kind: 'note', dueAt: start, payload: { text: 'once' } });
    const running = slow.tick();
    // Real time passes while the job runs: its runner renews the lease every third of it.
    await new Promise((resolve) => setTimeout(resolve, 150));
    clock.advance(400); // past the first lease: without renewal the other instance would take the job
    await new Promise((resolve) => setTimeout(resolve, 250));
    clock.advance(50);
    expect(await other.tick()).toBe(0);
    finish();
    await running;
    expect(runs).toEqual(['slow:once']);
  });

  it('lets a job wait (JobNotYet) without counting it as a failed attempt', async () => {
    let calls = 0;
    const { clock, scheduler } = withJob(
      'waits',
      async () => {
        calls++;
        if (calls <= 5) throw new JobNotYet(1_000, 'not yet');
      },
      { maxAttempts: 2 },
    );
    await scheduler.schedule({ id: 'w', kind: 'waits', dueAt: start, payload: {} });
    for (let round = 0; round < 6; round++) {
      expect(await scheduler.tick()).toBe(1);
      clock.advance(1_000);
    }
    expect(calls).toBe(6);
    expect(await scheduler.tick()).toBe(0);
  });

  it('never gives up a job whose policy says so, with the pause capped', async () => {
    let calls = 0;
    const { clock, scheduler } = withJob(
      'stubborn',
      async () => {
        calls++;
        if (calls < 20) throw new Error('Teams is away');
      },
      { retry: { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 1_000, maxDelayMs: 15_000 } },
    );
    await scheduler.schedule({ id: 's', kind: 'stubborn', dueAt: start, payload: {} });
    for (let round = 0; round < 20; round++) {
      await scheduler.tick();
      clock.advance(15_000);
    }
    expect(calls).toBe(20);
    expect(await scheduler.tick()).toBe(0);
  });

  it('runs due jobs side by side, so one that hangs holds back no other', async () => {
    const clock = new ManualClock(start);
    const scheduler = freshScheduler(clock);
    const ran: string[] = [];
    let release: () => void = () => undefined;
    scheduler.register(
      defineJob({ kind: 'step', payload: z.object({ name: z.string() }) }).runBy(async ({ name }) => {
        if (name === 'hangs') await new Promise<void>((resolve) => (release = resolve));
        ran.push(name);
      }),
    );
    await scheduler.schedule({ id: 'a', kind: 'step', dueAt: start, payload: { name: 'hangs' } });
    await scheduler.schedule({ id: 'b', kind: 'step', dueAt: new Date(start.getTime() + 1), payload: { name: 'b' } });
    clock.advance(10);
    const tick = scheduler.tick();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ran).toEqual(['b']);
    release();
    await tick;
    expect(ran).toEqual(['b', 'hangs']);
  });
});
