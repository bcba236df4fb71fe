/**
 * A read-through cache for small, rarely written rows that sit on a hot path (who is on duty, read
 * for every alarm). Fresh for `freshMs`; up to `staleMs` the cached value is returned at once and
 * refreshed in the background; older, the read is awaited. Local writes invalidate, so this instance
 * sees its own changes at once; another instance's change shows within `freshMs` of activity.
 */
export class ReadCache<T> {
  private readonly entries = new Map<string, { value: T; at: number; refreshing?: Promise<T> }>();

  constructor(
    private readonly options: {
      freshMs: number;
      staleMs: number;
      now?: () => number;
      /** Told when a background refresh fails; the stale value is kept and the next get tries again. */
      onRefreshError: (error: unknown, key: string) => void;
    },
  ) {}

  async get(key: string, read: () => Promise<T>): Promise<T> {
    const now = (this.options.now ?? Date.now)();
    const entry = this.entries.get(key);
    if (entry && now - entry.at < this.options.freshMs) return entry.value;
    if (entry && now - entry.at < this.options.staleMs) {
      entry.refreshing ??= this.load(key, read).finally(() => {
        const current = this.entries.get(key);
        if (current) current.refreshing = undefined;
      });
      entry.refreshing.catch((error: unknown) => this.options.onRefreshError(error, key));
      return entry.value;
    }
    return this.load(key, read);
  }

  invalidate(): void {
    this.entries.clear();
  }

  private async load(key: string, read: () => Promise<T>): Promise<T> {
    const started = (this.options.now ?? Date.now)();
    const value = await read();
    this.entries.set(key, { value, at: started });
    return value;
  }
}
