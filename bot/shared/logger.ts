import pino from 'pino';

export type Logger = pino.Logger;

/** The one logger of the process; capabilities take named children (`logger.child({ capability })`). */
export function createLogger(level: pino.LevelWithSilent, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'halteam' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['*.password', '*.secret', '*.authorization', '*.connectionString'], censor: '***' },
    },
    destination,
  );
}

export function capabilityLogger(logger: Logger, capability: string): Logger {
  return logger.child({ capability });
}
