import { asHalteamError } from './errors';
import type { Logger } from './logger';

/**
 * Work a capability starts without waiting for it (a card posted after the webhook has answered, a
 * report delivered after the form is closed): a failure is logged with its code, and shutdown and
 * tests wait for what is still running.
 */
export interface BackgroundWork {
  /** Lets `work` run on its own; when it fails, "<label> failed" is logged. */
  track(work: Promise<unknown>, label: string): void;
  /** Resolves once nothing is running any more, also work started while it waits. */
  drain(): Promise<void>;
}

export function createBackgroundWork(logger: Logger): BackgroundWork {
  const running = new Set<Promise<void>>();
  return {
    track(work, label) {
      const tracked: Promise<void> = work
        .then(
          () => undefined,
          (raw: unknown) => {
            const error = asHalteamError(raw);
            logger.error({ err: error, code: error.code }, `${label} failed`);
          },
        )
        .finally(() => running.delete(tracked));
      running.add(tracked);
    },
    async drain() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
