import { configSchema, secretSettings, type AppConfig } from './config-schema';
import { errorCodes, HalteamError } from '../shared/errors';

/**
 * Reads the configuration once, at start. A bad setting stops the process with one message that
 * names every bad setting, so an operator fixes them all in one go.
 */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const relevant = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(relevant);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(config)'}: ${issue.message}`);
  throw new HalteamError(errorCodes.configInvalid, `Invalid configuration:\n${problems.join('\n')}`, {
    settings: parsed.error.issues.map((issue) => issue.path.join('.')),
  });
}

/** The configuration as it may be logged: secrets replaced, connection strings reduced to their endpoint. */
export function redactConfig(config: AppConfig): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      if (!secretSettings.has(key) || value === undefined) return [key, value];
      if (key === 'STORAGE_CONNECTION_STRING') return [key, describeConnectionString(String(value))];
      return [key, '***'];
    }),
  );
}

function describeConnectionString(connectionString: string): string {
  const endpoint = /TableEndpoint=([^;]+)/i.exec(connectionString)?.[1];
  const account = /AccountName=([^;]+)/i.exec(connectionString)?.[1];
  return `*** (${account ?? 'account?'} at ${endpoint ?? 'default endpoint'})`;
}
