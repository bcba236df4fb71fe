import { createAftercareTable } from '../../bot/aftercare/aftercare-table';
import { createReportTable } from '../../bot/reports/report-table';
import { reportDeliveryJob } from '../../bot/reports/reports-module';
import type { ManualClock } from '../../bot/shared/clock';
import type { FakeConnector, RecordedCall } from '../support/fake-connector';
import { lotte, mohamed } from '../support/people';
import { readableText, type TestApp } from '../support/test-app';
import { lotteChat, lotteSaysHello, mohamedsReport, startWorld, type World } from './aftercare-world';

/**
 * The nazorg offer reaches the manager once per incident, however often the report's delivery job
 * runs (it repeats until every target has the report): with a connector that accepts the card without
 * an id (the Agents Playground), one that takes it but never answers, and one that refuses for a while.
 */
const report = mohamedsReport({
  number: 'AGR-2026-0011',
  draftId: 'draft-11',
  description: 'Klant schold mij uit',
});

const isOffer = (body: Record<string, unknown>) => readableText(body).includes('Nazorg na incident');
/** A POST of the offer card into Lotte's chat, for `failNext`. */
const offerPost = (method: string, path: string, body: Record<string, unknown>) =>
  method === 'POST' && path.endsWith('/activities') && decodeURIComponent(path).includes(lotteChat) && isOffer(body);

function proposalIdOf(call: RecordedCall): unknown {
  let found: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && record.title === 'Inplannen') {
        found ??= (record.data as Record<string, unknown>).proposalId;
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(call.body.attachments);
  return found;
}

describe('aftercare: one offer per incident, also when the delivery job runs again', () => {
  let clock: ManualClock;
  let test: TestApp;
  let connector: FakeConnector;
  let world: World;

  beforeEach(async () => {
    world = await startWorld();
    ({ connector, clock } = world);
    test = await world.startApp([lotte, mohamed], {
      messengerRetry: { baseDelayMs: 5, maxDelayMs: 50, attemptTimeoutMs: 300 },
    });
    await lotteSaysHello(test);
  });
  afterEach(() => world.stop());

  /**
   * Stores the report and lets its delivery job run as often as the scheduler would: no channel is
   * bound, so the Halteam's copy keeps failing and the job keeps coming back (5 attempts).
   */
  async function deliverReport() {
    await createReportTable(test.app.tables).create(report);
    await test.app.scheduler.schedule(
      reportDeliveryJob.request(`report-${report.number}-deliver`, clock.now(), { number: report.number }),
    );
    for (let round = 0; round < 6; round++) {
      await test.app.scheduler.tick();
      clock.set(new Date(clock.now().getTime() + 6 * 60_000));
    }
  }

  /** Every offer the connector took into Lotte's chat, whether or not the bot heard back. */
  const offersTaken = () => connector.sent().filter((call) => call.conversationId === lotteChat && isOffer(call.body));
  const offerAttempts = () =>
    connector.calls.filter((call) => call.conversationId === lotteChat && call.method === 'POST' && isOffer(call.body));
  const storedPlan = () => createAftercareTable(test.app.tables).get(report.number);

  async function plan(call: RecordedCall) {
    const answer = await test.bot.execute(
      { id: lotteChat, conversationType: 'personal' },
      lotte,
      '1',
      'aftercare.plan',
      {
        number: report.number,
        proposalId: proposalIdOf(call),
      },
    );
    return readableText({ attachments: [{ content: answer.body.value }] });
  }

  it('sends the offer once when the connector accepts it with 202 and no activity id', async () => {
    // The Agents Playground answers every message with text and a card this way.
    connector.failNext(20, {
      kind: 'accepted-without-id',
      match: (method, path) => method === 'POST' && decodeURIComponent(path).includes(lotteChat),
    });
    await deliverReport();
    expect(offersTaken()).toHaveLength(1);
    expect(offersTaken()[0]?.status).toBe(202);
    // The manager's copy of the report, sent the same way, also once.
    const reportCopies = connector
      .sent()
      .filter((call) => call.conversationId === lotteChat && readableText(call.body).includes(report.number));
    expect(reportCopies.filter((call) => !isOffer(call.body))).toHaveLength(1);
    expect((await storedPlan())?.offer).toEqual({ conversationId: lotteChat, activityId: '' });
    expect(await plan(offersTaken()[0] as RecordedCall)).toContain('Nazorg ingepland');
  });

  it('sends the offer once when the first attempt timed out after the connector took it', async () => {
    connector.failNext(1, { kind: 'hang', match: offerPost });
    await deliverReport();
    expect(offerAttempts()).toHaveLength(1);
    expect(offersTaken()[0]?.answer).toBe('none');
    // Recorded as offered (it may have arrived), without an id: the job does not send it again.
    expect((await storedPlan())?.offer).toEqual({ conversationId: lotteChat, activityId: '' });
    // The card that did arrive works.
    expect(await plan(offersTaken()[0] as RecordedCall)).toContain('Nazorg ingepland');
  });

  it('sends the same proposal again when an earlier run could not deliver it, so its card stays valid', async () => {
    // Five refusals: the messenger gives up (HT1202), the job's next run delivers.
    connector.failNext(5, { status: 503, match: offerPost });
    await deliverReport();
    expect(offersTaken()).toHaveLength(1);
    const proposalIds = new Set(offerAttempts().map(proposalIdOf));
    expect(offerAttempts().length).toBeGreaterThan(5);
    expect(proposalIds.size).toBe(1);
    expect((await storedPlan())?.proposalId).toBe([...proposalIds][0]);
    expect(await plan(offersTaken()[0] as RecordedCall)).toContain('Nazorg ingepland');
  });

  it('still sends fresh times when the manager asks again with "nazorg <nummer>"', async () => {
    await deliverReport();
    expect(offersTaken()).toHaveLength(1);
    const first = offersTaken()[0] as RecordedCall;
    await test.bot.personal(lotte, `nazorg ${report.number}`);
    await connector.waitFor((call) => call.conversationId === lotteChat && isOffer(call.body) && call !== first);
    expect(offersTaken()).toHaveLength(2);
    expect(proposalIdOf(offersTaken()[1] as RecordedCall)).not.toBe(proposalIdOf(first));
  });
});
