import 'dotenv/config';
import { createApp } from './app';
import { loadConfig, redactConfig } from './config/load-config';
import { isHalteamError, errorCodes } from './shared/errors';
import { createLogger } from './shared/logger';

/** Production entry point: `node dist/bot/main.js`. `npm start` runs bot/dev/start.ts around it. */
async function main(): Promise<void> {
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
  const app = createApp(config, { logger });
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

main().catch((error: unknown) => {
  process.stderr.write(
    `Halteam could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
