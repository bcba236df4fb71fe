import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { addButton } from '../../bot/alarms/button-admin';
import type { Button } from '../../bot/alarms/button-model';
import { signButtonRequest } from '../../bot/alarms/webhook-auth';
import { createAlarmTable } from '../../bot/alarms/alarm-table';
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
  /** The Content-Type to send (application/json by default); null sends none, as some hardware does. */
  contentType?: string | null;
  /** Extra headers on top of the signature (or token) headers, e.g. x-forwarded-for. */
  extraHeaders?: Record<string, string>;
}

/** The body and headers the hardware would send for a press (signature or bearer token). */
export function signedPress(
  button: Button,
  options: PressOptions = {},
): { body: string; headers: Record<string, string> } {
  const signedAt = options.signedAt ?? new Date();
  const body = options.body ?? JSON.stringify({ type: options.type ?? 'press', pressedAt: signedAt.toISOString() });
  const webhookId = options.webhookId ?? `msg_${randomUUID()}`;
  const headers =
    options.headers ??
    (button.authMode === 'token'
      ? { authorization: `Bearer ${options.secret ?? button.secret}` }
      : signButtonRequest(options.secret ?? button.secret, webhookId, signedAt, body));
  return { body, headers: { ...headers, ...options.extraHeaders } };
}

/** Sends what the hardware sends: a Standard Webhooks-signed POST. */
export async function press(test: TestApp, button: Button, options: PressOptions = {}): Promise<Response> {
  const { body, headers } = signedPress(button, options);
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  return fetch(`${test.url}/api/buttons/${button.id}/events`, {
    method: 'POST',
    headers: contentType === null ? headers : { 'content-type': contentType, ...headers },
    // fetch adds text/plain to a string body; bytes go without a Content-Type.
    body: contentType === null ? Buffer.from(body) : body,
  });
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request exactly as given (any header, any bytes, any path), for what fetch refuses to send:
 * a Content-Encoding, a path with raw characters, no Content-Type. Resolves on the answer; rejects
 * when the connection breaks without one.
 */
export function rawRequest(
  url: string,
  request: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const outgoing = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method ?? 'POST',
        path: request.path,
        headers: request.headers ?? {},
        agent: false,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
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
