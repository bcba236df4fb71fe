import { RestError } from '@azure/data-tables';
import { ManualClock } from '../../bot/shared/clock';
import { FakeConnector } from '../support/fake-connector';
import { alarmCards, press, registerButton, storeOf } from '../support/buttons';
import { lotte, mohamed, pieter } from '../support/people';
import {
  bindChannel,
  halteamChannel,
  readableText,
  receptionChannel,
  startTestApp,
  startWithChannels,
  stopAllTestApps,
  type TestApp,
} from '../support/test-app';

const halteamMembers = [mohamed, lotte, pieter];

async function openAlarm(test: TestApp, type: 'press' | 'test' = 'press') {
  const button = await registerButton(test, 'nbg24', {
    kind: 'paniekknop',
    location: 'Spreekkamer NBG24, naast de loketten',
  });
  const response = await press(test, button, { type });
  const { alarmId } = (await response.json()) as { alarmId: string };
  await test.app.alarms.idle();
  const card = alarmCards(test).at(-1);
  if (!card) throw new Error('no card posted');
  const activityId = card.body.id as string;
  const click = (who: typeof mohamed, verb: string, data: Record<string, unknown> = {}) =>
    test.bot.execute(
      { id: `${halteamChannel};messageid=${activityId}`, conversationType: 'channel' },
      who,
      activityId,
      verb,
      { buttonId: button.id, alarmId, ...data },
    );
  return { button, alarmId, activityId, card, click };
}

function escalationPosts(test: TestApp) {
  return test.connector
    .sent()
    .filter((call) => /Opschaling|Alarm zonder genoeg hulp/.test(String(call.body.text ?? '')));
}

