import { addButton } from '../../bot/alarms/button-admin';
import { createAlarmTable } from '../../bot/alarms/alarm-table';
import type { RecordedCall } from '../support/fake-connector';
import { lotte, mohamed } from '../support/people';
import {
  admin,
  halteamChannel,
  readableText,
  startTestApp,
  startWithChannels,
  stopAllTestApps,
  tenantId,
  type TestApp,
} from '../support/test-app';

/**
 * The real application (HTTP server, CloudAdapter, Table Storage in Azurite) with the in-process Bot
 * Connector: an alarm is closed on its card, the closer gets the offer, clicks "Melding starten", goes
 * through the conversation, and the Halteam channel and the manager get the report.
 */
const sanne = { ...admin };

function submitData(call: RecordedCall, title: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Submit' && record.title === title) found.push(record.data as Record<string, unknown>);
      Object.values(record).forEach(walk);
    }
  };
  walk(call.body.attachments);
  if (!found[0]) throw new Error(`no button "${title}" in: ${readableText(call.body)}`);
  return found[0];
}

describe('an incident report through the running bot', () => {
  let test: TestApp;
  afterEach(stopAllTestApps);

  async function turn(conversationId: string, from: typeof mohamed, content: { text?: string; value?: unknown }) {
    const before = test.connector.sent().length;
    const response = await test.bot.send({
      type: 'message',
      from,
      conversation: { id: conversationId, conversationType: 'personal', tenantId },
      ...content,
    });
    expect(response.status).toBeLessThan(300);
    return test.connector
      .sent()
      .slice(before)
      .filter((call) => call.conversationId === conversationId);
  }

  it('offers the report on a closed alarm card, prefilled, and delivers it to the Halteam and the manager', async () => {
    test = await startWithChannels(['halteam'], { members: [sanne, mohamed, lotte] });
    const store = createAlarmTable(test.app.tables);
    await addButton(
      { id: 'nbg24', kind: 'paniekknop', location: 'Spreekkamer NBG24, naast de loketten', authMode: 'token' },
      { store, clock: test.app.clock },
    );
    const pressedAt = new Date(Date.now() - 10 * 60_000);
    const press = await store.recordPress({
      buttonId: 'nbg24',
      webhookId: 'hook-1',
      exercise: false,
      pressedAt,
      receivedAt: pressedAt,
      newAlarmId: 'alarm-1',
      deliveryLeaseUntil: new Date(Date.now() + 60_000),
    });
    expect(press.kind).toBe('created');

    const closed = await test.bot.execute(
      { id: halteamChannel, conversationType: 'channel' },
      mohamed,
      'card-1',
      'alarm.close',
      { buttonId: 'nbg24', alarmId: 'alarm-1', outcome: 'vertrokken' },
    );
    expect(closed.body.statusCode).toBe(200);
    const offer = await test.connector.waitFor((call) => readableText(call.body).includes('Melding starten'));
    expect(readableText(offer.body)).toContain('meldingsformulier');
    expect(readableText(offer.body)).toContain('Spreekkamer NBG24, naast de loketten');
    const chat = offer.conversationId as string;

    let replies = await turn(chat, mohamed, { value: submitData(offer, 'Melding starten') });
    expect(readableText(replies.at(-1)!.body)).toContain('Tijd en plaats van het alarm staan er al in');
    for (const text of [
      '2',
      'sanne',
      '1',
      'fysiek geweld',
      'ja',
      'De bezoeker duwde mijn collega tegen de muur en schreeuwde.',
      'nee',
      'nee',
      'nee',
      'nee',
      'onbekend',
      'niemand',
      'lotte',
      '1',
      'nee',
    ]) {
      replies = await turn(chat, mohamed, { text });
    }
    const summary = replies.at(-1)!;
    expect(readableText(summary.body)).toContain('Klopt alles?');
    expect(readableText(summary.body)).toContain('Sanne de Vries');
    replies = await turn(chat, mohamed, { value: submitData(summary, 'Versturen') });
    expect(readableText(replies.at(-1)!.body)).toContain('verstuurd als **AGR-');
    await test.app.reports.idle();

    const halteamCard = await test.connector.waitFor(
      (call) => call.conversationId === halteamChannel && readableText(call.body).includes('Melding agressie AGR-'),
    );
    expect(readableText(halteamCard.body)).toContain('Sanne de Vries');
    expect(readableText(halteamCard.body)).toContain('Mohamed El Amrani');
    const opened = test.connector.calls.find(
      (call) => call.path === '/v3/conversations' && JSON.stringify(call.body).includes(lotte.id),
    );
    expect(opened).toBeDefined();
    const managerDm = await test.connector.waitFor((call) => readableText(call.body).includes('Advies maatregel'));
    expect(managerDm.conversationId).not.toBe(chat);
    expect(readableText(managerDm.body)).toContain('Aangifte: nodig');
    expect(readableText(managerDm.body)).toContain('Geen contact met de gemeente voor 12 maanden');
  });

  it('lists melden in help in the personal chat, and refuses it in a channel', async () => {
    test = await startTestApp();
    await test.bot.personal(sanne, 'help');
    const help = await test.connector.waitFor((call) => readableText(call.body).includes('Laat zien wat de bot kan.'));
    expect(readableText(help.body)).toContain('Een incident van agressie melden');
    await test.bot.channel(halteamChannel, sanne, 'melden');
    await test.connector.waitFor((call) => readableText(call.body).includes('"melden" werkt in een persoonlijke chat'));
  });
});
