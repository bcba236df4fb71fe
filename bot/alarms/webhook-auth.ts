import { createHash, timingSafeEqual } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { validSecrets, type Button } from './button-model';

export type AuthResult = { ok: true } | { ok: false; reason: string };

/**
 * Standard Webhooks: HMAC-SHA256 over `id.timestamp.body`, ±5 minutes, constant-time compare and
 * several signatures per header (the `standardwebhooks` library). During a rotation both the new and
 * the previous secret are accepted. Token mode: `Authorization: Bearer <secret>`, compared in
 * constant time, for hardware that can only send a fixed secret.
 */
export function authenticateButtonRequest(
  button: Button,
  rawBody: string,
  headers: Record<string, string | string[] | undefined>,
  now: Date,
): AuthResult {
  const secrets = validSecrets(button, now);
  if (button.authMode === 'token') {
    const header = single(headers.authorization);
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) return { ok: false, reason: 'missing bearer token' };
    return secrets.some((secret) => sameSecret(token, secret)) ? { ok: true } : { ok: false, reason: 'wrong token' };
  }

  const signed = {
    'webhook-id': single(headers['webhook-id']) ?? '',
    'webhook-timestamp': single(headers['webhook-timestamp']) ?? '',
    'webhook-signature': single(headers['webhook-signature']) ?? '',
  };
  let reason = 'no matching signature';
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(rawBody, signed, { jsonParse: false });
      return { ok: true };
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      reason = error.message;
    }
  }
  return { ok: false, reason };
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Signs a body the way the hardware does (used by `npm run button -- press` and tests). */
export function signButtonRequest(secret: string, webhookId: string, at: Date, body: string): Record<string, string> {
  const signature = new Webhook(secret).sign(webhookId, at, body);
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  };
}