describe('an alarm in the Halteam channel', () => {
  let test: TestApp;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock(new Date());
    test = await startWithChannels(['halteam'], { clock, members: halteamMembers });
  });
  afterEach(stopAllTestApps);

  it('mentions the Halteam members so their phones ring, and shows the protocol steps', async () => {
    const { card } = await openAlarm(test);
    const content = (
      card.body.attachments as { content: { msteams?: { entities: { mentioned: { id: string } }[] } } }[]
    )[0]?.content;
    expect(content?.msteams?.entities.map((entity) => entity.mentioned.id).sort()).toEqual(
      [lotte.id, mohamed.id, pieter.id].sort(),
    );
    const text = readableText(card.body);
    expect(text).toContain('Paniekknop: de meldkamer stuurt politie');
    expect(text).toContain('Weigert de agressor: bel direct 112');
    expect(text).toContain('Nog 2 nodig.');
  });

  it('shows two responders from two users, and counts one person once however often they click', async () => {
    const { click, activityId } = await openAlarm(test);
    const first = await click(mohamed, 'alarm.respond');
    await click(mohamed, 'alarm.respond');
    const afterSecondPerson = await click(lotte, 'alarm.respond');

    expect(first.body.statusCode).toBe(200);
    expect(JSON.stringify(first.body.value)).toContain('Nog 1 nodig.');
    const finalCard = JSON.stringify(afterSecondPerson.body.value);
    expect(finalCard.match(/komt eraan sinds/g)).toHaveLength(2);
    expect(finalCard).not.toContain('nodig.');
    expect(finalCard).toContain('Open: genoeg mensen onderweg');
    // Everyone in the channel sees it: the posted card itself is updated.
    const update = test.connector
      .updates()
      .filter((call) => call.activityId === activityId)
      .at(-1);
    expect(JSON.stringify(update?.body).match(/komt eraan sinds/g)).toHaveLength(2);
  });

  it('closes with an outcome: final state and timeline on the card, the report offered to the closer', async () => {
    const { click, button } = await openAlarm(test);
    await click(mohamed, 'alarm.respond');
    const closed = await click(lotte, 'alarm.close', { outcome: 'vertrokken' });
    const card = JSON.stringify(closed.body.value);
    expect(card).toContain('Afgehandeld: Agressor is vertrokken');
    expect(card).toContain('Tijdlijn');
    expect(card).toContain('Afgehandeld door Lotte Jansen');
    expect(card).not.toContain('alarm.respond');
    const offer = await test.connector.waitFor((call) => readableText(call.body).includes('meldingsformulier'));
    expect(offer.conversationId).toMatch(/^a:personal/);

    // The button is free again: the next press is a new alarm with its own card.
    await press(test, button);
    await test.app.alarms.idle();
    expect(alarmCards(test).filter((call) => JSON.stringify(call.body).includes('alarm.respond'))).toHaveLength(2);
  });

  it('refuses a close without a valid outcome and changes nothing', async () => {
    const { click, button, alarmId } = await openAlarm(test);
    const response = await click(lotte, 'alarm.close', { outcome: 'weggelopen' });
    expect(response.body.statusCode).toBe(400);
    expect((await storeOf(test).getAlarm(button.id, alarmId))?.status).toBe('open');
  });

  it('answers a click whose data does not fit the action calmly, and changes nothing', async () => {
    const { click, button, alarmId } = await openAlarm(test);
    const response = await click(mohamed, 'alarm.respond', { alarmId: 42 });
    expect(response.body).toMatchObject({
      statusCode: 400,
      value: 'De gegevens van deze knop kloppen niet. Er is niets veranderd.',
    });
    expect((await storeOf(test).getAlarm(button.id, alarmId))?.responders).toEqual([]);
  });

  it('escalates when too few are coming: all members in the thread, then reception with the 112 advice', async () => {
    await bindChannel(test, 'receptie', receptionChannel);
    const { click, activityId } = await openAlarm(test);
    await click(mohamed, 'alarm.respond');

    clock.advance(59_000);
    await test.app.scheduler.tick();
    expect(escalationPosts(test)).toHaveLength(0);

    clock.advance(2_000);
    await test.app.scheduler.tick();
    const [first] = escalationPosts(test);
    expect(first?.conversationId).toBe(`${halteamChannel};messageid=${activityId}`);
    expect(String(first?.body.text)).toContain('Er is pas 1 onderweg');
    expect((first?.body.entities as unknown[]).length).toBe(3);

    clock.advance(120_000);
    await test.app.scheduler.tick();
    const second = escalationPosts(test)[1];
    expect(second?.conversationId).toBe(receptionChannel);
    expect(String(second?.body.text)).toContain('Bel 112');
  });

  it('still delivers the card when Teams is down at the moment of the press', async () => {
    const button = await registerButton(test, 'nbg24', { kind: 'paniekknop', location: 'Spreekkamer NBG24' });
    test.connector.failNext(5, {
      status: 503,
      match: (method, path) => method === 'POST' && path.endsWith('/activities'),
    });
    expect((await press(test, button)).status).toBe(202);
    await test.app.alarms.idle();
    expect(alarmCards(test)).toHaveLength(0);

    // Any instance's outbox sweep tries again once the back-off has passed.
    clock.advance(2_000);
    await test.app.alarms.sweep();
    expect(alarmCards(test)).toHaveLength(1);
    clock.advance(60_000);
    await test.app.scheduler.tick();
    expect(alarmCards(test)).toHaveLength(1);
  });

  it('never posts a card twice when storage cannot keep its place for a moment, and still escalates', async () => {
    const button = await registerButton(test, 'nbg24', { kind: 'paniekknop', location: 'Spreekkamer NBG24' });
    const store = test.app.alarms.deps.store;
    let refusals = 3;
    test.app.alarms.deps.store = {
      ...store,
      keepCardPlace: (...args) => {
        if (refusals-- > 0) return Promise.reject(new RestError('Service Unavailable', { statusCode: 503 }));
        return store.keepCardPlace(...args);
      },
    };
    const { alarmId } = (await (await press(test, button)).json()) as { alarmId: string };
    await test.app.alarms.idle();
    expect(alarmCards(test)).toHaveLength(1);
    expect((await store.getAlarm(button.id, alarmId))?.card?.activityId).toBe(alarmCards(test)[0]?.body.id);

    // Any instance's outbox sweep leaves the card alone: it is in the channel.
    clock.advance(61_000);
    expect(await test.app.alarms.sweep()).toBe(0);
    await test.app.scheduler.tick();
    expect(alarmCards(test)).toHaveLength(1);
    expect(escalationPosts(test)).toHaveLength(1);
  });

  it('does not escalate once two are coming', async () => {
    const { click } = await openAlarm(test);
    await click(mohamed, 'alarm.respond');
    await click(lotte, 'alarm.respond');
    clock.advance(600_000);
    await test.app.scheduler.tick();
    expect(escalationPosts(test)).toHaveLength(0);
  });

  it('marks a test press OEFENING, never escalates it, and records the test date', async () => {
    const { card, button } = await openAlarm(test, 'test');
    expect(readableText(card.body)).toContain('OEFENING');
    expect(readableText(card.body)).not.toContain('meldkamer stuurt politie');
    clock.advance(600_000);
    await test.app.scheduler.tick();
    expect(escalationPosts(test)).toHaveLength(0);
    const listed = (await storeOf(test).listButtons()).find((candidate) => candidate.id === button.id);
    expect(listed?.lastTestAt).toBeDefined();
  });
});

