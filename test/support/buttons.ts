import { randomUUID } from 'node:crypto';
import { addButton } from '../../bot/alarms/button-admin';
import type { Button } from '../../bot/alarms/button-model';
import { signButtonRequest } from '../../bot/alarms/webhook-auth';
import { createAlarmTable } from '../../bot/platform/storage/alarm-table';
import type { TestApp } from './test-app';

export function storeOf(test: TestApp) {
  return createAlarmTable(test.app.tables);
}

export async function registerButton(
  test: TestApp,
  id = 'balie-noord-1',
  options: { kind?: Button['kind']; location?: string; authMode?: Button['authMode'] } = {},
): Promise<Button> {
  const { button } = await addButton(
    {
      id,
      kind: options.kind ?? 'noodknop',
      location: options.location ?? 'Publieksbalie 1, gebouw Noord',
      authMode: options.authMode ?? 'signature',
    },
    { store: storeOf(test), clock: test.app.clock },
  );
  return button;
}

export interface PressOptions {
  type?: 'press' | 'test' | 'heartbeat';
  webhookId?: string;
  signedAt?: Date;
  secret?: string;
  body?: string;
  headers?: Record<string, string>;
}

/** Sends what the hardware sends: a Standard Webhooks-signed POST. */
export async function press(test: TestApp, button: Button, options: PressOptions = {}): Promise<Response> {
  const signedAt = options.signedAt ?? new Date();
  const body = options.body ?? JSON.stringify({ type: options.type ?? 'press', pressedAt: signedAt.toISOString() });
  const webhookId = options.webhookId ?? `msg_${randomUUID()}`;
  const headers =
    options.headers ??
    (button.authMode === 'token'
      ? { authorization: `Bearer ${options.secret ?? button.secret}` }
      : signButtonRequest(options.secret ?? button.secret, webhookId, signedAt, body));
  return fetch(`${test.url}/api/buttons/${button.id}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

/** The alarm cards posted to the Halteam channel (new messages, not updates). */
export function alarmCards(test: TestApp) {
  return test.connector
    .sent()
    .filter(
      (call) =>
        JSON.stringify(call.body.attachments ?? []).includes('"alarm.respond"') ||
        JSON.stringify(call.body.attachments ?? []).includes('Tijdlijn'),
    );
}
