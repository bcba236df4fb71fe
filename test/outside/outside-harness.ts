import { ManualClock } from '../../bot/shared/clock';
import { alarmCards } from '../support/buttons';
import { FakeConnector, type RecordedCall } from '../support/fake-connector';
import { bindChannel, halteamChannel, readableText, startTestApp, type TestApp } from '../support/test-app';

/** Amsterdam local time (CET, +01:00). */
export const at = (local: string) => new Date(`${local}+01:00`);

export const anna = { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna de Boer' };
/** Anna's manager, found in the directory (the Halteam team's members) by name. */
export const pieter = { id: '29:pieter', aadObjectId: 'aad-pieter', name: 'Pieter Bakker' };
export const mohamed = { id: '29:mohamed', aadObjectId: 'aad-mohamed', name: 'Mohamed El Amrani' };
export const lotte = { id: '29:lotte', aadObjectId: 'aad-lotte', name: 'Lotte Jansen' };

export interface World {
  teams: FakeConnector;
  clock: ManualClock;
  prefix?: string;
}

export async function newWorld(now: string): Promise<World> {
  const teams = new FakeConnector();
  await teams.start();
  for (const member of [mohamed, lotte, pieter]) teams.members.set(member.id, member);
  return { teams, clock: new ManualClock(at(now)) };
}

/** The bot on the shared Teams and storage of `world` (a second call is a restart or a second instance). */
export async function startBot(world: World, instanceId?: string, env: Record<string, string> = {}): Promise<TestApp> {
  const test = await startTestApp({
    clock: world.clock,
    connector: world.teams,
    prefix: world.prefix,
    instanceId,
    env: { HOME_VISIT_GRACE_MINUTES: '10', ...env },
  });
  if (!world.prefix) {
    world.prefix = test.prefix;
    await bindChannel(test, 'halteam', halteamChannel);
  }
  return test;
}

/** Everything sent to a person in their personal chat (a chat they opened, or one the bot opened). */
export function messagesTo(test: TestApp, person: { id: string }): string[] {
  const conversations = new Set([`a:personal-${person.id}`]);
  for (const call of test.connector.calls) {
    const members = JSON.stringify(call.body.members ?? []);
    if (
      call.method === 'POST' &&
      call.path === '/v3/conversations' &&
      !call.body.isGroup &&
      members.includes(person.id)
    ) {
      conversations.add(String(call.body.id));
    }
  }
  return test.connector
    .sent()
    .filter((call) => conversations.has(call.conversationId ?? ''))
    .map((call) => readableText(call.body));
}

export function cardsIn(test: TestApp, channel: string): RecordedCall[] {
  return alarmCards(test).filter((call) => (call.conversationId ?? '').startsWith(channel));
}

/** Sends a personal message and returns what the bot answered in that chat. */
export async function say(test: TestApp, who: typeof anna, text: string): Promise<string> {
  const before = messagesTo(test, who).length;
  const response = await test.bot.personal(who, text);
  if (response.status >= 300) throw new Error(`message refused with ${response.status}`);
  return messagesTo(test, who).slice(before).join('\n');
}

/** Clicks a card button in the personal chat; returns the refreshed card's text (or the message). */
export async function click(
  test: TestApp,
  who: typeof anna,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ status: number; text: string; card: Record<string, unknown> }> {
  const { status, body } = await test.bot.execute(
    { id: `a:personal-${who.id}`, conversationType: 'personal' },
    who,
    `card-${verb}`,
    verb,
    data,
  );
  const value = body.value as Record<string, unknown> | string;
  const card = typeof value === 'object' ? value : {};
  return { status, text: typeof value === 'string' ? value : readableText({ attachments: [value] }), card };
}

/** The check-out card filled in and sent: Dorpsstraat 1 in Wognum, back at `until`, all risks "nee". */
export async function checkOutByCard(
  test: TestApp,
  who: typeof anna,
  until: string,
  extra: Record<string, unknown> = {},
): Promise<{ visitId: string; text: string }> {
  const result = await click(test, who, 'huisbezoek.start', {
    place: 'Dorpsstraat 1, Wognum',
    district: '',
    until,
    companion: '',
    phone: '06 1234 5678',
    manager: 'Pieter Bakker',
    'risk-bekend': 'nee',
    'risk-alleen': 'nee',
    ...extra,
  });
  const visitId = /"visitId":"([^"]+)"/.exec(JSON.stringify(result.card))?.[1];
  if (!visitId) throw new Error(`no visit on the card: ${result.text}`);
  return { visitId, text: result.text };
}
