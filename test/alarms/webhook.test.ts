import { rotateButtonSecret } from '../../bot/alarms/button-admin';
import { signButtonRequest } from '../../bot/alarms/webhook-auth';
import { alarmCards, press, registerButton, storeOf } from '../support/buttons';
import { bindChannel, halteamChannel, startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';

describe('the button webhook', () => {
  let test: TestApp;

  beforeEach(async () => {
    test = await startTestApp({ env: { BUTTON_PRESSES_PER_MINUTE: '5' } });
    await bindChannel(test, 'halteam', halteamChannel);
  });
  afterEach(stopAllTestApps);

  async function nothingHappened(): Promise<void> {
    await test.app.alarms.idle();
    expect(await storeOf(test).alarmsSince(new Date(0))).toEqual([]);
    expect(alarmCards(test)).toEqual([]);
  }

  it('answers 202 once the alarm is stored, and posts the card to the Halteam channel', async () => {
    const button = await registerButton(test);
    const response = await press(test, button);
    expect(response.status).toBe(202);
    const { alarmId } = (await response.json()) as { alarmId: string };
    const stored = await storeOf(test).getAlarm(button.id, alarmId);
    expect(stored).toMatchObject({ status: 'open', location: 'Publieksbalie 1, gebouw Noord', presses: 1 });
    await test.app.alarms.idle();
    const [card] = alarmCards(test);
    expect(card?.conversationId).toBe(halteamChannel);
    expect(JSON.stringify(card?.body)).toContain('Publieksbalie 1, gebouw Noord');
  });

  it.each([
    ['a wrong secret', { secret: 'whsec_d3Jvbmd3cm9uZ3dyb25nd3Jvbmd3cm9uZ3dyb25nISE=' }],
    ['a timestamp six minutes old', { signedAt: new Date(Date.now() - 6 * 60_000) }],
    ['a timestamp six minutes ahead', { signedAt: new Date(Date.now() + 6 * 60_000) }],
    ['no signature headers', { headers: {} }],
  ])('refuses %s with 401 and changes nothing', async (_name, options) => {
    const button = await registerButton(test);
    const response = await press(test, button, options);
    expect(response.status).toBe(401);
    await nothingHappened();
  });

  it('refuses a body that differs from what was signed (401)', async () => {
    const button = await registerButton(test);
    const now = new Date();
    const headers = signButtonRequest(
      button.secret,
      'msg_1',
      now,
      JSON.stringify({ type: 'test', pressedAt: now.toISOString() }),
    );
    const response = await press(test, button, {
      headers,
      body: JSON.stringify({ type: 'press', pressedAt: now.toISOString() }),
    });
    expect(response.status).toBe(401);
    await nothingHappened();
  });

  it('answers an unknown button like a failed authentication (401), so ids cannot be probed', async () => {
    const known = await registerButton(test);
    const response = await press(test, { ...known, id: 'kantine-3' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'authentication failed' });
    await nothingHappened();
  });

  it.each([
    ['not JSON', 'pressed!', 'not JSON'],
    ['an unknown type', JSON.stringify({ type: 'smash', pressedAt: new Date().toISOString() }), 'type'],
    ['a time that is no ISO 8601', JSON.stringify({ type: 'press', pressedAt: 'vanmiddag' }), 'pressedAt'],
    ['a missing time', JSON.stringify({ type: 'press' }), 'pressedAt'],
    ['an unknown field', JSON.stringify({ type: 'press', pressedAt: new Date().toISOString(), victim: 'x' }), 'victim'],
  ])('answers 400 with the reason for a body that is %s', async (_name, body, reason) => {
    const button = await registerButton(test);
    const response = await press(test, button, { body });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain(reason);
    await nothingHappened();
  });

  it('answers 413 for an oversized body', async () => {
    const button = await registerButton(test);
    const body = JSON.stringify({ type: 'press', pressedAt: new Date().toISOString(), padding: 'x'.repeat(10_000) });
    const response = await press(test, button, { body });
    expect(response.status).toBe(413);
    await nothingHappened();
  });

  it('answers 429 when one button floods, without touching other buttons', async () => {
    const flooding = await registerButton(test, 'balie-noord-2');
    const other = await registerButton(test, 'nbg24', { kind: 'paniekknop', location: 'Spreekkamer NBG24' });
    const statuses: number[] = [];
    for (let index = 0; index < 7; index++) statuses.push((await press(test, flooding, { type: 'heartbeat' })).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect((await press(test, other)).status).toBe(202);
  });

  it('treats the same webhook-id twice as one alarm with one card', async () => {
    const button = await registerButton(test);
    const first = await press(test, button, { webhookId: 'msg_same' });
    const second = await press(test, button, { webhookId: 'msg_same' });
    expect([first.status, second.status]).toEqual([202, 202]);
    const bodies = [await first.json(), await second.json()] as { alarmId: string }[];
    expect(bodies[1]).toEqual({ status: 'duplicate', alarmId: bodies[0]?.alarmId });
    await test.app.alarms.idle();
    expect(await storeOf(test).alarmsSince(new Date(0))).toHaveLength(1);
    expect(alarmCards(test)).toHaveLength(1);
  });

  it('joins presses of a button whose alarm is open: a press counter, never a second card', async () => {
    const button = await registerButton(test);
    const first = (await (await press(test, button)).json()) as { alarmId: string };
    await test.app.alarms.idle();
    const second = (await (await press(test, button)).json()) as { status: string; alarmId: string };
    const third = (await (await press(test, button)).json()) as { status: string; alarmId: string };
    await test.app.alarms.idle();
    expect([second.status, third.status]).toEqual(['joined', 'joined']);
    expect(second.alarmId).toBe(first.alarmId);
    expect(alarmCards(test)).toHaveLength(1);
    const lastUpdate = test.connector.updates().at(-1);
    expect(JSON.stringify(lastUpdate?.body)).toContain('"title":"Aantal keer","value":"3"');
  });

  it('joins concurrent presses into one alarm', async () => {
    const button = await registerButton(test);
    const responses = await Promise.all(Array.from({ length: 5 }, () => press(test, button)));
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as { alarmId: string }[];
    expect(new Set(bodies.map((body) => body.alarmId)).size).toBe(1);
    await test.app.alarms.idle();
    expect(alarmCards(test)).toHaveLength(1);
    expect((await storeOf(test).getAlarm(button.id, bodies[0]?.alarmId as string))?.presses).toBe(5);
  });

  it('accepts the previous secret during a rotation, and several signatures in one header', async () => {
    const button = await registerButton(test);
    const rotated = await rotateButtonSecret(button.id, { store: storeOf(test), clock: test.app.clock });
    expect((await press(test, button, { type: 'heartbeat' })).status).toBe(202); // old secret, within the grace period
    const now = new Date();
    const body = JSON.stringify({ type: 'heartbeat', pressedAt: now.toISOString() });
    const wrong = signButtonRequest('whsec_d3Jvbmd3cm9uZ3dyb25nd3Jvbmd3cm9uZ3dyb25nISE=', 'msg_x', now, body);
    const right = signButtonRequest(rotated.secret, 'msg_x', now, body);
    const headers = { ...right, 'webhook-signature': `${wrong['webhook-signature']} ${right['webhook-signature']}` };
    expect((await press(test, rotated, { headers, body })).status).toBe(202);
  });

  it('accepts token mode hardware with its bearer secret, and refuses a wrong one', async () => {
    const button = await registerButton(test, 'raadzaal', {
      authMode: 'token',
      kind: 'paniekknop',
      location: 'Raadzaal (mobiele knop)',
    });
    expect((await press(test, button, { secret: 'whsec_nope' })).status).toBe(401);
    expect((await press(test, button)).status).toBe(202);
  });

  it('records heartbeats and test presses on the button', async () => {
    const button = await registerButton(test);
    await press(test, button, { type: 'heartbeat' });
    await press(test, button, { type: 'test' });
    const [listed] = await storeOf(test).listButtons();
    expect(listed?.lastHeartbeatAt).toBeDefined();
    expect(listed?.lastTestAt).toBeDefined();
    expect(listed?.lastPressAt).toBeUndefined();
  });
});
