import { GraphStandIn } from '../../bot/platform/graph/graph-stand-in';
import { bindChannel, halteamChannel, startTestApp, stopAllTestApps } from '../support/test-app';

const lotte = { id: '29:lotte', aadObjectId: 'aad-lotte', name: 'Lotte Jansen' };

describe('a manager who never opened the app is reached all the same', () => {
  let graph: GraphStandIn;

  beforeEach(async () => {
    graph = new GraphStandIn([{ id: lotte.aadObjectId, displayName: lotte.name, mail: 'lotte@gemeente.example' }]);
    await graph.start();
  });
  afterEach(async () => {
    await stopAllTestApps();
    await graph.stop();
  });

  it('installs the app for them through Graph once, uses its chat, and alerts them', async () => {
    const test = await startTestApp({
      env: { GRAPH_BASE_URL: graph.baseUrl, TEAMS_APP_CATALOG_ID: 'catalog-halteam' },
    });
    await bindChannel(test, 'halteam', halteamChannel);
    // Teams opens no chat with someone the app is not installed for.
    test.connector.failNext(1, {
      status: 403,
      match: (method, path) => method === 'POST' && path === '/v3/conversations',
    });

    await test.app.messenger.sendToUser(lotte, { text: 'Plan de drie nazorggesprekken.', alert: true });
    const [installation] = graph.installations.get(lotte.aadObjectId) ?? [];
    expect(installation?.teamsAppId).toBe('catalog-halteam');
    const sent = test.connector.sent().at(-1);
    expect(sent?.conversationId).toBe(installation?.chatId);
    expect(sent?.body.channelData).toMatchObject({ notification: { alert: true } });

    // Recorded: the next message goes to the same chat without Graph or a new conversation.
    await test.app.messenger.sendToUser(lotte, { text: 'Herinnering.' });
    expect(test.connector.sent().at(-1)?.conversationId).toBe(installation?.chatId);
    expect(graph.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(test.connector.calls.filter((call) => call.path === '/v3/conversations')).toHaveLength(1);
    expect(
      (test.connector.sent().at(-1)?.body.channelData as { notification?: unknown })?.notification,
    ).toBeUndefined();
  });

  it('takes an app already installed for them (409) and finds its chat', async () => {
    const test = await startTestApp({
      env: { GRAPH_BASE_URL: graph.baseUrl, TEAMS_APP_CATALOG_ID: 'catalog-halteam' },
    });
    await bindChannel(test, 'halteam', halteamChannel);
    const installed = await fetch(`${graph.baseUrl}/users/${lotte.aadObjectId}/teamwork/installedApps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/catalog-halteam',
      }),
    });
    expect(installed.status).toBe(201);
    test.connector.failNext(1, {
      status: 404,
      match: (method, path) => method === 'POST' && path === '/v3/conversations',
    });

    await test.app.messenger.sendToUser(lotte, { text: 'Plan de drie nazorggesprekken.', alert: true });
    expect(graph.requests.some((request) => request.status === 409)).toBe(true);
    expect(test.connector.sent().at(-1)?.conversationId).toBe(graph.installations.get(lotte.aadObjectId)?.[0]?.chatId);
  });
});
