import { createGraphActivityFeed } from '../../bot/platform/graph/activity-feed';
import { createGraphClient } from '../../bot/platform/graph/graph-client';
import { GraphStandIn } from '../../bot/platform/graph/graph-stand-in';
import { errorCodes, isHalteamError } from '../../bot/shared/errors';

const notice = (recipients: string[]) => ({
  webUrl: 'https://teams.microsoft.com/l/message/19%3Ahalteam/1',
  topic: 'Alarm',
  activityType: 'alarmRaised',
  previewText: 'Paniekknop bij de balie.',
  templateParameters: { locatie: 'Balie 1' },
  recipients,
});

describe('activity-feed pushes through Graph', () => {
  const graph = new GraphStandIn();
  beforeAll(() => graph.start());
  afterAll(() => graph.stop());

  function feed(attempts = 3) {
    const client = createGraphClient(
      {
        GRAPH_BASE_URL: graph.baseUrl,
        GRAPH_TENANT_ID: undefined,
        GRAPH_CLIENT_ID: undefined,
        GRAPH_CLIENT_SECRET: undefined,
      },
      { timeoutMs: 2_000 },
    );
    if (!client) throw new Error('the stand-in is a Graph');
    return createGraphActivityFeed(client, { attempts, sleep: () => Promise.resolve() });
  }

  it('sends at most 100 recipients per call and reports each accepted batch', async () => {
    const people = Array.from({ length: 250 }, (_unused, index) => `aad-${index}`);
    const batches: number[] = [];
    const before = graph.notifications.length;
    await feed().notify(notice(people), async (batch) => {
      batches.push(batch.length);
    });
    expect(batches).toEqual([100, 100, 50]);
    const sent = graph.notifications.slice(before);
    expect(sent.flatMap((notification) => notification.recipients)).toEqual(people);
    expect(sent[0]).toMatchObject({ activityType: 'alarmRaised', templateParameters: { locatie: 'Balie 1' } });
  });

  it('gives up after its attempts with a HalteamError, and does not retry a refusal (403)', async () => {
    graph.fail({ status: 503, path: /sendActivityNotification/ }, 3);
    const failed = await feed(3)
      .notify(notice(['aad-1']))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isHalteamError(failed, errorCodes.graphFailure)).toBe(true);
    const before = graph.requests.length;
    graph.fail({ status: 403, path: /sendActivityNotification/ });
    await expect(feed(3).notify(notice(['aad-1']))).rejects.toThrow(/403/);
    expect(graph.requests.length - before).toBe(1);
  });
});
