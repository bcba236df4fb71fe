import './config/env-file';
import { createApp, type AppOverrides } from './app';
import { loadConfig, redactConfig } from './config/load-config';
import { isHalteamError, errorCodes } from './shared/errors';
import { createLogger } from './shared/logger';

/**
 * Production entry point: `node dist/bot/main.js`. `npm start` runs bot/dev/start.ts around it, which
 * starts this same code through bot/dev/dev-main.ts, adding what only development has (the playground's
 * users for the overview's development sign-in). Nothing here imports bot/dev/ (the lint refuses it):
 * that code needs dev dependencies, which a production install (`npm prune --omit=dev`) does not have.
 */
export function runBot(development: Pick<AppOverrides, 'devUsers'> = {}): void {
  start(development).catch((error: unknown) => {
    process.stderr.write(
      `Halteam could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}

async function start(development: Pick<AppOverrides, 'devUsers'>): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (isHalteamError(error, errorCodes.configInvalid)) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  logger.info({ config: redactConfig(config) }, 'starting Halteam');
  const app = createApp(config, { logger, ...development });
  const url = await app.start();
  logger.info({ url }, 'Halteam is listening');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    app
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

// Started as the program (`node dist/bot/main.js`); bot/dev/dev-main.ts imports it and calls runBot itself.
if (require.main === module) runBot();
