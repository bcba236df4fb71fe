import { FakeConnector } from '../support/fake-connector';
import {
  admin,
  bindChannel,
  colleague,
  dagstartChannel,
  halteamChannel,
  readableText,
  startTestApp,
  stopAllTestApps,
} from '../support/test-app';

describe('binding channels with koppel', () => {
  afterEach(stopAllTestApps);

  it('binds the Halteam channel for an admin, and the binding survives a restart', async () => {
    const teams = new FakeConnector();
    await teams.start();
    const first = await startTestApp({ connector: teams });
    await bindChannel(first, 'halteam', halteamChannel);
    const confirmation = first.connector.sent().find((call) => readableText(call.body).includes('Halteam-kanaal'));
    expect(confirmation?.conversationId).toBe(`${halteamChannel}`);
    await first.stop();

    const restarted = await startTestApp({ prefix: first.prefix, connector: teams });
    await restarted.app.messenger.postToChannel('halteam', { text: 'Na herstart' });
    const post = await restarted.connector.waitFor((call) => call.body.text === 'Na herstart');
    expect(post.conversationId).toBe(halteamChannel);
    await restarted.stop();
    await teams.stop();
  });

  it('binds to the channel, not to the thread the command was typed in', async () => {
    const test = await startTestApp();
    await test.bot.channel(dagstartChannel, admin, 'koppel dagstart', '1700000000000');
    await test.connector.waitFor((call) => readableText(call.body).includes('dagstart-kanaal'));
    await test.app.messenger.postToChannel('dagstart', { text: 'Dagstart' });
    const post = await test.connector.waitFor((call) => call.body.text === 'Dagstart');
    expect(post.conversationId).toBe(dagstartChannel);
    await test.stop();
  });

  it.each([
    ['a colleague who is no admin', colleague, halteamChannel, 'koppel halteam', 'alleen beheerders'],
    ['an unknown role', admin, halteamChannel, 'koppel kantine', 'Welk soort kanaal'],
  ])('refuses %s politely and binds nothing', async (_name, who, channel, text, answer) => {
    const test = await startTestApp();
    await test.bot.channel(channel, who, text);
    const reply = await test.connector.waitFor((call) => readableText(call.body).includes(answer));
    expect(reply.conversationId).toContain(channel);
    await expect(test.app.messenger.postToChannel('halteam', { text: 'x' })).rejects.toMatchObject({ code: 'HT1203' });
    await test.stop();
  });

  it('explains that binding happens in a channel when asked in a personal chat', async () => {
    const test = await startTestApp();
    await test.bot.personal(admin, 'koppel halteam');
    await test.connector.waitFor((call) => readableText(call.body).includes('alleen in een kanaal'));
    expect(await test.app.conversations.getBinding('halteam')).toBeUndefined();
    await test.stop();
  });

  it('accepts an admin listed by e-mail, looked up from Teams', async () => {
    const test = await startTestApp({ env: { BOT_ADMINS: 'Pieter.Bakker@gemeente.example' } });
    test.connector.members.set(colleague.id, {
      id: colleague.id,
      name: colleague.name,
      email: 'pieter.bakker@gemeente.example',
    });
    await bindChannel(test, 'halteam', halteamChannel).catch(() => undefined); // admin by object id is no admin here
    await test.bot.channel(halteamChannel, colleague, 'koppel halteam');
    await test.connector.waitFor((call) => readableText(call.body).includes('Halteam-kanaal'));
    expect((await test.app.conversations.getBinding('halteam'))?.boundBy).toBe(colleague.name);
    await test.stop();
  });
});
