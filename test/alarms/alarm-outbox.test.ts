import { rotateButtonSecret } from '../../bot/alarms/button-admin';
import { createAlarmTable } from '../../bot/alarms/alarm-table';
import { createTableProvider } from '../../bot/platform/storage/table-provider';
import { ManualClock } from '../../bot/shared/clock';
import { alarmCards, press, registerButton, storeOf } from '../support/buttons';
import { FakeConnector } from '../support/fake-connector';
import { bindChannel, halteamChannel, startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';

const receptionChannel = '19:receptie@thread.tacv2';
const mohamed = { id: '29:mohamed', aadObjectId: 'aad-mohamed', name: 'Mohamed El Amrani' };

function escalations(connector: FakeConnector) {
  return connector.sent().filter((call) => /Opschaling|Alarm zonder genoeg hulp/.test(String(call.body.text ?? '')));
}

async function alarmJobs(test: TestApp): Promise<string[]> {
  const kinds: string[] = [];
  for await (const job of (await test.app.tables.table('jobs')).listEntities<{ kind: string }>()) {
    if (job.kind.startsWith('alarm.')) kinds.push(job.kind);
  }
  return kinds;
}

/** A press stored by an instance that then died: its lease is still running. */
async function pressStoredByDeadInstance(test: TestApp, clock: ManualClock, buttonId: string, leaseMs = 10_000) {
  return storeOf(test).recordPress({
    buttonId,
    webhookId: `msg_${buttonId}`,
    exercise: false,
    pressedAt: clock.now(),
    receivedAt: clock.now(),
    newAlarmId: `alarm-${buttonId}`,
    deliveryLeaseUntil: new Date(clock.now().getTime() + leaseMs),
    owner: 'died-after-its-202',
  });
}

describe('the alarm row is the outbox: any live instance does what another left', () => {
  afterEach(stopAllTestApps);

  it('posts the card of an instance that died right after its 202 once its lease runs out, without a restart, then escalates', async () => {
    const teams = new FakeConnector();
    await teams.start();
    teams.members.set(mohamed.id, mohamed);
    const clock = new ManualClock(new Date());
    const live = await startTestApp({ clock, connector: teams, instanceId: 'live' });
    await bindChannel(live, 'halteam', halteamChannel);
    const button = await registerButton(live, 'nbg24', { kind: 'paniekknop', location: 'Spreekkamer NBG24' });
    await pressStoredByDeadInstance(live, clock, button.id);

    // Started (or restarted) two seconds later: the dead instance's lease has not run out yet.
    clock.advance(2_000);
    expect(await live.app.alarms.sweep()).toBe(0);
    expect(alarmCards(live)).toHaveLength(0);

    clock.advance(8_001);
    expect(await live.app.alarms.sweep()).toBe(1);
    const cards = alarmCards(live);
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0]?.body)).toContain('Spreekkamer NBG24');

    // Its escalation jobs were stored with it: level 1 goes to the card's thread, once.
    clock.advance(60_000);
    await live.app.scheduler.tick();
    expect(escalations(teams)).toHaveLength(1);
    expect(escalations(teams)[0]?.conversationId).toBe(`${halteamChannel};messageid=${String(cards[0]?.body.id)}`);
    expect(await live.app.alarms.sweep()).toBe(0);
    expect(alarmCards(live)).toHaveLength(1);
    await teams.stop();
  });

  it('two instances sweeping at once post one card', async () => {
    const teams = new FakeConnector();
    await teams.start();
    const clock = new ManualClock(new Date());
    const a = await startTestApp({ clock, connector: teams, instanceId: 'a' });
    await bindChannel(a, 'halteam', halteamChannel);
    const b = await startTestApp({ clock, connector: teams, prefix: a.prefix, instanceId: 'b' });
    const button = await registerButton(a, 'nbg24');
    await pressStoredByDeadInstance(a, clock, button.id);
    clock.advance(10_001);
    await Promise.all([a.app.alarms.sweep(), b.app.alarms.sweep(), a.app.alarms.sweep()]);
    expect(alarmCards(a)).toHaveLength(1);
    await teams.stop();
  });

  it('never gives up an escalation while Teams is away for four minutes: both levels go out once it is back', async () => {
    const clock = new ManualClock(new Date());
    const test = await startTestApp({ clock, env: { SCHEDULER_LEASE_SECONDS: '5' }, messengerPacing: [] });
    await bindChannel(test, 'halteam', halteamChannel);
    await bindChannel(test, 'receptie', receptionChannel);
    const button = await registerButton(test, 'nbg24');
    expect((await press(test, button)).status).toBe(202);
    await test.app.alarms.idle();
    expect(alarmCards(test)).toHaveLength(1);

    // Teams refuses every message for four minutes.
    let teamsDown = true;
    test.connector.failNext(100_000, { status: 503, match: (method) => teamsDown && method === 'POST' });
    for (let elapsed = 0; elapsed < 240_000; elapsed += 5_000) {
      clock.advance(5_000);
      await test.app.scheduler.tick();
    }
    expect(escalations(test.connector)).toHaveLength(0);
    expect(test.connector.calls.filter((call) => call.status === 503).length).toBeGreaterThan(10);
    teamsDown = false;

    for (let round = 0; round < 6; round++) {
      clock.advance(15_000);
      await test.app.scheduler.tick();
    }
    const sent = escalations(test.connector);
    // Level 2 is long overdue by then, so the two go out in the same moment, each once.
    expect(sent.map((call) => String(call.body.text).slice(0, 14)).sort()).toEqual([
      '**Alarm zonder',
      '**Opschaling:*',
    ]);
    expect(sent.find((call) => String(call.body.text).startsWith('**Alarm'))?.conversationId).toBe(receptionChannel);
    // No job per retry: the alarm's two escalation jobs, nothing else.
    expect(await alarmJobs(test)).toEqual(['alarm.escalate', 'alarm.escalate']);
  });

  it('holds level 2 back while level 1 has not gone out (a crash during level 1), then sends them in order', async () => {
    const clock = new ManualClock(new Date());
    const test = await startTestApp({
      clock,
      env: { SCHEDULER_LEASE_SECONDS: '5', ALARM_FIRST_ESCALATION_SECONDS: '60', ALARM_SECOND_ESCALATION_SECONDS: '1' },
    });
    await bindChannel(test, 'halteam', halteamChannel);
    await bindChannel(test, 'receptie', receptionChannel);
    const button = await registerButton(test, 'nbg24');
    const { alarmId } = (await (await press(test, button)).json()) as { alarmId: string };
    await test.app.alarms.idle();

    // Level 1's job was claimed by an instance that died: its lease runs 5 s.
    const jobs = await test.app.tables.table('jobs');
    const level1 = await jobs.getEntity<{ attempts: number }>('job', `alarm-${alarmId}-escalate-1`);
    clock.advance(61_500);
    await jobs.updateEntity(
      {
        partitionKey: 'job',
        rowKey: level1.rowKey as string,
        status: 'running',
        leaseOwner: 'dead',
        leaseUntil: new Date(clock.now().getTime() + 5_000).toISOString(),
      },
      'Merge',
    );
    await test.app.scheduler.tick(); // level 2 is due, level 1 is not out
    expect(escalations(test.connector)).toHaveLength(0);
    clock.advance(5_100);
    await test.app.scheduler.tick();
    clock.advance(1_100);
    await test.app.scheduler.tick();
    const sent = escalations(test.connector);
    expect(sent.map((call) => String(call.body.text).slice(0, 14))).toEqual(['**Opschaling:*', '**Alarm zonder']);
  });

  it('calls the Halteam in the channel itself when the card was deleted in Teams (404 on the thread)', async () => {
    const clock = new ManualClock(new Date());
    const test = await startTestApp({ clock });
    await bindChannel(test, 'halteam', halteamChannel);
    const button = await registerButton(test, 'nbg24');
    await press(test, button);
    await test.app.alarms.idle();
    test.connector.failNext(1, {
      status: 404,
      match: (method, path) => method === 'POST' && path.includes('messageid'),
    });
    clock.advance(61_000);
    await test.app.scheduler.tick();
    const [call] = escalations(test.connector);
    expect(call?.conversationId).toBe(halteamChannel);
    expect(String(call?.body.text)).toContain('Opschaling');
  });

  it('answers 202 to twenty simultaneous presses of one button, counting each in one alarm with one card', async () => {
    const test = await startTestApp({ env: { BUTTON_PRESSES_PER_MINUTE: '1000' } });
    await bindChannel(test, 'halteam', halteamChannel);
    const button = await registerButton(test, 'nbg24');
    const responses = await Promise.all(Array.from({ length: 20 }, () => press(test, button)));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(202));
    await test.app.alarms.idle();
    const alarms = await storeOf(test).alarmsSince(new Date(0));
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.presses).toBe(20);
    expect(alarmCards(test)).toHaveLength(1);
  });

  it('limits the presses of one button per minute across instances, not per instance', async () => {
    const teams = new FakeConnector();
    await teams.start();
    const a = await startTestApp({ connector: teams, env: { BUTTON_PRESSES_PER_MINUTE: '5' } });
    await bindChannel(a, 'halteam', halteamChannel);
    const b = await startTestApp({ connector: teams, prefix: a.prefix, env: { BUTTON_PRESSES_PER_MINUTE: '5' } });
    const button = await registerButton(a, 'nbg24');
    const statuses: number[] = [];
    for (let index = 0; index < 8; index++) statuses.push((await press(index % 2 === 0 ? a : b, button)).status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    await a.app.alarms.idle();
    expect((await storeOf(a).alarmsSince(new Date(0)))[0]?.presses).toBe(5);
    await teams.stop();
  });

  it('keeps webhook ids apart that differ only where table keys need escaping', async () => {
    const test = await startTestApp();
    await bindChannel(test, 'halteam', halteamChannel);
    const first = await registerButton(test, 'nbg24');
    const second = await press(test, first, { webhookId: 'x/1' });
    const third = await press(test, first, { webhookId: 'x%2f1' });
    expect(((await second.json()) as { status: string }).status).toBe('created');
    expect(((await third.json()) as { status: string }).status).toBe('joined');
  });

  it('refuses a secret revoked with rotate --now within the registry refresh (5 s), without a restart', async () => {
    const test = await startTestApp({ runScheduler: true });
    await bindChannel(test, 'halteam', halteamChannel);
    const button = await registerButton(test, 'nbg24');
    expect((await press(test, button, { type: 'heartbeat' })).status).toBe(202);

    // IT revokes the secret from the CLI: another process, its own store.
    const cli = createAlarmTable(
      createTableProvider(process.env.TEST_STORAGE_CONNECTION_STRING as string, test.prefix),
    );
    const rotated = await rotateButtonSecret(button.id, { store: cli, clock: test.app.clock }, { revokeOld: true });
    await new Promise((resolve) => setTimeout(resolve, 5_600));
    expect((await press(test, button, { type: 'heartbeat' })).status).toBe(401);
    expect((await press(test, button)).status).toBe(401);
    expect((await press(test, rotated, { type: 'heartbeat' })).status).toBe(202);
    await test.app.alarms.idle();
    expect(await storeOf(test).alarmsSince(new Date(0))).toEqual([]);
  }, 20_000);

  it('serves this machine only when no app id is set (nothing authenticates requests then)', async () => {
    const test = await startTestApp();
    expect((test.app.server.address() as { address: string }).address).toBe('127.0.0.1');
  });
});
