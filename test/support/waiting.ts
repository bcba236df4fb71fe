/** Settles like `work`, or rejects naming `what` when it has not settled within `ms`. */
export async function within<T>(work: Promise<T>, ms: number, what = 'still waiting'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Things that arrive over time (connector calls, log lines) and tests waiting for one that matches:
 * `waitFor` resolves with the first match, already seen or still to come; `offer` hands each new one in.
 */
export class Matches<T> {
  private waiters: { predicate: (item: T) => boolean; resolve: (item: T) => void }[] = [];

  constructor(private readonly seen: () => readonly T[]) {}

  waitFor(predicate: (item: T) => boolean, timeoutMs: number, failure: string): Promise<T> {
    const existing = this.seen().find(predicate);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (item: T) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((entry) => entry !== waiter);
        reject(new Error(failure));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  offer(item: T): void {
    if (this.waiters.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.predicate(item)) return true;
      waiter.resolve(item);
      return false;
    });
  }
}
