import { randomUUID } from 'node:crypto';
import type { Button } from '../../bot/alarms/button-model';
import { signButtonRequest } from '../../bot/alarms/webhook-auth';
import { ManualClock } from '../../bot/shared/clock';
import { alarmCards, press, registerButton } from '../support/buttons';
import { bindChannel, halteamChannel, startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';

const mohamed = { id: '29:mohamed', aadObjectId: 'aad-mohamed', name: 'Mohamed El Amrani' };

/** What hardware with a light sends: the status request, signed over an empty body or with the token. */
function status(test: TestApp, button: Button, options: { secret?: string; headers?: Record<string, string> } = {}) {
  const headers =
    options.headers ??
    (button.authMode === 'token'
      ? { authorization: `Bearer ${options.secret ?? button.secret}` }
      : signButtonRequest(options.secret ?? button.secret, `msg_${randomUUID()}`, new Date(), ''));
  return fetch(`${test.url}/api/buttons/${button.id}/status`, { headers });
}

describe('the button status: is help on its way?', () => {
  let test: TestApp;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock(new Date());
    test = await startTestApp({ clock });
    await bindChannel(test, 'halteam', halteamChannel);
  });
  afterEach(stopAllTestApps);

  it.each(['signature', 'token'] as const)(
    'follows the alarm (%s): none, open, coming with the count, closed, none again',
    async (authMode) => {
      const button = await registerButton(test, `knop-${authMode}`, { authMode });
      const read = async () => {
        const response = await status(test, button);
        expect(response.status).toBe(200);
        return response.json();
      };
      expect(await read()).toEqual({ alarm: 'none', coming: 0 });

      const { alarmId } = (await (await press(test, button)).json()) as { alarmId: string };
      expect(await read()).toEqual({ alarm: 'open', coming: 0 });

      await test.app.alarms.idle();
      const card = alarmCards(test).at(-1);
      const activityId = card?.body.id as string;
      const click = (verb: string, data: Record<string, unknown> = {}) =>
        test.bot.execute(
          { id: `${halteamChannel};messageid=${activityId}`, conversationType: 'channel' },
          mohamed,
          activityId,
          verb,
          { buttonId: button.id, alarmId, ...data },
        );
      await click('alarm.respond');
      expect(await read()).toEqual({ alarm: 'coming', coming: 1 });

      await click('alarm.close', { outcome: 'vertrokken' });
      expect(await read()).toEqual({ alarm: 'closed', coming: 1 });
      clock.advance(16 * 60_000);
      expect(await read()).toEqual({ alarm: 'none', coming: 0 });
    },
  );

  it('refuses a wrong secret or no authentication exactly like a press (401), and an unknown button the same', async () => {
    const signed = await registerButton(test, 'knop-signed');
    const token = await registerButton(test, 'knop-token', { authMode: 'token' });
    expect((await status(test, signed, { secret: 'whsec_d3Jvbmd3cm9uZ3dyb25nd3Jvbmd3cm9uZ3dyb25nISE=' })).status).toBe(
      401,
    );
    expect((await status(test, signed, { headers: {} })).status).toBe(401);
    expect((await status(test, token, { secret: 'not-the-token' })).status).toBe(401);
    expect((await status(test, { ...token, id: 'bestaat-niet' })).status).toBe(401);
  });
});
