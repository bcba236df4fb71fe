import { sleep } from '../../shared/retry';

export interface RateWindow {
  count: number;
  windowMs: number;
}

/** Teams' limits for a bot in one conversation (per thread): 7/1 s, 8/2 s, 60/30 s, 1800/hour. */
export const teamsConversationLimits: RateWindow[] = [
  { count: 7, windowMs: 1_000 },
  { count: 8, windowMs: 2_000 },
  { count: 60, windowMs: 30_000 },
  { count: 1800, windowMs: 3_600_000 },
];

/**
 * Paces sends per conversation so no window's limit is crossed, in arrival order. A sliding log:
 * each conversation keeps the times of its sends within the longest window. (A general-purpose
 * limiter cost ~4 ms per call here; this one costs nothing while under the limits.)
 */
export class ConversationPacer {
  private readonly history = new Map<string, number[]>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly longest: number;

  constructor(
    private readonly limits: RateWindow[] = teamsConversationLimits,
    private readonly now: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    this.longest = Math.max(0, ...limits.map((limit) => limit.windowMs));
  }

  /** Resolves when a message may be sent in this conversation, and counts it as sent. */
  async acquire(key: string): Promise<void> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => turn);
    this.queues.set(key, tail);
    await previous;
    try {
      for (let delay = this.delayFor(key); delay > 0; delay = this.delayFor(key)) await this.wait(delay);
      const times = this.history.get(key) ?? [];
      times.push(this.now());
      this.history.set(key, times);
    } finally {
      release();
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  private delayFor(key: string): number {
    const now = this.now();
    const times = (this.history.get(key) ?? []).filter((time) => time > now - this.longest);
    this.history.set(key, times);
    let delay = 0;
    for (const limit of this.limits) {
      const inWindow = times.filter((time) => time > now - limit.windowMs);
      if (inWindow.length >= limit.count) {
        const freeAt = (inWindow[inWindow.length - limit.count] as number) + limit.windowMs;
        delay = Math.max(delay, freeAt - now + 1);
      }
    }
    return delay;
  }
}
