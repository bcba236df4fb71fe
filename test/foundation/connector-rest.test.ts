import { ConnectorClient, TokenCredentials } from 'botframework-connector';
import { createConnectorRest, ConnectorRestError } from '../../bot/platform/teams/connector-rest';
import { classifyConnectorError, ConnectorTimeoutError } from '../../bot/platform/teams/connector-errors';
import { FakeConnector } from '../support/fake-connector';
import { within } from '../support/waiting';

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

  const post = (options?: { timeoutMs?: number }) =>
    rest
      .send(client, connector.url, thread, { type: 'message', text: 'Alarm' }, options)
      .catch((error: unknown) => error);

  it('abandons a call the connector takes but never answers, after the time limit, as an unknown outcome', async () => {
    connector.failNext(1, { kind: 'hang' });
    const startedAt = Date.now();
    const failure = await within(post({ timeoutMs: 200 }), 3000);
    expect(failure).toBeInstanceOf(ConnectorTimeoutError);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(190);
    expect(classifyConnectorError(failure)).toEqual({ retry: true, outcomeUnknown: true });
    expect(connector.calls.at(-1)).toMatchObject({ method: 'POST', answer: 'none' });
  });

  it('classes a connection reset after the request as an unknown outcome, worth another try', async () => {
    connector.failNext(1, { kind: 'reset' });
    const failure = await post();
    // fetch (undici): TypeError('fetch failed') with the socket error as cause (from Node's realm).
    expect(failure).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect(classifyConnectorError(failure)).toEqual({ retry: true, outcomeUnknown: true });
  });

  it('classes a refused connection as never sent: safe to try again', async () => {
    await connector.stop();
    try {
      const failure = await post();
      expect((failure as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
      expect(classifyConnectorError(failure)).toEqual({ retry: true });
    } finally {
      await connector.start();
    }
    // Listening again on the same address.
    expect(await rest.send(client, connector.url, thread, { type: 'message' })).toMatch(/^\d+$/);
  });

  it.each([
    ['a reset', { code: 'ECONNRESET', syscall: 'read' }, { retry: true, outcomeUnknown: true }],
    ['undici: headers timeout', { code: 'UND_ERR_HEADERS_TIMEOUT' }, { retry: true, outcomeUnknown: true }],
    ['undici: connect timeout', { code: 'UND_ERR_CONNECT_TIMEOUT' }, { retry: true }],
    ['a connect timeout', { code: 'ETIMEDOUT', syscall: 'connect' }, { retry: true }],
    ['DNS, for now', { code: 'EAI_AGAIN', syscall: 'getaddrinfo' }, { retry: true }],
    ['an unknown host', { code: 'ENOTFOUND', syscall: 'getaddrinfo' }, { retry: true }],
    ['a certificate problem', { code: 'CERT_HAS_EXPIRED' }, { retry: false }],
  ])('classes %s wrapped by fetch', (_, cause, expected) => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('socket'), cause) });
    expect(classifyConnectorError(error)).toEqual(expected);
  });

  it('classes a connect that failed on every address (AggregateError) as never sent', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:443'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    });
    const error = new TypeError('fetch failed', { cause: new AggregateError([refused, refused]) });
    expect(classifyConnectorError(error)).toEqual({ retry: true });
  });

  it('takes a 202 without a body as sent, without an id', async () => {
    connector.failNext(1, { kind: 'accepted-without-id' });
    expect(await rest.send(client, connector.url, thread, { type: 'message', text: 'x' })).toBe('');
    expect(connector.calls.at(-1)).toMatchObject({ method: 'POST', status: 202 });
  });

  it('takes a 2xx with a body that is not JSON as sent, without an id', async () => {
    const odd = createConnectorRest(async () => new Response('Accepted', { status: 200 }));
    expect(await odd.send(client, connector.url, thread, { type: 'message' })).toBe('');
  });

  describe('when the token to sign the request cannot be had (nothing was sent)', () => {
    const clientSigningWith = (signRequest: () => Promise<unknown>) =>
      new ConnectorClient({ signRequest } as never, { baseUri: connector.url });

    it('tries again when the token service could not be reached', async () => {
      const unreachable = clientSigningWith(async () => {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
      });
      const failure = await rest
        .send(unreachable, connector.url, thread, { type: 'message' })
        .catch((error: unknown) => error);
      expect(classifyConnectorError(failure)).toEqual({ retry: true });
    });

    it('does not try again when the credentials are refused', async () => {
      const refused = clientSigningWith(async () => {
        throw new Error('AADSTS7000215: Invalid client secret provided.');
      });
      const failure = await rest
        .send(refused, connector.url, thread, { type: 'message' })
        .catch((error: unknown) => error);
      expect(classifyConnectorError(failure)).toEqual({ retry: false });
    });

    it('gives up on a token that takes too long, as never sent', async () => {
      const before = connector.calls.length;
      const slow = clientSigningWith(() => new Promise(() => undefined));
      const failure = await within(
        rest
          .send(slow, connector.url, thread, { type: 'message' }, { timeoutMs: 100 })
          .catch((error: unknown) => error),
        3000,
      );
      expect(failure).toMatchObject({ name: 'TimeoutError', requestSent: false });
      expect(classifyConnectorError(failure)).toEqual({ retry: true });
      expect(connector.calls.length).toBe(before);
    });
  });
});
