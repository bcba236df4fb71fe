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
