import { loadConfig } from '../../bot/config/load-config';
import { HalteamError } from '../../bot/shared/errors';

const storage =
  'DefaultEndpointsProtocol=http;AccountName=dev;AccountKey=c2VjcmV0;TableEndpoint=http://127.0.0.1:10002/dev;';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ STORAGE_CONNECTION_STRING: storage, ...env });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(HalteamError);
    return (error as HalteamError).details.settings as string[];
  }
}

describe('Halteam settings', () => {
  it('has working hours 08:00-17:00, the whole team and no extra coordinators by default', () => {
    const config = loadConfig({ STORAGE_CONNECTION_STRING: storage });
    expect(config.WORKING_HOURS).toBe('08:00-17:00');
    expect(config.HALTEAM_MEMBERS).toEqual([]);
    expect(config.HALTEAM_COORDINATORS).toEqual([]);
  });

  it.each(['8-17', '08:00', '17:00-08:00', '08:00-25:00'])('refuses working hours %s', (value) => {
    expect(problemsOf({ WORKING_HOURS: value })).toEqual(['WORKING_HOURS']);
  });

  it('reads the member and coordinator lists', () => {
    const config = loadConfig({
      STORAGE_CONNECTION_STRING: storage,
      WORKING_HOURS: '07:30-16:30',
      HALTEAM_MEMBERS: 'aad-1, aad-2',
      HALTEAM_COORDINATORS: 'coordinator@gemeente.nl',
    });
    expect(config.WORKING_HOURS).toBe('07:30-16:30');
    expect(config.HALTEAM_MEMBERS).toEqual(['aad-1', 'aad-2']);
    expect(config.HALTEAM_COORDINATORS).toEqual(['coordinator@gemeente.nl']);
  });
});
