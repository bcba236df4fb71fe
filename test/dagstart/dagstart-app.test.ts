import { createAlarmTable } from '../../bot/alarms/alarm-table';
import { dagstartDigestJob } from '../../bot/dagstart/digest-schedule';
import { createReportTable } from '../../bot/reports/report-table';
import { ManualClock } from '../../bot/shared/clock';
import { registerButton } from '../support/buttons';
import { FakeConnector, type RecordedCall } from '../support/fake-connector';
import { lotte, mohamed } from '../support/people';
import {
  admin,
  bindChannel,
  dagstartChannel,
  halteamChannel,
  readableText,
  startTestApp,
  stopAllTestApps,
  uniquePrefix,
  type TestApp,
} from '../support/test-app';
import { notForTheDagstart, reportFixture } from './fixtures';

/**
 * The dagstart through the running bot (real server, Table Storage in Azurite, the in-process Bot
 * Connector): the incident card and its measure, and the morning digest on its schedule, exactly
 * once across a restart and across two instances.
 */

/** Amsterdam local time (CET, +01:00). */
const at = (local: string) => new Date(`${local}+01:00`);

const digestTitle = /^Dagstart (maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) /;

function digests(connector: FakeConnector): { call: RecordedCall; text: string }[] {
  return connector
    .sent()
    .filter((call) => call.conversationId === dagstartChannel)
    .map((call) => ({ call, text: readableText(call.body).trim() }))
    .filter((entry) => digestTitle.test(entry.text));
}

