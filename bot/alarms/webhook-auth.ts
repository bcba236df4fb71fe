import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { validSecrets, type Button } from './button-model';

export type AuthResult = { ok: true } | { ok: false; reason: string };

/** Standard Webhooks' tolerance for `webhook-timestamp`, both ways. */
const toleranceSeconds = 5 * 60;

/**
 * Standard Webhooks: HMAC-SHA256 over `id.timestamp.body`, ±5 minutes, constant-time compare and
 * several signatures per header. The body is the exact bytes received, whatever their Content-Type
 * or encoding. During a rotation both the new and the previous secret are accepted. Token mode:
 * `Authorization: Bearer <secret>` (the scheme in any case, RFC 7235), compared in constant time,
 * for hardware that can only send a fixed secret.
 */
export function authenticateButtonRequest(
  button: Button,
  rawBody: Uint8Array | string,
  headers: Record<string, string | string[] | undefined>,
  now: Date,
): AuthResult {
  const secrets = validSecrets(button, now);
  if (button.authMode === 'token') {
    const token = bearerToken(single(headers.authorization));
    if (!token) return { ok: false, reason: 'missing bearer token' };
    let match = false;
    // Every secret is compared, so that the time does not tell which one matched.
    for (const secret of secrets) match = sameSecret(token, secret) || match;
    return match ? { ok: true } : { ok: false, reason: 'wrong token' };
  }

  const id = single(headers['webhook-id']) ?? '';
  const timestampHeader = single(headers['webhook-timestamp']) ?? '';
  const signatures = single(headers['webhook-signature']) ?? '';
  if (!id || !timestampHeader || !signatures) return { ok: false, reason: 'missing signature headers' };
  // parseInt, not Number: what the standardwebhooks library (and so the hardware's SDKs) sign.
  const timestamp = Number.parseInt(timestampHeader, 10);
  if (Number.isNaN(timestamp)) return { ok: false, reason: 'invalid webhook-timestamp' };
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (nowSeconds - timestamp > toleranceSeconds) return { ok: false, reason: 'message timestamp too old' };
  if (timestamp > nowSeconds + toleranceSeconds) return { ok: false, reason: 'message timestamp too new' };

  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const given = signatures
    .split(' ')
    .map((versioned) => versioned.split(','))
    .filter(([version, signature]) => version === 'v1' && signature)
    .map(([, signature]) => Buffer.from(signature as string));
  let match = false;
  for (const secret of secrets) {
    const expected = Buffer.from(
      createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.`).update(body).digest('base64'),
    );
    for (const signature of given) {
      match = (signature.length === expected.length && timingSafeEqual(signature, expected)) || match;
    }
  }
  return match ? { ok: true } : { ok: false, reason: 'no matching signature' };
}

/** `Bearer <token>` with the scheme in any case and any run of spaces or tabs before the token. */
function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
  return match?.[1];
}

/** A Standard Webhooks secret: `whsec_` and the key in base64. */
function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
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
