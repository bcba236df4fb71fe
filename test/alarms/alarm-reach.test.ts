import { GraphStandIn } from '../../bot/platform/graph/graph-stand-in';
import { ManualClock } from '../../bot/shared/clock';
import { alarmCards, press, registerButton, storeOf } from '../support/buttons';
import { FakeConnector, type RecordedCall } from '../support/fake-connector';
import {
  bindChannel,
  halteamChannel,
  readableText,
  startTestApp,
  stopAllTestApps,
  type TestApp,
} from '../support/test-app';

/**
 * An alarm reaches people on their phones, not only a channel: activity-feed pushes through Graph (its
 * stand-in here), escalations that @mention whom they ask to act, a reception post that follows the
 * alarm, and drills that stay quiet at night.
 */
const receptionChannel = '19:receptie@thread.tacv2';
const mohamed = { id: '29:mohamed', aadObjectId: 'aad-mohamed', name: 'Mohamed El Amrani' };
const lotte = { id: '29:lotte', aadObjectId: 'aad-lotte', name: 'Lotte Jansen' };
const pieter = { id: '29:pieter', aadObjectId: 'aad-pieter', name: 'Pieter Bakker' };
const ria = { id: '29:ria', aadObjectId: 'aad-ria', name: 'Ria de Receptie' };
const halteam = [mohamed, lotte, pieter];

/** Amsterdam local time (CET, +01:00). */
const at = (local: string) => new Date(`${local}+01:00`);
/** A Tuesday morning: working hours. */
const workingMorning = '2026-11-24T10:00:00';
/** The night after. */
const night = '2026-11-25T04:37:00';

