import { ReadCache } from '../../bot/platform/storage/read-cache';

describe('the read cache on the alarm path', () => {
  function setup() {
    let now = 0;
    let stored = 'a';
    let reads = 0;
    let failing = false;
    const refreshErrors: string[] = [];
    const cache = new ReadCache<string>({
      freshMs: 5_000,
      staleMs: 30_000,
      now: () => now,
      onRefreshError: (error, key) => refreshErrors.push(`${key}: ${(error as Error).message}`),
    });
    const read = async () => {
      reads++;
      if (failing) throw new Error('storage down');
      return stored;
    };
    return {
      cache,
      get: () => cache.get('k', read),
      at: (ms: number) => (now = ms),
      write: (value: string) => (stored = value),
      reads: () => reads,
      fail: () => (failing = true),
      refreshErrors,
    };
  }

  it('answers from memory while fresh, and reads again once stale', async () => {
    const test = setup();
    expect(await test.get()).toBe('a');
    test.write('b');
    test.at(4_000);
    expect(await test.get()).toBe('a');
    expect(test.reads()).toBe(1);
    test.at(6_000);
    expect(await test.get()).toBe('a'); // stale: answered at once, refreshed behind
    await new Promise((resolve) => setImmediate(resolve));
    expect(await test.get()).toBe('b');
    expect(test.reads()).toBe(2);
  });

  it('waits for storage when the cached value is too old', async () => {
    const test = setup();
    await test.get();
    test.write('c');
    test.at(31_000);
    expect(await test.get()).toBe('c');
  });

  it('sees a local write at once after invalidation', async () => {
    const test = setup();
    await test.get();
    test.write('d');
    test.cache.invalidate();
    expect(await test.get()).toBe('d');
  });

  it('keeps the stale value when a background refresh fails, says so, and tries again on the next get', async () => {
    const test = setup();
    await test.get();
    test.fail();
    test.at(6_000);
    expect(await test.get()).toBe('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(test.refreshErrors).toEqual(['k: storage down']);
    expect(await test.get()).toBe('a');
    expect(test.reads()).toBe(3);
  });
});
