import { errorCodes, HalteamError } from '../../bot/shared/errors';
import {
  admin,
  bindChannel,
  colleague,
  halteamChannel,
  startTestApp,
  stopAllTestApps,
  type TestApp,
} from '../support/test-app';

const card = { type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text: 'Alarm' }] };

describe('proactive sending through the messenger', () => {
  let test: TestApp;

  beforeEach(async () => {
    test = await startTestApp();
    await bindChannel(test, 'halteam', halteamChannel);
  });
  afterEach(stopAllTestApps);

  it('posts a card to the bound channel, replies in its thread and updates it in place', async () => {
    const posted = await test.app.messenger.postToChannel('halteam', {
      card,
      mentions: [{ userId: colleague.id, name: colleague.name }],
    });
    expect(posted.conversationId).toBe(halteamChannel);
    const reply = await test.app.messenger.replyInThread(posted, { text: 'Nog niemand onderweg' });
    await test.app.messenger.update(posted, { card: { ...card, body: [{ type: 'TextBlock', text: 'Gesloten' }] } });

    const post = test.connector.sent().find((call) => call.conversationId === halteamChannel && call.body.attachments);
    expect(post?.body.attachments).toEqual([
      expect.objectContaining({
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: expect.objectContaining({
          msteams: { entities: [expect.objectContaining({ text: `<at>${colleague.name}</at>` })] },
        }),
      }),
    ]);
    expect(reply.conversationId).toBe(`${halteamChannel};messageid=${posted.activityId}`);
    const [update] = test.connector.updates();
    expect(update?.activityId).toBe(posted.activityId);
    expect(JSON.stringify(update?.body)).toContain('Gesloten');
  });

  it('retries 429 after Retry-After and 503, then delivers once', async () => {
    test.connector.failNext(1, { status: 429, retryAfterSeconds: 0 });
    test.connector.failNext(1, { status: 503 });
    await test.app.messenger.postToChannel('halteam', { card });
    const attempts = test.connector.calls.filter(
      (call) => call.conversationId === halteamChannel && call.method === 'POST' && call.path.endsWith('/activities'),
    );
    expect(attempts.map((call) => call.status)).toEqual([429, 503, 201]);
  });

  it.each([403, 404])(
    'surfaces a permanent failure (%i) as an error the caller can act on, without retrying',
    async (status) => {
      test.connector.failNext(1, { status });
      const failure = test.app.messenger.postToChannel('halteam', { card });
      await expect(failure).rejects.toMatchObject({ code: errorCodes.sendPermanentFailure });
      const attempts = test.connector.calls.filter(
        (call) => call.conversationId === halteamChannel && call.method === 'POST' && call.path.endsWith('/activities'),
      );
      expect(attempts).toHaveLength(1);
    },
  );

  it('gives up after repeated 5xx with a distinct code', async () => {
    test.connector.failNext(5, { status: 502 });
    await expect(test.app.messenger.postToChannel('halteam', { card })).rejects.toMatchObject({
      code: errorCodes.sendRetriesExhausted,
    });
  });

  it('refuses to post to a role that is not bound', async () => {
    const failure = test.app.messenger.postToChannel('receptie', { text: 'hallo' });
    await expect(failure).rejects.toBeInstanceOf(HalteamError);
    await expect(failure).rejects.toMatchObject({ code: errorCodes.channelNotBound });
  });

  it('keeps to 7 messages per second in one conversation', async () => {
    await Promise.all(Array.from({ length: 15 }, () => test.app.messenger.postToChannel('halteam', { card })));
    const times = test.connector
      .sent()
      .filter((call) => call.conversationId === halteamChannel && call.body.attachments)
      .map((call) => call.at)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(15);
    for (let index = 7; index < times.length; index++) {
      expect((times[index] as number) - (times[index - 7] as number)).toBeGreaterThanOrEqual(900);
    }
  });

  it('opens a new chat when Teams no longer knows the stored one', async () => {
    await test.bot.personal(colleague, 'hallo');
    test.connector.failNext(1, {
      status: 404,
      match: (method, path) => method === 'POST' && path.includes('personal-'),
    });
    await test.app.messenger.sendToUser({ id: colleague.id, name: colleague.name }, { text: 'Toch aangekomen' });
    const delivered = await test.connector.waitFor((call) => call.body.text === 'Toch aangekomen');
    expect(test.connector.calls.some((call) => call.method === 'POST' && call.path === '/v3/conversations')).toBe(true);
    expect(delivered.conversationId).not.toBe(`a:personal-${colleague.id}`);
  });

  it('messages a user in the chat they opened, and opens a chat for someone who never wrote', async () => {
    await test.bot.personal(colleague, 'hallo');
    await test.app.messenger.sendToUser({ id: colleague.id }, { text: 'Je melding is ontvangen.' });
    const toColleague = await test.connector.waitFor((call) => call.body.text === 'Je melding is ontvangen.');
    expect(toColleague.conversationId).toBe(`a:personal-${colleague.id}`);

    const newcomer = { id: '29:newcomer', name: 'Nieuwe Collega' };
    await test.app.messenger.sendToUser(newcomer, { text: 'Welkom' });
    const create = test.connector.calls.find((call) => call.method === 'POST' && call.path === '/v3/conversations');
    expect(create?.body.members).toEqual([expect.objectContaining({ id: newcomer.id })]);
    const welcome = await test.connector.waitFor((call) => call.body.text === 'Welkom');
    expect(welcome.conversationId).toMatch(/^a:personal-/);
    expect(admin.id).toBeDefined();
  });
});
