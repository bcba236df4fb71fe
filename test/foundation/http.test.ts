import { createApp } from '../../bot/app';
import { loadConfig } from '../../bot/config/load-config';
import { developmentConnectionString } from '../../bot/platform/storage/table-provider';
import { freePort } from '../../bot/dev/child-process';
import { admin, readableText, startTestApp, stopAllTestApps } from '../support/test-app';

describe('the HTTP surface', () => {
  afterEach(stopAllTestApps);

  it('answers health and readiness when storage is reachable', async () => {
    const test = await startTestApp();
    expect((await fetch(`${test.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${test.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    await test.stop();
  });

  it('reports not ready (503) while storage cannot be reached, but stays alive', async () => {
    const deadPort = await freePort();
    const app = createApp(
      loadConfig({
        STORAGE_CONNECTION_STRING: developmentConnectionString('127.0.0.1', deadPort),
        PORT: '0',
        LOG_LEVEL: 'silent',
      }),
      { runScheduler: false },
    );
    const url = await app.start();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not ready' });
    await app.stop();
  }, 60_000);

  it('refuses activities without a valid Bot Framework token once an app id is configured', async () => {
    const test = await startTestApp({
      env: { MICROSOFT_APP_ID: 'a1b2c3', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: 'tenant' },
    });
    const anonymous = await test.bot.personal(admin, 'help');
    expect(anonymous.status).toBe(401);
    const forged = await test.bot.send(
      { type: 'message', text: 'help', from: admin, conversation: { id: 'a:x', conversationType: 'personal' } },
      { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJhMWIyYzMifQ.c2lnbmF0dXJl' },
    );
    expect(forged.status).toBe(401);
    expect(test.connector.calls).toHaveLength(0);
    await test.stop();
  });

  it('answers help in a personal chat in Dutch, listing what the bot can do', async () => {
    const test = await startTestApp();
    await test.bot.personal(admin, 'help');
    const reply = await test.connector.waitFor((call) => Boolean(call.body.attachments));
    const text = readableText(reply.body);
    expect(text).toContain('Ik help bij agressie op het werk');
    expect(text).toContain('Bij direct gevaar: bel 112.');
    expect(reply.conversationId).toBe(`a:personal-${admin.id}`);
    await test.stop();
  });

  it('says it does not understand an unknown word, and points to help', async () => {
    const test = await startTestApp();
    await test.bot.personal(admin, 'blabla');
    await test.connector.waitFor((call) => readableText(call.body).includes('Typ **help**'));
    await test.stop();
  });
});
