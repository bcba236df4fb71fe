import { ConversationPacer, teamsConversationLimits } from '../../bot/platform/teams/conversation-pacer';

/** A pacer on a fake clock: waiting moves the clock, so the test sees exactly when each send may go. */
async function pacedSendTimes(count: number, conversations = ['c1']): Promise<Map<string, number[]>> {
  let now = 0;
  const pacer = new ConversationPacer(
    teamsConversationLimits,
    () => now,
    async (ms) => {
      now += ms;
    },
  );
  const times = new Map<string, number[]>();
  for (let index = 0; index < count; index++) {
    for (const key of conversations) {
      await pacer.acquire(key);
      times.set(key, [...(times.get(key) ?? []), now]);
    }
  }
  return times;
}

function maxInWindow(times: number[], windowMs: number): number {
  return Math.max(...times.map((start) => times.filter((time) => time >= start && time < start + windowMs).length));
}

describe('pacing sends per conversation to Teams limits', () => {
  it.each(teamsConversationLimits.map((limit) => [limit.count, limit.windowMs]))(
    'never sends more than %i messages in any %i ms',
    async (count, windowMs) => {
      const times = (await pacedSendTimes(count + 100)).get('c1') as number[];
      expect(times).toHaveLength(count + 100);
      expect(maxInWindow(times, windowMs)).toBeLessThanOrEqual(count);
    },
  );

  it('lets a first burst of 7 go at once', async () => {
    const times = (await pacedSendTimes(7)).get('c1') as number[];
    expect(times).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('paces each conversation on its own', async () => {
    const times = await pacedSendTimes(7, ['halteam', 'dagstart']);
    expect(times.get('halteam')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(times.get('dagstart')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('urgent sends go first', () => {
  /**
   * A pacer on a fake clock whose waits move the clock, after everything already due has run (so the
   * sends queued together are all waiting, and each sees the clock of its turn).
   */
  function fakeClockPacer(limits = teamsConversationLimits) {
    const clock = { now: 0 };
    const pacer = new ConversationPacer(
      limits,
      () => clock.now,
      (ms) =>
        new Promise<void>((resolve) =>
          setImmediate(() => {
            clock.now += ms;
            resolve();
          }),
        ),
    );
    return { pacer, clock };
  }

  async function fillFirstSecond(pacer: ConversationPacer, key = 'halteam') {
    for (let index = 0; index < 7; index++) await pacer.acquire(key);
  }

  it('lets an urgent send go ahead of every waiting send that is not urgent, urgent ones in their order', async () => {
    const { pacer, clock } = fakeClockPacer();
    await fillFirstSecond(pacer);
    const order: string[] = [];
    const times = new Map<string, number>();
    const queue = (name: string, urgent = false) =>
      pacer.acquire('halteam', { urgent }).then(() => {
        order.push(name);
        times.set(name, clock.now);
      });
    await Promise.all([
      queue('refresh-1'),
      queue('refresh-2'),
      queue('alarm-1', true),
      queue('refresh-3'),
      queue('alarm-2', true),
      queue('refresh-4'),
    ]);
    expect(order).toEqual(['alarm-1', 'alarm-2', 'refresh-1', 'refresh-2', 'refresh-3', 'refresh-4']);
    // The first send after the full first second may go at 1 s (8 per 2 s), the next ones at 2 s.
    expect(times.get('alarm-1')).toBeGreaterThanOrEqual(1000);
    expect(times.get('alarm-1')).toBeLessThan(1010);
  });

  it('keeps the waiting sends that are not urgent in their order', async () => {
    const { pacer } = fakeClockPacer();
    await fillFirstSecond(pacer);
    const order: number[] = [];
    await Promise.all(Array.from({ length: 20 }, (_, index) => pacer.acquire('halteam').then(() => order.push(index))));
    expect(order).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  it('still keeps every limit with both lanes busy', async () => {
    const { pacer, clock } = fakeClockPacer();
    const times: number[] = [];
    const sends = Array.from({ length: 200 }, (_, index) =>
      pacer.acquire('halteam', { urgent: index % 3 === 0 }).then(() => times.push(clock.now)),
    );
    await Promise.all(sends);
    expect(times).toHaveLength(200);
    for (const limit of teamsConversationLimits) {
      expect(maxInWindow(times, limit.windowMs)).toBeLessThanOrEqual(limit.count);
    }
  });

  it('does not hold an urgent send back for other conversations', async () => {
    const { pacer, clock } = fakeClockPacer();
    await fillFirstSecond(pacer, 'dagstart');
    void pacer.acquire('dagstart');
    await pacer.acquire('halteam', { urgent: true });
    expect(clock.now).toBe(0);
  });

  it('keeps a fifth of a long window for urgent sends: card refreshes never use it up', async () => {
    // Real time, a small long window: 5 per 3 s, of which 1 is kept for urgent sends.
    const pacer = new ConversationPacer([{ count: 5, windowMs: 3_000 }]);
    const started = Date.now();
    for (let index = 0; index < 4; index++) await pacer.acquire('halteam');
    const refresh = pacer.acquire('halteam').then(() => Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const alarmAt = await pacer.acquire('halteam', { urgent: true }).then(() => Date.now() - started);
    expect(alarmAt).toBeLessThan(1_000);
    expect(await refresh).toBeGreaterThanOrEqual(2_900);
  });
});
