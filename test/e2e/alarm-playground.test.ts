import { press, registerButton } from '../support/buttons';
import { PlaygroundHarness, textOf, type PlaygroundMessage } from '../support/playground-harness';

const isAlarmCard = (frame: PlaygroundMessage) =>
  JSON.stringify(frame.message.attachments ?? []).includes('alarm.respond');

describe('an alarm end to end in the Agents Playground', () => {
  const harness = new PlaygroundHarness();

  beforeAll(() => harness.start(), 60_000);
  afterAll(() => harness.stop());

  it('press → card in the Halteam channel → two colleagues acknowledge → closed', async () => {
    const sanne = harness.user(0);
    await harness.bind(harness.halteamChannel, sanne, 'halteam', 'Halteam-kanaal');

    const button = await registerButton(harness.bot, 'nbg24', {
      kind: 'paniekknop',
      location: 'Spreekkamer NBG24, naast de loketten',
    });
    expect((await press(harness.bot, button)).status).toBe(202);

    const card = await harness.waitFor((frame) => frame.action === 'createMessage' && isAlarmCard(frame));
    expect(card.actionConversationId).toBe(harness.halteamChannel);
    expect(textOf(card)).toContain('Spreekkamer NBG24, naast de loketten');
    expect(textOf(card)).toContain('Nog 2 nodig.');

    const thread = card.message.postConversationId ?? card.actionConversationId;
    const data =
      (card.message.attachments?.[0]?.content.actions as { verb?: string; data?: Record<string, unknown> }[])[0]
        ?.data ?? {};
    const mohamed = harness.user(1);
    const lotte = harness.user(2);
    await harness.client.execute(thread, mohamed, card.message.messageId, 'alarm.respond', data);
    await harness.client.execute(thread, mohamed, card.message.messageId, 'alarm.respond', data);
    await harness.client.execute(thread, lotte, card.message.messageId, 'alarm.respond', data);
    const twoComing = await harness.waitFor(
      (frame) =>
        frame.action === 'updateMessage' &&
        frame.message.messageId === card.message.messageId &&
        (textOf(frame).match(/komt eraan sinds/g) ?? []).length === 2,
    );
    expect(textOf(twoComing)).toContain(mohamed.name);
    expect(textOf(twoComing)).toContain(lotte.name);
    expect(textOf(twoComing)).toContain('Open: genoeg mensen onderweg');

    await harness.client.execute(thread, lotte, card.message.messageId, 'alarm.close', {
      ...data,
      outcome: 'politie-ter-plaatse',
    });
    const closed = await harness.waitFor(
      (frame) =>
        frame.action === 'updateMessage' &&
        frame.message.messageId === card.message.messageId &&
        textOf(frame).includes('Tijdlijn'),
    );
    expect(textOf(closed)).toContain('Afgehandeld: Politie ter plaatse');
    expect(textOf(closed)).toContain(`Afgehandeld door ${lotte.name}`);
    expect(JSON.stringify(closed.message.attachments)).not.toContain('alarm.respond');
  });
});

describe('an alarm nobody answers, end to end in the Agents Playground', () => {
  const harness = new PlaygroundHarness();

  beforeAll(
    () =>
      harness.start({
        ALARM_FIRST_ESCALATION_SECONDS: '1',
        ALARM_SECOND_ESCALATION_SECONDS: '1',
        RECEPTION_MEMBERS: harness.tenant.users[3]?.aadObjectId ?? '',
      }),
    60_000,
  );
  afterAll(() => harness.stop());

  it('the second escalation @mentions reception and the Halteam; after "Afgehandeld" the reception post says so', async () => {
    const sanne = harness.user(0);
    await harness.bind(harness.halteamChannel, sanne, 'halteam', 'Halteam-kanaal');
    await harness.bind(harness.generalChannel, sanne, 'receptie', 'receptie');

    const button = await registerButton(harness.bot, 'nbg24', { kind: 'paniekknop', location: 'Spreekkamer NBG24' });
    expect((await press(harness.bot, button)).status).toBe(202);
    const card = await harness.waitFor((frame) => frame.action === 'createMessage' && isAlarmCard(frame));

    const reception = await harness.waitFor(
      (frame) =>
        frame.action === 'createMessage' &&
        frame.actionConversationId.startsWith(harness.generalChannel) &&
        textOf(frame).includes('Alarm zonder genoeg hulp'),
      15_000,
    );
    const receptionist = harness.user(4);
    expect(textOf(reception)).toContain(`<at>${receptionist.name}</at>`);
    expect(textOf(reception)).toContain(`<at>${harness.user(1).name}</at>`);
    expect(reception.message.mentions?.length).toBeGreaterThanOrEqual(2);
    expect(textOf(reception)).not.toContain('receptiekanaal');

    const thread = card.message.postConversationId ?? card.actionConversationId;
    const data =
      (card.message.attachments?.[0]?.content.actions as { verb?: string; data?: Record<string, unknown> }[])[0]
        ?.data ?? {};
    await harness.client.execute(thread, harness.user(2), card.message.messageId, 'alarm.close', {
      ...data,
      outcome: 'vertrokken',
    });
    const closed = await harness.waitFor(
      (frame) =>
        frame.action === 'updateMessage' &&
        frame.message.messageId === reception.message.messageId &&
        textOf(frame).includes('Afgehandeld om'),
    );
    expect(textOf(closed)).toContain(`door ${harness.user(2).name}`);
  });
});
