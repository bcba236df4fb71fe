import { createReportTable } from '../../bot/reports/report-table';
import { ManualClock } from '../../bot/shared/clock';
import { reportFixture } from '../dagstart/fixtures';
import type { RecordedCall } from '../support/fake-connector';
import { halteamChannel, readableText, startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';

/**
 * Every role that gates something, through the running bot, configured each way .env.example allows:
 * by Entra object id (here in upper case, as an admin may copy it from the portal) or by e-mail
 * address (in another case than Teams gives it). The person is let in either way; someone not listed
 * is not. The e-mail address comes from Teams' member lookup (the fake connector's members).
 */
const carla = { id: '29:carla', aadObjectId: '0f3c2a52-1f4b-4a7e-9d8e-00000000c0c0', name: 'Carla Smit' };
const pieter = { id: '29:pieter', aadObjectId: '0f3c2a52-1f4b-4a7e-9d8e-00000000c0c1', name: 'Pieter Bakker' };
const emails = { [carla.id]: 'carla.smit@gemeente.example', [pieter.id]: 'pieter.bakker@gemeente.example' };
type Someone = typeof carla;

/** Carla is listed, each way; Pieter, with an e-mail address Teams knows, is not (the list then holds both kinds). */
const ways: [string, string][] = [
  ['her Entra object id (upper case)', carla.aadObjectId.toUpperCase()],
  ['her e-mail address (another case)', 'Carla.Smit@Gemeente.Example'],
];
const bothWays = ways.map(([, entry]) => entry).join(',');

/** Amsterdam local time (CET, +01:00). */
const at = (local: string) => new Date(`${local}+01:00`);

afterEach(stopAllTestApps);

async function start(env: Record<string, string>, options: { devUsers?: boolean } = {}): Promise<TestApp> {
  const test = await startTestApp({
    env,
    clock: new ManualClock(at('2026-12-23T12:00:00')),
    devUsers: options.devUsers ? [carla, pieter].map((user) => ({ ...user, email: emails[user.id] })) : undefined,
  });
  for (const person of [carla, pieter]) test.connector.members.set(person.id, { ...person, email: emails[person.id] });
  return test;
}

/** What the bot answers to a message in this person's personal chat (or in a channel). */
async function say(test: TestApp, who: Someone, text: string, channel?: string): Promise<RecordedCall[]> {
  const before = test.connector.sent().length;
  const response = channel ? await test.bot.channel(channel, who, text) : await test.bot.personal(who, text);
  expect(response.status).toBeLessThan(300);
  return test.connector.sent().slice(before);
}

const textOf = (calls: RecordedCall[]) => calls.map((call) => readableText(call.body)).join('\n');

async function click(test: TestApp, who: Someone, verb: string, data: Record<string, unknown>): Promise<string> {
  const clicked = await test.bot.execute(
    { id: `a:personal-${who.id}`, conversationType: 'personal' },
    who,
    'card',
    verb,
    data,
  );
  return JSON.stringify(clicked.body);
}

describe.each(ways)('a role configured by %s', (_way, entry) => {
  it('BOT_ADMINS: binds a channel with koppel', async () => {
    const test = await start({ BOT_ADMINS: entry });
    expect(await bindsChannel(test, carla)).toBe(true);
  });

  it('HALTEAM_COORDINATORS: opens the roster card and saves it', async () => {
    const test = await start({ HALTEAM_COORDINATORS: entry });
    expect(await fillsRoster(test, carla)).toEqual({ opened: true, saved: true });
  });

  it('BOT_ADMINS count as coordinators: saves the roster card', async () => {
    const test = await start({ BOT_ADMINS: entry });
    expect(await fillsRoster(test, carla)).toEqual({ opened: true, saved: true });
  });

  it('HALTEAM_COORDINATORS: records a measure for an incident she does not manage', async () => {
    const test = await start({ HALTEAM_COORDINATORS: entry });
    expect(await recordsMeasure(test, carla)).toEqual({ opened: true, recorded: true });
  });

  it.each([
    ['OVERVIEW_COORDINATORS', 'Coördinator'],
    ['OVERVIEW_PO', 'P&O'],
    ['OVERVIEW_MO', 'MO / Arbo-coördinator'],
    ['BOT_ADMINS', 'Coördinator'],
  ])('%s: the Overzicht gives her the role, and so does `incident` in the chat', async (setting, label) => {
    const test = await start({ [setting]: entry }, { devUsers: true });
    expect(await overviewRoles(test, carla)).toEqual([label]);
    expect(await opensIncidents(test, carla)).toBe(true);
  });
});

describe('someone not listed, while the lists hold ids and e-mail addresses', () => {
  it('binds no channel', async () => {
    const test = await start({ BOT_ADMINS: bothWays });
    expect(await bindsChannel(test, pieter)).toBe(false);
  });

  it('neither opens nor saves the roster card', async () => {
    const test = await start({ HALTEAM_COORDINATORS: bothWays });
    expect(await fillsRoster(test, pieter)).toEqual({ opened: false, saved: false });
  });

  it('records no measure for an incident someone else manages', async () => {
    const test = await start({ HALTEAM_COORDINATORS: bothWays });
    expect(await recordsMeasure(test, pieter)).toEqual({ opened: false, recorded: false });
  });

  it('has no role in the Overzicht and may not open incidents in the chat', async () => {
    const test = await start(
      { OVERVIEW_COORDINATORS: bothWays, OVERVIEW_PO: bothWays, OVERVIEW_MO: bothWays, BOT_ADMINS: bothWays },
      { devUsers: true },
    );
    expect(await overviewRoles(test, pieter)).toBe(403);
    expect(await opensIncidents(test, pieter)).toBe(false);
  });
});

async function bindsChannel(test: TestApp, who: Someone): Promise<boolean> {
  const answer = textOf(await say(test, who, 'koppel halteam', halteamChannel));
  const bound = (await test.app.conversations.getBinding('halteam'))?.boundBy === who.name;
  expect(answer).toContain(bound ? 'Dit kanaal is nu het **Halteam-kanaal**' : 'alleen beheerders');
  return bound;
}

async function fillsRoster(test: TestApp, who: Someone): Promise<{ opened: boolean; saved: boolean }> {
  const opened = textOf(await say(test, who, 'rooster')).includes('Rooster Halteam');
  const saved = await click(test, who, 'halteam.rooster', { date: '2026-12-25', members: '' });
  return { opened, saved: saved.includes('vr 25 dec staat niet meer op het rooster') };
}

async function recordsMeasure(test: TestApp, who: Someone): Promise<{ opened: boolean; recorded: boolean }> {
  // Lotte Jansen manages the incident; the one asking does not.
  await createReportTable(test.app.tables).create(
    reportFixture({ forms: ['verbaal-geweld'], place: { kind: 'telefoon' }, police: 'nee' }),
  );
  const form = textOf(await say(test, who, 'maatregel AGR-2026-0042'));
  const recorded = await click(test, who, 'measure.record', {
    number: 'AGR-2026-0042',
    kind: 'schriftelijke-waarschuwing',
  });
  await test.app.measures.idle();
  const measures = await test.app.measures.forIncident('AGR-2026-0042');
  expect(recorded.includes('Maatregel vastgelegd')).toBe(measures.length === 1);
  return { opened: form.includes('Maatregel vastleggen: AGR-2026-0042'), recorded: measures.length === 1 };
}

/** The roles the Overzicht's development sign-in gives (as `npm start` offers the playground's users), or the status. */
async function overviewRoles(test: TestApp, who: Someone): Promise<string[] | number> {
  const response = await fetch(`${test.url}/api/overview/me`, {
    headers: { 'X-Overview-Dev-User': who.aadObjectId },
  });
  return response.status === 200 ? ((await response.json()) as { roles: string[] }).roles : response.status;
}

/** `incident AGR-…` in the chat: a role holder hears the incident is unknown (none is stored), anyone else is refused. */
async function opensIncidents(test: TestApp, who: Someone): Promise<boolean> {
  const answer = textOf(await say(test, who, 'incident AGR-2026-0001'));
  expect(answer).toMatch(/Incident AGR-2026-0001 ken ik niet|Je hebt geen toegang tot de incidenten/);
  return answer.includes('ken ik niet');
}
