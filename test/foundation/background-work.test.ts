import { createBackgroundWork } from '../../bot/shared/background-work';
import { errorCodes, HalteamError } from '../../bot/shared/errors';
import { createLogger } from '../../bot/shared/logger';

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function later<T>(value: T, ms = 20): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

describe('background work (started without waiting for it)', () => {
  it('logs a failure with its code and does not pass it on to whoever waits for the work', async () => {
    const { logger, lines } = capturedLogger();
    const background = createBackgroundWork(logger);
    background.track(Promise.reject(new HalteamError(errorCodes.connectorTimeout, 'Teams did not answer')), 'posting');
    background.track(Promise.reject(new Error('boom')), 'refreshing');

    await expect(background.drain()).resolves.toBeUndefined();
    expect(lines.map(({ msg, code }) => ({ msg, code }))).toEqual([
      { msg: 'posting failed', code: errorCodes.connectorTimeout },
      { msg: 'refreshing failed', code: errorCodes.unexpected },
    ]);
  });

  it('lets shutdown wait for all of it, also for work started while it waits', async () => {
    const { logger } = capturedLogger();
    const background = createBackgroundWork(logger);
    const done: string[] = [];
    background.track(
      later('first').then((name) => {
        done.push(name);
        background.track(
          later('second').then((next) => done.push(next)),
          'second',
        );
      }),
      'first',
    );

    await background.drain();
    expect(done).toEqual(['first', 'second']);
  });
});
