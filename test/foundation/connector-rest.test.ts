import { ConnectorClient, TokenCredentials } from 'botframework-connector';
import { createConnectorRest, ConnectorRestError } from '../../bot/platform/teams/connector-rest';
import { classifyConnectorError } from '../../bot/platform/teams/connector-errors';
import { FakeConnector } from '../support/fake-connector';

describe('sending and updating activities through the Bot Connector REST API', () => {
  const connector = new FakeConnector();
  let client: ConnectorClient;
  const rest = createConnectorRest();
  const thread = '19:halteam@thread.tacv2;messageid=1700000000000';

  beforeAll(async () => {
    await connector.start();
    // The SDK's own client and credentials, as the adapter hands them out when an app id is configured.
    client = new ConnectorClient(new TokenCredentials('token-from-msal'), { baseUri: connector.url });
  });
  afterAll(() => connector.stop());

  it('posts to the conversation (a thread reply too) signed with the SDK credentials, and returns the new id', async () => {
    const id = await rest.send(client, `${connector.url}/`, thread, { type: 'message', text: 'Ik kom eraan' });
    const call = connector.calls.at(-1);
    expect(call).toMatchObject({
      method: 'POST',
      conversationId: thread,
      authorization: 'Bearer token-from-msal',
      body: { type: 'message', text: 'Ik kom eraan' },
    });
    expect(id).toBe(call?.body.id);
  });

  it('updates an activity in place', async () => {
    await rest.update(client, connector.url, '19:halteam@thread.tacv2', '1017', {
      type: 'message',
      text: 'bijgewerkt',
    });
    expect(connector.calls.at(-1)).toMatchObject({ method: 'PUT', activityId: '1017', body: { text: 'bijgewerkt' } });
  });

  it('keeps the path of a regional service URL', async () => {
    const urls: string[] = [];
    const recording = createConnectorRest(async (url) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ id: '1' }), { status: 201 });
    });
    await recording.send(client, 'https://smba.trafficmanager.net/emea/', 'a:1;x', { type: 'message' });
    expect(urls).toEqual(['https://smba.trafficmanager.net/emea/v3/conversations/a%3A1%3Bx/activities']);
  });

  it('reports a throttled call with its Retry-After, and a refused one as final', async () => {
    connector.failNext(1, { status: 429, retryAfterSeconds: 2 });
    const throttled = await rest
      .send(client, connector.url, thread, { type: 'message' })
      .catch((error: unknown) => error);
    expect(throttled).toBeInstanceOf(ConnectorRestError);
    expect(classifyConnectorError(throttled)).toEqual({ retry: true, afterMs: 2000 });

    connector.failNext(1, { status: 403 });
    const refused = await rest
      .send(client, connector.url, thread, { type: 'message' })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ statusCode: 403 });
    expect(classifyConnectorError(refused)).toEqual({ retry: false });
  });
});
