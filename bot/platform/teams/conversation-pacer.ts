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

export interface AcquireOptions {
  /**
   * Goes ahead of every waiting send of the conversation that is not urgent (a new alarm card before
   * card refreshes); urgent sends among themselves keep their order.
   */
  urgent?: boolean;
}

interface Conversation {
  /** Times of the sends within the longest window, oldest first. */
  times: number[];
  urgent: (() => void)[];
  normal: (() => void)[];
  /** A loop is handing out turns (waiting for a window to free up); new sends join the lanes. */
  pumping: boolean;
  /** Ends the loop's wait early: an urgent send arrived that the reserve lets go sooner. */
  wake?: () => void;
  /** When the loop's current wait ends. */
  waitUntil: number;
}

/**
 * What of a long window only urgent sends may use: a fifth. Refreshes of busy cards can then never use
 * up the 30 s or hourly budget a new alarm card needs (60 per 30 s is reached in a busy minute). The
 * short windows need no reserve: an urgent send is next in line, so it waits a second at most.
 */
export function urgentReserve(limit: RateWindow): number {
  return limit.windowMs > 2_000 ? Math.ceil(limit.count / 5) : 0;
}

/**
 * Paces sends per conversation so no window's limit is crossed. A sliding log: each conversation
 * keeps the times of its sends within the longest window. Waiting sends are served in two lanes:
 * urgent ones first, each lane in arrival order, and part of every window is kept for urgent ones. (A general-purpose limiter cost ~4 ms per call here;
 * this one costs nothing while under the limits.)
 */
export class ConversationPacer {
  private readonly conversations = new Map<string, Conversation>();
  private readonly longest: number;

  constructor(
    private readonly limits: RateWindow[] = teamsConversationLimits,
    private readonly now: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    this.longest = Math.max(0, ...limits.map((limit) => limit.windowMs));
  }

  /** Resolves when a message may be sent in this conversation, and counts it as sent. */
  acquire(key: string, options: AcquireOptions = {}): Promise<void> {
    if (this.limits.length === 0) return Promise.resolve();
    let conversation = this.conversations.get(key);
    if (!conversation) {
      conversation = { times: [], urgent: [], normal: [], pumping: false, waitUntil: 0 };
      this.conversations.set(key, conversation);
    }
    // Nobody waiting and room in every window: go at once.
    if (!conversation.pumping && this.delayFor(conversation, options.urgent === true) <= 0) {
      conversation.times.push(this.now());
      return Promise.resolve();
    }
    const lane = options.urgent ? conversation.urgent : conversation.normal;
    const turn = new Promise<void>((resolve) => lane.push(resolve));
    if (!conversation.pumping) void this.pump(key, conversation);
    else if (options.urgent && this.now() + this.delayFor(conversation, true) < conversation.waitUntil) {
      conversation.wake?.();
    }
    return turn;
  }

  /** Hands out the turns of one conversation as its windows allow, urgent lane first. */
  private async pump(key: string, conversation: Conversation): Promise<void> {
    conversation.pumping = true;
    try {
      for (;;) {
        const urgent = conversation.urgent.length > 0;
        const lane = urgent ? conversation.urgent : conversation.normal;
        if (lane.length === 0) break;
        const delay = this.delayFor(conversation, urgent);
        if (delay > 0) {
          // Whoever is first after the wait goes: an urgent send that arrived meanwhile included. An
          // urgent send ends a wait for the normal lane at once (it may use the reserve).
          conversation.waitUntil = this.now() + delay;
          await new Promise<void>((resolve) => {
            conversation.wake = resolve;
            void this.wait(delay).then(resolve);
          });
          conversation.wake = undefined;
          conversation.waitUntil = 0;
          continue;
        }
        conversation.times.push(this.now());
        (lane.shift() as () => void)();
      }
    } finally {
      conversation.pumping = false;
      this.forgetIfIdle(key, conversation);
    }
  }

  private forgetIfIdle(key: string, conversation: Conversation): void {
    const now = this.now();
    if (conversation.times.every((time) => time <= now - this.longest)) this.conversations.delete(key);
  }

  private delayFor(conversation: Conversation, urgent: boolean): number {
    const now = this.now();
    const times = conversation.times;
    let expired = 0;
    while (expired < times.length && (times[expired] as number) <= now - this.longest) expired++;
    if (expired > 0) times.splice(0, expired);
    let delay = 0;
    for (const limit of this.limits) {
      const count = urgent ? limit.count : Math.max(1, limit.count - urgentReserve(limit));
      if (times.length < count) continue;
      // The times are in order: the limit is reached when the count-th newest is inside the window.
      const oldestCounted = times[times.length - count] as number;
      if (oldestCounted > now - limit.windowMs) delay = Math.max(delay, oldestCounted + limit.windowMs - now + 1);
    }
    return delay;
  }
}
