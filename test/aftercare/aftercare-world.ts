import { DateTime } from 'luxon';
import { GraphStandIn } from '../../bot/platform/graph/graph-stand-in';
import type { IncidentReport } from '../../bot/reports/report-model';
import { chatReport } from '../support/chat-report';
import { ManualClock } from '../../bot/shared/clock';
import { FakeConnector } from '../support/fake-connector';
import { lotte, mohamed } from '../support/people';
import { startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';

/** Amsterdam local time, written 'yyyy-MM-dd HH:mm'. */
export const at = (local: string) =>
  DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone: 'Europe/Amsterdam' }).toJSDate();

/** Lotte's personal chat with the bot, where the aftercare offer goes. */
export const lotteChat = `a:personal-${lotte.id}`;

/** Mohamed's report of 17 November 2026 at the Balie Noord 1, with Lotte as his manager. */
export function mohamedsReport(
  fields: Pick<IncidentReport, 'number' | 'draftId' | 'description'> & Partial<IncidentReport>,
) {
  return chatReport({
    submittedAt: '2026-11-17T14:30:00.000Z',
    reporter: mohamed,
    occurredAt: at('2026-11-17 14:00').toISOString(),
    place: { kind: 'location', name: 'Balie Noord 1' },
    manager: lotte,
    ...fields,
  });
}

/** Lotte has talked with the bot before, so it can write to her. */
export async function lotteSaysHello(test: TestApp): Promise<void> {
  await test.bot.personal(lotte, 'help');
  await test.connector.waitFor((call) => call.conversationId === lotteChat);
}

type AppOptions = Omit<NonNullable<Parameters<typeof startTestApp>[0]>, 'clock' | 'connector'>;

export interface World {
  connector: FakeConnector;
  graph: GraphStandIn;
  /** Starts at 17 November 2026, 15:00, shortly after Mohamed's report. */
  clock: ManualClock;
  /** Starts the app against this Teams, Outlook and clock, with `members` in the Teams roster. */
  startApp(members: (typeof lotte)[], options?: AppOptions): Promise<TestApp>;
  /** Stops every app the test started, then Teams and Outlook. */
  stop(): Promise<void>;
}

/**
 * The aftercare world: Teams (the in-process Bot Connector), Outlook (the Graph stand-in with Lotte's
 * and Mohamed's calendars) and a manual clock.
 */
export async function startWorld(): Promise<World> {
  const connector = new FakeConnector();
  await connector.start();
  const graph = new GraphStandIn([
    { id: 'aad-lotte', displayName: 'Lotte Jansen', mail: 'lotte.jansen@gemeente.example' },
    { id: 'aad-mohamed', displayName: 'Mohamed El Amrani', mail: 'mohamed.elamrani@gemeente.example' },
  ]);
  await graph.start();
  const clock = new ManualClock(at('2026-11-17 15:00'));
  return {
    connector,
    graph,
    clock,
    async startApp(members, options = {}) {
      const test = await startTestApp({ ...options, clock, connector, env: { GRAPH_BASE_URL: graph.baseUrl } });
      for (const person of members) connector.members.set(person.id, person);
      return test;
    },
    async stop() {
      await stopAllTestApps();
      await connector.stop();
      await graph.stop();
    },
  };
}