function mentionedIds(call: RecordedCall | undefined): string[] {
  if (!call) return [];
  const direct = (call.body.entities as { mentioned?: { id: string } }[] | undefined) ?? [];
  const attachments =
    (call.body.attachments as { content?: { msteams?: { entities?: { mentioned: { id: string } }[] } } }[]) ?? [];
  const inCard = attachments.flatMap((attachment) => attachment.content?.msteams?.entities ?? []);
  return [...direct, ...inCard].flatMap((entity) => (entity.mentioned ? [entity.mentioned.id] : [])).sort();
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const escalationPosts = (test: TestApp) =>
  test.connector.sent().filter((call) => /Opschaling|Alarm zonder genoeg hulp/.test(String(call.body.text ?? '')));

describe('an alarm reaches phones', () => {
  let graph: GraphStandIn;
  let clock: ManualClock;
  let test: TestApp;

  beforeEach(async () => {
    graph = new GraphStandIn();
    await graph.start();
  });
  afterEach(async () => {
    await stopAllTestApps();
    await graph.stop();
  });

  async function start(now: string, env: Record<string, string> = {}, connector?: FakeConnector): Promise<TestApp> {
    clock ??= new ManualClock(at(now));
    clock.set(at(now));
    const started = await startTestApp({
      clock,
      connector,
      env: {
        GRAPH_BASE_URL: graph.baseUrl,
        HALTEAM_MEMBERS: halteam.map((member) => member.aadObjectId).join(','),
        RECEPTION_MEMBERS: ria.aadObjectId,
        ...env,
      },
    });
    for (const member of [...halteam, ria]) started.connector.members.set(member.id, member);
    return started;
  }

  async function openAlarm(type: 'press' | 'test' = 'press') {
    const button = await registerButton(test, 'nbg24', {
      kind: 'paniekknop',
      location: 'Spreekkamer NBG24',
      authMode: 'token',
    });
    const response = await press(test, button, { type, signedAt: clock.now() });
    const answer = (await response.json()) as { alarmId: string };
    if (response.status >= 300) throw new Error(`press refused: ${JSON.stringify(answer)}`);
    const { alarmId } = answer;
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
    return { button, alarmId, card, activityId, click };
  }

  /** Runs due jobs until none is left (a job may store the next, e.g. an escalation its push). */
  async function runJobs(app: TestApp = test): Promise<void> {
    for (let round = 0; round < 5; round++) if ((await app.app.scheduler.tick()) === 0) return;
  }

  async function bothEscalations(): Promise<void> {
    clock.advance(61_000);
    await runJobs();
    clock.advance(120_000);
    await runJobs();
  }

  const pushes = (type: string) => graph.notifications.filter((notification) => notification.activityType === type);

  it('pushes a new alarm once to exactly the members on duty, linked to the card, after the card', async () => {
    test = await start(workingMorning);
    await bindChannel(test, 'halteam', halteamChannel);
    await test.bot.personal(pieter, 'afwezig');

    const { activityId, button, alarmId } = await openAlarm();
    // The card went out before anything was asked of Graph.
    expect(graph.requests).toHaveLength(0);
    await runJobs();
    await runJobs();

    const raised = pushes('alarmRaised');
    expect(raised).toHaveLength(1);
    expect(raised[0]?.recipients.sort()).toEqual([lotte.aadObjectId, mohamed.aadObjectId].sort());
    expect(raised[0]?.templateParameters).toEqual({ locatie: 'Spreekkamer NBG24' });
    expect(raised[0]?.topic.webUrl).toContain(`/l/message/${encodeURIComponent(halteamChannel)}/${activityId}`);
    const stored = await storeOf(test).getAlarm(button.id, alarmId);
    expect(
      stored?.pushes
        ?.find((push) => push.level === 0)
        ?.people.map((person) => person.name)
        .sort(),
    ).toEqual([lotte.name, mohamed.name].sort());
  });

  it('escalates with pushes and @mentions: every member at level 1, every member and reception at level 2', async () => {
    test = await start(workingMorning);
    await bindChannel(test, 'halteam', halteamChannel);
    await bindChannel(test, 'receptie', receptionChannel);
    await openAlarm();
    await runJobs();

    clock.advance(61_000);
    await runJobs();
    const [first] = escalationPosts(test);
    expect(mentionedIds(first)).toEqual(halteam.map((member) => member.id).sort());
    const escalated = pushes('alarmEscalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]?.recipients.sort()).toEqual(halteam.map((member) => member.aadObjectId).sort());

    clock.advance(120_000);
    await runJobs();
    const second = escalationPosts(test)[1];
    expect(second?.conversationId).toBe(receptionChannel);
    expect(mentionedIds(second)).toEqual([...halteam, ria].map((member) => member.id).sort());
    expect(String(second?.body.text)).toContain(`<at>${ria.name}</at>`);
    expect(pushes('alarmEscalated')).toHaveLength(2);
    expect(pushes('alarmEscalated')[1]?.recipients.sort()).toEqual(
      [...halteam, ria].map((member) => member.aadObjectId).sort(),
    );
    // Nothing is pushed twice however often the scheduler looks.
    clock.advance(600_000);
    await runJobs();
    expect(graph.notifications).toHaveLength(3);
  });

  it('updates the reception post in place when enough are coming and when the alarm is closed', async () => {
    test = await start(workingMorning);
    await bindChannel(test, 'halteam', halteamChannel);
    await bindChannel(test, 'receptie', receptionChannel);
    const { click } = await openAlarm();
    await bothEscalations();
    const post = escalationPosts(test).find((call) => call.conversationId === receptionChannel);
    const postId = post?.body.id as string;
    expect(postId).toBeTruthy();
    const updatesOfPost = () => test.connector.updates().filter((call) => call.activityId === postId);

    await click(mohamed, 'alarm.respond');
    expect(updatesOfPost()).toHaveLength(0);
    await click(lotte, 'alarm.respond');
    expect(String(updatesOfPost().at(-1)?.body.text)).toContain('Genoeg hulp onderweg');

    clock.advance(60_000);
    await click(lotte, 'alarm.close', { outcome: 'vertrokken' });
    const closed = String(updatesOfPost().at(-1)?.body.text);
    expect(closed).toMatch(/Afgehandeld om \d\d:\d\d, door Lotte Jansen/);
    expect(closed).not.toContain('Bel 112');
  });

  it('without a reception channel, mentions reception and the Halteam in the thread, with no technical note', async () => {
    test = await start(workingMorning);
    await bindChannel(test, 'halteam', halteamChannel);
    const { activityId, click } = await openAlarm();
    await bothEscalations();
    const second = escalationPosts(test)[1];
    expect(second?.conversationId).toBe(`${halteamChannel};messageid=${activityId}`);
    expect(String(second?.body.text)).not.toContain('receptiekanaal');
    expect(mentionedIds(second)).toEqual([...halteam, ria].map((member) => member.id).sort());

    await click(pieter, 'alarm.close', { outcome: 'loos-alarm' });
    const update = test.connector.updates().find((call) => call.activityId === second?.body.id);
    expect(String(update?.body.text)).toContain('door Pieter Bakker');
  });

  it('pushes each level once with two instances on one storage', async () => {
    const teams = new FakeConnector();
    await teams.start();
    const a = await start(workingMorning, {}, teams);
    test = a;
    await bindChannel(a, 'halteam', halteamChannel);
    const b = await startTestApp({
      clock,
      connector: teams,
      prefix: a.prefix,
      instanceId: 'b',
      env: {
        GRAPH_BASE_URL: graph.baseUrl,
        HALTEAM_MEMBERS: halteam.map((member) => member.aadObjectId).join(','),
        RECEPTION_MEMBERS: ria.aadObjectId,
      },
    });
    await openAlarm();
    for (let round = 0; round < 3; round++) await Promise.all([a.app.scheduler.tick(), b.app.scheduler.tick()]);
    clock.advance(61_000);
    for (let round = 0; round < 3; round++) await Promise.all([a.app.scheduler.tick(), b.app.scheduler.tick()]);
    clock.advance(120_000);
    for (let round = 0; round < 3; round++) await Promise.all([a.app.scheduler.tick(), b.app.scheduler.tick()]);

    expect(pushes('alarmRaised')).toHaveLength(1);
    expect(pushes('alarmEscalated')).toHaveLength(2);
    await stopAllTestApps();
    await teams.stop();
  });

  it('retries a push Graph throttles (429 with Retry-After) or fails (5xx), and the card does not wait for it', async () => {
    test = await start(workingMorning);
    await bindChannel(test, 'halteam', halteamChannel);
    graph.fail({ status: 429, retryAfter: 1, path: /sendActivityNotification/ });
    graph.fail({ status: 503, path: /sendActivityNotification/ });

    await openAlarm();
    expect(alarmCards(test)).toHaveLength(1);
    const started = Date.now();
    const pushing = runJobs();
    // While the push waits out Graph's Retry-After, another button's alarm card goes out at once.
    await until(() => graph.requests.length > 0);
    const other = await registerButton(test, 'balie-2', { location: 'Balie 2', authMode: 'token' });
    const pressedAt = Date.now();
    expect((await press(test, other, { signedAt: clock.now() })).status).toBe(202);
    await test.app.alarms.idle();
    expect(alarmCards(test)).toHaveLength(2);
    expect(Date.now() - pressedAt).toBeLessThan(900);
    await pushing;
    const calls = graph.requests.filter(
      (request) =>
        request.path.includes('sendActivityNotification') && JSON.stringify(request.body).includes('Spreekkamer'),
    );
    expect(calls.map((call) => call.status)).toEqual([429, 503, 202]);
    // Graph's Retry-After (1 s) was waited for.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    // Each alarm pushed once.
    expect(
      pushes('alarmRaised')
        .map((push) => push.templateParameters.locatie)
        .sort(),
    ).toEqual(['Balie 2', 'Spreekkamer NBG24']);
  });

  it('keeps a drill at night quiet: OEFENING on the card, no mention, no push', async () => {
    test = await start(night);
    await bindChannel(test, 'halteam', halteamChannel);
    const { card } = await openAlarm('test');
    expect(readableText(card.body)).toContain('OEFENING');
    expect(mentionedIds(card)).toEqual([]);
    clock.advance(600_000);
    await runJobs();
    expect(graph.notifications).toHaveLength(0);
  });

  it('pushes a drill in working hours to the members on duty only, unless drill pushes are off', async () => {
    test = await start(workingMorning);
    await bindChannel(test, 'halteam', halteamChannel);
    await test.bot.personal(pieter, 'afwezig');
    const { card } = await openAlarm('test');
    expect(mentionedIds(card)).toEqual([lotte.id, mohamed.id].sort());
    await runJobs();
    expect(pushes('alarmDrill').map((push) => push.recipients.sort())).toEqual([
      [lotte.aadObjectId, mohamed.aadObjectId].sort(),
    ]);
    await stopAllTestApps();

    test = await start(workingMorning, { ALARM_DRILL_PUSHES: 'false' });
    await bindChannel(test, 'halteam', halteamChannel);
    await openAlarm('test');
    await runJobs();
    expect(pushes('alarmDrill')).toHaveLength(1);
  });

  it('shows every press in the timeline and "nog N nodig" once', async () => {
    test = await start(workingMorning);
    await bindChannel(test, 'halteam', halteamChannel);
    const { card, button, click } = await openAlarm();
    expect(readableText(card.body).match(/nog \d+ nodig/gi)).toHaveLength(1);
    clock.advance(20_000);
    await press(test, button, { signedAt: clock.now() });
    await test.app.alarms.idle();
    const closed = await click(mohamed, 'alarm.close', { outcome: 'vertrokken' });
    const text = JSON.stringify(closed.body.value);
    expect(text).toContain('Knop opnieuw ingedrukt (2e keer)');
    expect(text).toContain('"value":"2"');
  });
});