describe('the dagstart channel', () => {
  let clock: ManualClock;
  afterEach(stopAllTestApps);

  async function start(now: string, options: { prefix?: string; connector?: FakeConnector } = {}): Promise<TestApp> {
    clock ??= new ManualClock(at(now));
    return startTestApp({ clock, ...options });
  }

  beforeEach(() => {
    clock = undefined as unknown as ManualClock;
  });

  /** Lets the scheduler run at each of these Amsterdam local times, in turn. */
  async function runAt(test: TestApp, ...locals: string[]): Promise<void> {
    for (const local of locals) {
      clock.set(at(local));
      await test.app.scheduler.tick();
    }
  }

  it('gets a privacy-safe card per incident, updated in place when a measure is decided', async () => {
    const test = await start('2026-11-24T10:00:00');
    await bindChannel(test, 'dagstart', dagstartChannel);
    const report = reportFixture();

    await test.app.dagstart.followUp.onSubmitted(report);
    const cards = test.connector
      .sent()
      .filter((call) => call.conversationId === dagstartChannel && readableText(call.body).includes('AGR-2026-0042'));
    expect(cards).toHaveLength(1);
    const card = cards[0] as RecordedCall;
    const text = readableText(card.body);
    expect(text).toContain('Dagstart: incident AGR-2026-0042');
    expect(text).toContain('Publieksbalie 1, gebouw Noord');
    expect(text).toContain('Maatregel');
    expect(text).toContain('Nog niet besloten');
    for (const secret of [...notForTheDagstart, 'Fatima']) expect(text).not.toContain(secret);

    expect(await test.app.dagstart.updateMeasure('AGR-2026-0042', 'Toegangsverbod tot en met 24 februari 2027')).toBe(
      true,
    );
    const update = test.connector.updates().at(-1) as RecordedCall;
    expect(update.conversationId).toBe(dagstartChannel);
    expect(update.activityId).toBe(String(card.body.id));
    expect(readableText(update.body)).toContain('Toegangsverbod tot en met 24 februari 2027');

    // A retried follow-up (the report's delivery retries what is not recorded) posts no second card.
    await test.app.dagstart.followUp.onSubmitted(report);
    expect(test.connector.sent().filter((call) => readableText(call.body).includes('AGR-2026-0042'))).toHaveLength(1);
    expect(readableText((test.connector.updates().at(-1) as RecordedCall).body)).toContain('Toegangsverbod');
    expect(await test.app.dagstart.updateMeasure('AGR-2026-9999', 'Schriftelijke waarschuwing')).toBe(false);
  });

  it('names the victim on the card when they agreed', async () => {
    const test = await start('2026-11-24T10:00:00');
    await bindChannel(test, 'dagstart', dagstartChannel);
    await test.app.dagstart.followUp.onSubmitted(reportFixture({ nameInDagstart: true }));
    const card = test.connector.sent().find((call) => readableText(call.body).includes('AGR-2026-0042'));
    expect(readableText((card as RecordedCall).body)).toContain('Fatima Yilmaz');
  });

  it('posts the digest at 08:30 on working days, not at weekends, with what happened since the last one', async () => {
    const test = await start('2026-11-27T07:00:00');
    for (const member of [admin, mohamed, lotte]) test.connector.members.set(member.id, member);
    await bindChannel(test, 'halteam', halteamChannel);
    await bindChannel(test, 'dagstart', dagstartChannel);
    await test.bot.personal(mohamed, 'afwezig');

    const report = reportFixture({ submittedAt: at('2026-11-26T16:00:00').toISOString() });
    await createReportTable(test.app.tables).create(report);
    await test.app.dagstart.followUp.onSubmitted(report);
    const alarms = createAlarmTable(test.app.tables);
    for (const [id, exercise, local] of [
      ['a1', false, '2026-11-26T14:03:00'],
      ['a2', true, '2026-11-26T15:00:00'],
      ['a0', false, '2026-11-25T14:00:00'],
    ] as const) {
      await registerButton(test, `knop-${id}`, { authMode: 'token', location: `Balie ${id}` });
      await alarms.recordPress({
        buttonId: `knop-${id}`,
        webhookId: `hook-${id}`,
        exercise,
        pressedAt: at(local),
        receivedAt: at(local),
        newAlarmId: id,
        deliveryLeaseUntil: at(local),
      });
    }

    await runAt(test, '2026-11-27T08:29:59');
    expect(digests(test.connector)).toHaveLength(0);

    await runAt(test, '2026-11-27T08:30:00');
    expect(digests(test.connector)).toHaveLength(1);
    const friday = (digests(test.connector)[0] as { text: string }).text;
    expect(friday).toContain('Dagstart vrijdag 27 november');
    expect(friday).toContain('Incidenten sinds de vorige dagstart (1)');
    expect(friday).toContain('AGR-2026-0042');
    expect(friday).toContain('Alarmen afgelopen dag (1)');
    expect(friday).toContain('Balie a1: nog open');
    expect(friday).toContain('Apart, OEFENING: Balie a2');
    expect(friday).not.toContain('Balie a0');
    expect(friday).toContain('Toegangsverboden die gelden (0)');
    expect(friday).toContain('Sanne de Vries, Lotte Jansen');
    expect(friday).not.toContain('Mohamed');
    for (const secret of notForTheDagstart.filter((name) => name !== 'Lotte Jansen'))
      expect(friday).not.toContain(secret);

    await runAt(test, '2026-11-28T08:30:00', '2026-11-29T08:30:00');
    expect(digests(test.connector)).toHaveLength(1);

    await runAt(test, '2026-11-30T08:30:00');
    expect(digests(test.connector).map((entry) => entry.text)).toEqual([
      friday,
      'Dagstart maandag 30 november: niets te melden. Halteam vandaag: Sanne de Vries, Mohamed El Amrani, Lotte Jansen.',
    ]);
  });

  it('skips Christmas and goes on the Monday after', async () => {
    const test = await start('2026-12-24T09:00:00');
    await bindChannel(test, 'dagstart', dagstartChannel);
    await runAt(test, '2026-12-25T08:30:00', '2026-12-26T08:30:00', '2026-12-27T08:30:00');
    expect(digests(test.connector)).toHaveLength(0);
    await runAt(test, '2026-12-28T08:30:00');
    expect(digests(test.connector).map((entry) => entry.text)).toEqual([
      'Dagstart maandag 28 december: niets te melden. Halteam vandaag: niemand op dienst.',
    ]);
  });

  it('skips 5 May (Bevrijdingsdag) and Ascension Day and goes on the Friday', async () => {
    const test = await start('2027-05-04T08:00:00'); // Tuesday 4 May 2027, 09:00 summer time
    await bindChannel(test, 'dagstart', dagstartChannel);
    for (const day of ['2027-05-05', '2027-05-06']) {
      clock.set(new Date(`${day}T08:30:00+02:00`));
      await test.app.scheduler.tick();
    }
    expect(digests(test.connector)).toHaveLength(0);
    clock.set(new Date('2027-05-07T08:30:00+02:00'));
    await test.app.scheduler.tick();
    expect(digests(test.connector).map((entry) => entry.text.split(':')[0])).toEqual(['Dagstart vrijdag 7 mei']);
  });

  it("skips the municipality's own closing days (EXTRA_CLOSING_DAYS)", async () => {
    clock = new ManualClock(at('2026-12-23T09:00:00'));
    const test = await startTestApp({ clock, env: { EXTRA_CLOSING_DAYS: '2026-12-24,12-31' } });
    await bindChannel(test, 'dagstart', dagstartChannel);
    await runAt(test, '2026-12-24T08:30:00');
    expect(digests(test.connector)).toHaveLength(0);
    await runAt(test, '2026-12-28T08:30:00');
    expect(digests(test.connector).map((entry) => entry.text.split(':')[0])).toEqual(['Dagstart maandag 28 december']);
  });

  it('posts once when the bot restarts at the due minute', async () => {
    const connector = new FakeConnector();
    await connector.start();
    try {
      const prefix = uniquePrefix();
      const first = await start('2026-11-24T08:29:30', { prefix, connector });
      await bindChannel(first, 'dagstart', dagstartChannel);
      await first.stop();

      clock.set(at('2026-11-24T08:30:00'));
      const second = await start('2026-11-24T08:30:00', { prefix, connector });
      await second.app.scheduler.tick();
      await second.app.scheduler.tick();
      await second.stop();

      clock.set(at('2026-11-24T08:30:40'));
      const third = await start('2026-11-24T08:30:40', { prefix, connector });
      await third.app.scheduler.tick();
      expect(digests(connector).map((entry) => entry.text)).toEqual([
        'Dagstart dinsdag 24 november: niets te melden. Halteam vandaag: niemand op dienst.',
      ]);
    } finally {
      await stopAllTestApps();
      await connector.stop();
    }
  });

  it('posts once with two instances sharing storage', async () => {
    const connector = new FakeConnector();
    await connector.start();
    try {
      const prefix = uniquePrefix();
      const one = await start('2026-11-24T08:00:00', { prefix, connector });
      const two = await start('2026-11-24T08:00:00', { prefix, connector });
      await bindChannel(one, 'dagstart', dagstartChannel);
      clock.set(at('2026-11-24T08:30:00'));
      await Promise.all([one.app.scheduler.tick(), two.app.scheduler.tick(), one.app.scheduler.tick()]);
      await Promise.all([one.app.scheduler.tick(), two.app.scheduler.tick()]);
      expect(digests(connector)).toHaveLength(1);
    } finally {
      await stopAllTestApps();
      await connector.stop();
    }
  });
});

