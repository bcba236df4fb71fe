import { loadConfig, redactConfig } from '../../bot/config/load-config';
import { errorCodes, HalteamError } from '../../bot/shared/errors';

const storage =
  'DefaultEndpointsProtocol=http;AccountName=dev;AccountKey=c2VjcmV0;TableEndpoint=http://127.0.0.1:10002/dev;';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(HalteamError);
    expect((error as HalteamError).code).toBe(errorCodes.configInvalid);
    return (error as HalteamError).details.settings as string[];
  }
}

describe('configuration', () => {
  it('starts with defaults when only storage is set', () => {
    const config = loadConfig({ STORAGE_CONNECTION_STRING: storage });
    expect(config.PORT).toBe(3978);
    expect(config.ALARM_FIRST_ESCALATION_SECONDS).toBe(60);
    expect(config.DAGSTART_DIGEST_TIME).toBe('08:30');
    expect(config.BOT_ADMINS).toEqual([]);
  });

  it.each([
    ['no storage', {}, ['STORAGE_CONNECTION_STRING']],
    ['a port that is not a number', { STORAGE_CONNECTION_STRING: storage, PORT: 'abc' }, ['PORT']],
    ['an unknown log level', { STORAGE_CONNECTION_STRING: storage, LOG_LEVEL: 'loud' }, ['LOG_LEVEL']],
    [
      'a digest time that is no clock time',
      { STORAGE_CONNECTION_STRING: storage, DAGSTART_DIGEST_TIME: '8.30' },
      ['DAGSTART_DIGEST_TIME'],
    ],
    ['half the bot credentials', { STORAGE_CONNECTION_STRING: storage, MICROSOFT_APP_ID: 'x' }, ['MICROSOFT_APP_ID']],
    [
      'half the Graph credentials',
      { STORAGE_CONNECTION_STRING: storage, GRAPH_CLIENT_SECRET: 'x' },
      ['GRAPH_CLIENT_ID'],
    ],
    [
      'a table prefix with a dash',
      { STORAGE_CONNECTION_STRING: storage, STORAGE_TABLE_PREFIX: 'hal-team' },
      ['STORAGE_TABLE_PREFIX'],
    ],
  ])('refuses %s, naming the setting', (_name, env, expected) => {
    expect(problemsOf(env)).toEqual(expected);
  });

  it('names every bad setting at once', () => {
    const problems = problemsOf({ PORT: '-1', LOG_LEVEL: 'loud' });
    expect(problems).toEqual(expect.arrayContaining(['STORAGE_CONNECTION_STRING', 'PORT', 'LOG_LEVEL']));
  });

  it('requires the real services in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production', STORAGE_CONNECTION_STRING: storage });
    expect(problems).toEqual(
      expect.arrayContaining(['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'GRAPH_CLIENT_SECRET', 'BOT_ADMINS']),
    );
  });

  it('parses the admin list and keeps secrets out of the logged summary', () => {
    const config = loadConfig({
      STORAGE_CONNECTION_STRING: storage,
      BOT_ADMINS: ' a@gemeente.nl , 1234 ',
      MICROSOFT_APP_ID: 'app',
      MICROSOFT_APP_PASSWORD: 'hunter2',
      MICROSOFT_APP_TENANT_ID: 'tenant',
    });
    expect(config.BOT_ADMINS).toEqual(['a@gemeente.nl', '1234']);
    const logged = JSON.stringify(redactConfig(config));
    expect(logged).not.toContain('hunter2');
    expect(logged).not.toContain('c2VjcmV0');
    expect(logged).toContain('127.0.0.1:10002');
  });
});
