import { errorCodes, HalteamError } from '../../bot/shared/errors';
import { within } from '../support/waiting';
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

describe('the messenger when the connector fails the way the real one does', () => {
  let test: TestApp;
  /** While true, the retry's wait starts the stand-in again (it was down for the first attempt). */
  let restartOnRetry = false;
  const toChannel =
    (method = 'POST') =>
    (call: { method: string; conversationId?: string; path: string }) =>
      call.method === method && call.conversationId === halteamChannel && call.path.endsWith('/activities');
  const posts = () => test.connector.calls.filter(toChannel());
  const colleagueChat = `a:personal-${colleague.id}`;

  beforeEach(async () => {
    restartOnRetry = false;
    test = await startTestApp({
      messengerRetry: {
        baseDelayMs: 5,
        maxDelayMs: 50,
        attemptTimeoutMs: 300,
        sleep: async (ms) => {
          if (restartOnRetry) {
            restartOnRetry = false;
            await test.connector.start();
          }
          await new Promise((resolve) => setTimeout(resolve, ms));
        },
      },
    });
    await bindChannel(test, 'halteam', halteamChannel);
  });
  afterEach(stopAllTestApps);

  it('tries again when Teams refuses the connection (never sent), and delivers once', async () => {
    await test.connector.stop();
    restartOnRetry = true;
    const posted = await within(test.app.messenger.postToChannel('halteam', { text: 'Dagstart om 08:30' }), 5000);
    expect(restartOnRetry).toBe(false);
    expect(posts()).toHaveLength(1);
    expect(posted.activityId).toBe(posts()[0]?.body.id);
  });

  it('does not send a message again when its attempt timed out after Teams took it (HT1205)', async () => {
    test.connector.failNext(1, {
      kind: 'hang',
      match: (method, path) => method === 'POST' && path.includes('/activities'),
    });
    const failure = within(test.app.messenger.postToChannel('halteam', { card }), 5000);
    await expect(failure).rejects.toMatchObject({
      code: errorCodes.sendOutcomeUnknown,
      details: expect.objectContaining({ outcomeUnknown: true }),
    });
    expect(posts()).toHaveLength(1);
  });

  it('sends an urgent alarm card again when its attempt timed out: a lost alarm is worse than two', async () => {
    test.connector.failNext(1, {
      kind: 'hang',
      match: (method, path) => method === 'POST' && path.includes('/activities'),
    });
    const posted = await within(test.app.messenger.postToChannel('halteam', { card, urgent: true }), 5000);
    expect(posts().map((call) => call.answer ?? 'answered')).toEqual(['none', 'answered']);
    expect(posted.activityId).toBe(posts()[1]?.body.id);
  });

  it('does not send a chat message again when the connection is reset after sending (HT1205)', async () => {
    await test.bot.personal(colleague, 'hallo');
    test.connector.failNext(1, {
      kind: 'reset',
      match: (method, path) => method === 'POST' && path.includes('personal-'),
    });
    const failure = test.app.messenger.sendToUser({ id: colleague.id }, { text: 'Je melding is ontvangen.' });
    await expect(failure).rejects.toMatchObject({ code: errorCodes.sendOutcomeUnknown });
    const delivered = test.connector.sent().filter((call) => call.body.text === 'Je melding is ontvangen.');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.conversationId).toBe(colleagueChat);
  });

  it('updates a card again when the connection was reset (the same PUT twice does no harm)', async () => {
    const posted = await test.app.messenger.postToChannel('halteam', { card });
    test.connector.failNext(1, { kind: 'reset', match: (method) => method === 'PUT' });
    const closed = { ...card, body: [{ type: 'TextBlock', text: 'Gesloten' }] };
    await within(test.app.messenger.update(posted, { card: closed }), 5000);
    expect(test.connector.updates().map((call) => call.answer ?? 'answered')).toEqual(['reset', 'answered']);
  });

  it('reads the team again when Teams does not answer in time', async () => {
    test.connector.members.set(colleague.id, { id: colleague.id, name: colleague.name });
    test.connector.failNext(1, { kind: 'hang', match: (method, path) => path.includes('/pagedmembers') });
    const members = await within(test.app.messenger.channelMembers('halteam'), 5000);
    expect(members).toEqual([expect.objectContaining({ id: colleague.id })]);
  });

  it('opens a chat again when Teams does not answer in time (it gives the same chat)', async () => {
    test.connector.failNext(1, {
      kind: 'hang',
      match: (method, path) => method === 'POST' && path === '/v3/conversations',
    });
    const newcomer = { id: '29:newcomer', name: 'Nieuwe Collega' };
    await within(test.app.messenger.sendToUser(newcomer, { text: 'Welkom' }), 5000);
    expect(test.connector.sent().filter((call) => call.body.text === 'Welkom')).toHaveLength(1);
  });

  it('takes 202 without an activity id as sent: one message, no error, activityId ""', async () => {
    await test.bot.personal(colleague, 'hallo');
    // The Agents Playground answers a message with text and a card this way.
    test.connector.failNext(5, {
      kind: 'accepted-without-id',
      match: (method, path) => method === 'POST' && path.includes('personal-'),
    });
    const posted = await test.app.messenger.sendToUser({ id: colleague.id }, { text: 'Nazorg', card });
    expect(posted).toEqual({ conversationId: colleagueChat, activityId: '' });
    expect(
      test.connector.calls.filter(
        (call) => call.conversationId === colleagueChat && call.method === 'POST' && call.path.endsWith('/activities'),
      ),
    ).toHaveLength(1);
  });

  it('refuses to update a message without an activity id, without asking Teams', async () => {
    const failure = test.app.messenger.update({ conversationId: halteamChannel, activityId: '' }, { card });
    await expect(failure).rejects.toMatchObject({ code: errorCodes.sendPermanentFailure });
    expect(test.connector.calls.filter((call) => call.method === 'PUT')).toHaveLength(0);
  });

  it('answers a message without an activity id in its conversation, as there is no thread', async () => {
    const reply = await test.app.messenger.replyInThread(
      { conversationId: halteamChannel, activityId: '' },
      { text: 'Nog niemand onderweg' },
    );
    expect(reply.conversationId).toBe(halteamChannel);
    expect(posts().at(-1)?.body.text).toBe('Nog niemand onderweg');
  });
});
