/**
 * Cards before bookkeeping. While presses are on their way from webhook to card, the writes that only
 * keep records (where a card landed, escalation jobs a minute away) wait, so that in a burst of
 * presses they do not queue in storage ahead of a colleague's alarm. They wait at most `maxWaitMs`,
 * so a steady stream of presses cannot hold them back (the delivery lease and the first escalation
 * are far longer).
 */
export interface CardsFirst {
  /** A press is on its way; call the returned function once its card is posted (or will not be). */
  begin(): () => void;
  /** Resolves when no press is on its way, or after `maxWaitMs` (or the shorter `atMostMs`). */
  quiet(atMostMs?: number): Promise<void>;
}

export function createCardsFirst(maxWaitMs: number): CardsFirst {
  let onTheirWay = 0;
  let waiting: (() => void)[] = [];

  function release(): void {
    const resolve = waiting;
    waiting = [];
    for (const wake of resolve) wake();
  }

  return {
    begin() {
      onTheirWay++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        onTheirWay--;
        if (onTheirWay === 0) release();
      };
    },
    quiet(atMostMs = maxWaitMs) {
      if (onTheirWay === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(
          () => {
            waiting = waiting.filter((wake) => wake !== done);
            resolve();
          },
          Math.min(atMostMs, maxWaitMs),
        );
        timer.unref();
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        waiting.push(done);
      });
    },
  };
}
