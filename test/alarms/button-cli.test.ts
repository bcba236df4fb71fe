import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { alarmCards, press, storeOf } from '../support/buttons';
import { halteamChannel, readableText, startWithChannels, stopAllTestApps, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const cli = path.resolve(__dirname, '../../bot/alarms/cli/button-cli.ts');

async function button(test: TestApp, ...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', cli, ...args], {
      env: {
        ...process.env,
        STORAGE_CONNECTION_STRING: process.env.TEST_STORAGE_CONNECTION_STRING,
        STORAGE_TABLE_PREFIX: test.prefix,
        PUBLIC_BASE_URL: test.url,
        LOG_LEVEL: 'silent',
      },
    });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; code: number };
    return { stdout: failed.stdout, code: failed.code };
  }
}

describe('the button CLI, as IT uses it', () => {
  afterEach(stopAllTestApps);

  it('adds, lists, presses, tests and rotates a button against the running bot', async () => {
    const test = await startWithChannels(['halteam']);

    const added = await button(
      test,
      'add',
      'balie-noord-3',
      '--kind',
      'noodknop',
      '--location',
      'Publieksbalie 3, gebouw Noord',
    );
    expect(added.code).toBe(0);
    const secret = /Secret:\s+(whsec_\S+)/.exec(added.stdout)?.[1];
    expect(secret).toBeDefined();
    expect((await button(test, 'add', 'balie-noord-3', '--kind', 'noodknop', '--location', 'Elders')).code).toBe(1);

    expect((await button(test, 'press', 'balie-noord-3')).stdout).toMatch(/^202 .*"created"/);
    expect((await button(test, 'press', 'balie-noord-3', '--test')).stdout).toMatch(/^202 .*"created"/);
    await test.app.alarms.idle();
    const texts = alarmCards(test).map((call) => readableText(call.body));
    expect(texts.some((text) => text.includes('Publieksbalie 3, gebouw Noord') && !text.includes('OEFENING'))).toBe(
      true,
    );
    expect(texts.some((text) => text.includes('OEFENING'))).toBe(true);

    const listed = await button(test, 'list');
    expect(listed.stdout).toMatch(/balie-noord-3\s+noodknop\s+signature\s+\d/);

    const rotated = await button(test, 'rotate', 'balie-noord-3');
    const fresh = /New secret for balie-noord-3: (whsec_\S+)/.exec(rotated.stdout)?.[1];
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(secret);
    const stored = await storeOf(test).getButton('balie-noord-3', { fresh: true });
    expect(stored?.secret).toBe(fresh);
    // The hardware still holding the old secret keeps working during the grace period.
    expect(
      (
        await press(
          test,
          { ...(stored as NonNullable<typeof stored>), secret: secret as string },
          { type: 'heartbeat' },
        )
      ).status,
    ).toBe(202);

    expect((await button(test, 'press', 'kantine')).code).toBe(1);
  }, 60_000);
});

describe('knoppen in the Halteam channel', () => {
  afterEach(stopAllTestApps);

  it('lists buttons untested for over a year and buttons whose heartbeat stopped', async () => {
    const test = await startWithChannels(['halteam'], { env: { BUTTON_HEARTBEAT_MAX_HOURS: '26' } });
    const store = storeOf(test);
    const { addButton } = await import('../../bot/alarms/button-admin');
    for (const id of ['nbg24', 'raadzaal', 'balie-noord-1']) {
      await addButton(
        { id, kind: 'paniekknop', location: `Plek ${id}`, authMode: 'signature' },
        { store, clock: test.app.clock },
      );
    }
    const tested = (await store.getButton('nbg24')) as NonNullable<Awaited<ReturnType<typeof store.getButton>>>;
    await press(test, tested, { type: 'test' });
    await press(test, tested, { type: 'heartbeat' });
    await store.recordHeartbeat('raadzaal', new Date(Date.now() - 30 * 3_600_000));

    await test.bot.channel(halteamChannel, { id: '29:x', name: 'Mohamed El Amrani' }, 'knoppen');
    const reply = await test.connector.waitFor((call) => readableText(call.body).includes('Alarmknoppen (3)'));
    const text = readableText(reply.body);
    const untested = text.slice(text.indexOf('Langer dan een jaar niet getest'), text.indexOf('Hartslag gestopt'));
    expect(untested).toContain('Paniekknop raadzaal');
    expect(untested).toContain('Paniekknop balie-noord-1');
    expect(untested).not.toContain('nbg24');
    const stopped = text.slice(text.indexOf('Hartslag gestopt'));
    expect(stopped).toContain('Paniekknop raadzaal');
    expect(stopped).not.toContain('nbg24');
  });
});