/**
 * DAGSTART_DIGEST_TIME changed and the bot restarted (a deployment): today's digest follows the new
 * time, the job stored at the old time posts nothing, and no day gets two digests.
 */
describe('a changed DAGSTART_DIGEST_TIME', () => {
  let clock: ManualClock;
  let connector: FakeConnector;
  let prefix: string;
  let running: TestApp | undefined;

  beforeEach(async () => {
    connector = new FakeConnector();
    await connector.start();
    prefix = uniquePrefix();
    running = undefined;
  });

  afterEach(async () => {
    await stopAllTestApps();
    await connector.stop();
  });

  /** (Re)starts the bot on the same storage with this digest time, at this local time. */
  async function restart(local: string, time: string): Promise<TestApp> {
    await running?.stop();
    clock ??= new ManualClock(at(local));
    clock.set(at(local));
    running = await startTestApp({ clock, prefix, connector, env: { DAGSTART_DIGEST_TIME: time } });
    return running;
  }

  async function tickAt(local: string): Promise<number> {
    clock.set(at(local));
    await running!.app.scheduler.tick();
    return digests(connector).length;
  }

  beforeEach(() => {
    clock = undefined as unknown as ManualClock;
  });

  it('takes effect for today’s digest after a restart: later than before', async () => {
    await bindChannel(await restart('2026-11-24T07:00:00', '08:30'), 'dagstart', dagstartChannel);
    await restart('2026-11-24T07:10:00', '09:15');
    expect(await tickAt('2026-11-24T08:30:00')).toBe(0);
    expect(await tickAt('2026-11-24T09:14:59')).toBe(0);
    expect(await tickAt('2026-11-24T09:15:00')).toBe(1);
    expect(await tickAt('2026-11-25T08:30:00')).toBe(1);
    expect(await tickAt('2026-11-25T09:15:00')).toBe(2);
    expect(digests(connector).map((entry) => entry.text.split(':')[0])).toEqual([
      'Dagstart dinsdag 24 november',
      'Dagstart woensdag 25 november',
    ]);
  });

  it('takes effect for today’s digest after a restart: earlier than before', async () => {
    await bindChannel(await restart('2026-11-24T07:00:00', '09:30'), 'dagstart', dagstartChannel);
    await restart('2026-11-24T07:10:00', '08:00');
    expect(await tickAt('2026-11-24T08:00:00')).toBe(1);
    expect(await tickAt('2026-11-24T09:30:00')).toBe(1);
  });

  it('posts at once when the new time has passed and today’s digest has not gone out', async () => {
    await bindChannel(await restart('2026-11-24T07:00:00', '09:30'), 'dagstart', dagstartChannel);
    await restart('2026-11-24T08:50:00', '08:45');
    expect(await tickAt('2026-11-24T08:50:01')).toBe(1);
    expect(await tickAt('2026-11-24T09:30:00')).toBe(1);
    expect(await tickAt('2026-11-25T08:45:00')).toBe(2);
  });

  it('gives no second digest on a day that had one, whatever the new time', async () => {
    await bindChannel(await restart('2026-11-24T07:00:00', '08:30'), 'dagstart', dagstartChannel);
    expect(await tickAt('2026-11-24T08:30:00')).toBe(1);
    await restart('2026-11-24T09:00:00', '10:00');
    expect(await tickAt('2026-11-24T10:00:00')).toBe(1);
    expect(await tickAt('2026-11-25T10:00:00')).toBe(2);
  });

  it('goes back to the old time when it is changed back before the digest', async () => {
    await bindChannel(await restart('2026-11-24T07:00:00', '08:30'), 'dagstart', dagstartChannel);
    await restart('2026-11-24T07:10:00', '09:15');
    await restart('2026-11-24T07:20:00', '08:30');
    expect(await tickAt('2026-11-24T08:30:00')).toBe(1);
    expect(await tickAt('2026-11-24T09:15:00')).toBe(1);
  });

  it('after the upgrade, a job stored under the day’s old id stands down for the new plan', async () => {
    const test = await restart('2026-11-24T07:00:00', '08:30');
    await bindChannel(test, 'dagstart', dagstartChannel);
    // How the bot stored a day's digest before the time was part of its id.
    await test.app.scheduler.schedule(
      dagstartDigestJob.request('dagstart-digest-2026-11-24', at('2026-11-24T08:30:00'), { date: '2026-11-24' }),
    );
    expect(await tickAt('2026-11-24T08:30:00')).toBe(1);
    expect(await tickAt('2026-11-24T08:31:00')).toBe(1);
  });
});