describe('alarms across restarts and instances', () => {
  afterEach(stopAllTestApps);

  it('fires the escalation once after a restart', async () => {
    const teams = new FakeConnector();
    await teams.start();
    for (const member of halteamMembers) teams.members.set(member.id, member);
    const clock = new ManualClock(new Date());
    const before = await startTestApp({ clock, connector: teams });
    await bindChannel(before, 'halteam', halteamChannel);
    await openAlarm(before);
    await before.stop();

    clock.advance(61_000);
    const after = await startTestApp({ clock, connector: teams, prefix: before.prefix, instanceId: 'after' });
    const other = await startTestApp({ clock, connector: teams, prefix: before.prefix, instanceId: 'other' });
    await Promise.all([after.app.scheduler.tick(), other.app.scheduler.tick()]);
    await after.app.scheduler.tick();
    expect(escalationPosts(after)).toHaveLength(1);
    await teams.stop();
  });

  it('posts the card of an alarm that was stored but not posted when the process died, once, with two instances starting', async () => {
    const teams = new FakeConnector();
    await teams.start();
    const clock = new ManualClock(new Date());
    const crashed = await startTestApp({ clock, connector: teams });
    await bindChannel(crashed, 'halteam', halteamChannel);
    const button = await registerButton(crashed, 'nbg24', { kind: 'paniekknop', location: 'Spreekkamer NBG24' });
    // The press was stored (and answered 202), then the process died before posting.
    await storeOf(crashed).recordPress({
      buttonId: button.id,
      webhookId: 'msg_before_crash',
      exercise: false,
      pressedAt: clock.now(),
      receivedAt: clock.now(),
      newAlarmId: 'alarm-crash',
      deliveryLeaseUntil: clock.now(),
    });
    await crashed.stop();

    clock.advance(1_000);
    await Promise.all([
      startTestApp({ clock, connector: teams, prefix: crashed.prefix, instanceId: 'a' }),
      startTestApp({ clock, connector: teams, prefix: crashed.prefix, instanceId: 'b' }),
    ]);
    const cards = teams.sent().filter((call) => JSON.stringify(call.body).includes('Spreekkamer NBG24'));
    expect(cards).toHaveLength(1);
    expect((await storeOf(crashed).getAlarm(button.id, 'alarm-crash'))?.card?.activityId).toBe(cards[0]?.body.id);
    await teams.stop();
  });
});
