import type { RecordedCall } from '../support/fake-connector';
import { bindChannel, halteamChannel, startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';

/**
 * The messenger under Teams-like pacing (3 messages per second in the channel, so the test is short):
 * a new alarm card goes ahead of waiting card refreshes, and refreshes of a card that are still
 * waiting are merged into one update carrying the newest content.
 */
const cardSaying = (text: string) => ({
  type: 'AdaptiveCard' as const,
  version: '1.5',
  body: [{ type: 'TextBlock', text }],
});
const textOf = (call: RecordedCall | undefined) => JSON.stringify(call?.body.attachments ?? []);
const perWindow = { count: 3, windowMs: 1000 };

describe('paced sending: urgent first, card updates merged', () => {
  let test: TestApp;

  beforeEach(async () => {
    test = await startTestApp({ messengerPacing: [perWindow] });
    await bindChannel(test, 'halteam', halteamChannel);
  });
  afterEach(stopAllTestApps);

  const toChannel = () =>
    test.connector.calls.filter(
      (call) =>
        (call.conversationId ?? '').startsWith(halteamChannel) &&
        (call.method === 'PUT' || (call.method === 'POST' && call.path.endsWith('/activities'))),
    );

  it('sends a new alarm before 60 queued updates of 3 cards, and merges those into a few PUTs per card', async () => {
    const cards = await Promise.all(
      ['A', 'B', 'C'].map((name) => test.app.messenger.postToChannel('halteam', { card: cardSaying(`Alarm ${name}`) })),
    );
    const before = toChannel().length;

    // 4 buttons pressed 30 times in 20 s: "Ik kom eraan" refreshes, 20 per card, while the window is full.
    const updates: Promise<void>[] = [];
    for (let round = 1; round <= 20; round++) {
      cards.forEach((posted, index) =>
        updates.push(
          test.app.messenger.update(posted, { card: cardSaying(`Alarm ${'ABC'[index]}: ${round} onderweg`) }),
        ),
      );
    }
    const alarm = test.app.messenger.postToChannel('halteam', { card: cardSaying('Nieuw alarm D'), urgent: true });
    const [posted] = await Promise.all([alarm, ...updates]);

    const after = toChannel().slice(before);
    // The new alarm is the first thing the channel gets once the window has room again.
    expect(after[0]).toMatchObject({ method: 'POST' });
    expect(textOf(after[0])).toContain('Nieuw alarm D');
    expect(posted.activityId).toBe(after[0]?.body.id);

    const puts = after.filter((call) => call.method === 'PUT');
    cards.forEach((card, index) => {
      const ofCard = puts.filter((call) => call.activityId === card.activityId);
      expect(ofCard.length).toBeGreaterThanOrEqual(1);
      expect(ofCard.length).toBeLessThanOrEqual(3);
      expect(textOf(ofCard.at(-1))).toContain(`Alarm ${'ABC'[index]}: 20 onderweg`);
    });
    expect(puts.length).toBeLessThanOrEqual(9);

    // Still within the limit: never more than 3 in any second (a little slack for delivery jitter).
    const times = toChannel().map((call) => call.at);
    for (const start of times) {
      expect(
        times.filter((time) => time >= start && time < start + perWindow.windowMs - 50).length,
      ).toBeLessThanOrEqual(perWindow.count);
    }
  });

  it('keeps updates of one card in order: a newer one never lands before an older one', async () => {
    const card = await test.app.messenger.postToChannel('halteam', { card: cardSaying('Alarm') });
    const first = test.app.messenger.update(card, { card: cardSaying('1 onderweg') });
    // Wait until the first update is under way, then two more: they merge, and land after it.
    await test.connector.waitFor((call) => call.method === 'PUT', 5000);
    const second = test.app.messenger.update(card, { card: cardSaying('2 onderweg') });
    const third = test.app.messenger.update(card, { card: cardSaying('Afgehandeld') });
    await Promise.all([first, second, third]);
    const puts = test.connector.updates().filter((call) => call.activityId === card.activityId);
    expect(puts.map((call) => textOf(call).match(/"text":"([^"]+)"/)?.[1])).toEqual(['1 onderweg', 'Afgehandeld']);
  });

  it('merges only updates of the same card', async () => {
    const [one, two] = await Promise.all([
      test.app.messenger.postToChannel('halteam', { card: cardSaying('Een') }),
      test.app.messenger.postToChannel('halteam', { card: cardSaying('Twee') }),
    ]);
    await Promise.all([
      test.app.messenger.update(one, { card: cardSaying('Een bijgewerkt') }),
      test.app.messenger.update(two, { card: cardSaying('Twee bijgewerkt') }),
    ]);
    const puts = test.connector.updates();
    expect(puts.find((call) => call.activityId === one.activityId)).toBeDefined();
    expect(textOf(puts.find((call) => call.activityId === one.activityId))).toContain('Een bijgewerkt');
    expect(textOf(puts.find((call) => call.activityId === two.activityId))).toContain('Twee bijgewerkt');
  });
});
