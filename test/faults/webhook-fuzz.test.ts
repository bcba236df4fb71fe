import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { Button } from '../../bot/alarms/button-model';
import { signButtonRequest } from '../../bot/alarms/webhook-auth';
import { alarmCards, rawRequest, registerButton, storeOf, type RawResponse } from '../support/buttons';
import { bindChannel, halteamChannel, startTestApp, stopAllTestApps, type TestApp } from '../support/test-app';

/**
 * Property-based fuzzing of the button webhook against the real server and real storage (Azurite):
 * whatever arrives, the answer is never a 5xx, the server keeps answering, and nothing is stored
 * without a valid signature; every validly signed press is stored exactly once.
 *
 * `FUZZ_SEED=<n>` replays a failing run (fast-check prints the seed and the shrunk case).
 */

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const junkRuns = 4_000;
const validRuns = 600;

const printable = fc.stringMatching(/^[\x20-\x7e]{0,80}$/);
const latin1Path = fc.stringMatching(/^[\x21-\x7e\xa0-\xff]{1,40}$/);

/** Path segments for the button id: real ids, near misses, encodings, unicode, very long. */
function buttonIdSegment(buttons: Button[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...buttons.map((button) => button.id)), weight: 3 },
    fc.constantFrom(
      '%2f',
      '..%2f..%2fapi',
      'balie-noord-1%2f..',
      '%00',
      '%E0%A4%A',
      '%',
      '%zz',
      'BALIE-NOORD-1',
      'balie-noord-1%20',
      'a'.repeat(63),
      'a'.repeat(64),
      'x'.repeat(5_000),
      'kantine-3',
      'balie%2Dnoord%2D1',
      '%C3%A9%C3%A9',
    ),
    fc.string({ unit: 'grapheme', maxLength: 40 }).map((value) => encodeURIComponent(value) || 'x'),
    fc.stringMatching(/^[a-z0-9-]{1,70}$/),
    // Bytes over 0x7f in a path: node's parser answers 400 itself, before any route.
    { arbitrary: latin1Path, weight: 1 },
  );
}

const contentTypes = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/octet-stream',
      'text/plain',
      'multipart/form-data; boundary=xyz',
      'application/x-www-form-urlencoded',
      'application/cloudevents+json',
      '',
    ),
    printable,
  ),
  { nil: undefined },
);

/** Mostly none, so that most cases reach authentication; otherwise anything (all but identity are 415). */
const contentEncodings = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'GZIP', 'gzip, gzip', 'x-gzip', ' '), weight: 1 },
  { arbitrary: printable, weight: 1 },
);

function eventBody(): fc.Arbitrary<string> {
  return fc
    .record({
      type: fc.constantFrom('press', 'test', 'heartbeat', 'smash', ''),
      offsetMs: fc.integer({ min: -40 * 3_600_000, max: 3_600_000 }),
      extra: fc.option(fc.dictionary(printable, fc.jsonValue(), { maxKeys: 3 }), { nil: undefined }),
    })
    .map(({ type, offsetMs, extra }) =>
      JSON.stringify({ type, pressedAt: new Date(Date.now() + offsetMs).toISOString(), ...extra }),
    );
}

const bodies = fc.oneof(
  fc.uint8Array({ maxLength: 8 * 1024 }).map((bytes) => Buffer.from(bytes)),
  fc.json({ maxDepth: 4 }).map((text) => Buffer.from(text)),
  eventBody().map((text) => Buffer.from(text)),
  fc.string({ unit: 'binary', maxLength: 2_000 }).map((text) => Buffer.from(text)),
  fc.integer({ min: 4_000, max: 8 * 1024 }).map((size) => Buffer.alloc(size, 0x7b)),
);

/** Every way of not being the button: no signature, a wrong secret, a tampered one, another button's. */
type Forgery =
  | { kind: 'none' }
  | { kind: 'wrong-secret'; secret: string }
  | { kind: 'other-button' }
  | { kind: 'tampered-signature'; at: number }
  | { kind: 'tampered-body'; at: number }
  | { kind: 'stale'; minutes: number }
  | { kind: 'garbage'; headers: Record<string, string> }
  | { kind: 'bearer'; token: string; scheme: string };

const forgeries: fc.Arbitrary<Forgery> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc
    .uint8Array({ minLength: 1, maxLength: 40 })
    .map((bytes) => ({ kind: 'wrong-secret' as const, secret: `whsec_${Buffer.from(bytes).toString('base64')}` })),
  fc.constant({ kind: 'other-button' as const }),
  fc.nat().map((at) => ({ kind: 'tampered-signature' as const, at })),
  fc.nat().map((at) => ({ kind: 'tampered-body' as const, at })),
  fc.oneof(fc.integer({ min: 6, max: 10_000 }), fc.integer({ min: -10_000, max: -6 })).map((minutes) => ({
    kind: 'stale' as const,
    minutes,
  })),
  fc
    .record({
      'webhook-id': printable,
      'webhook-timestamp': fc.oneof(printable, fc.integer().map(String)),
      'webhook-signature': fc.oneof(
        printable,
        fc.base64String({ maxLength: 64 }).map((value) => `v1,${value}`),
        fc.array(printable, { maxLength: 5 }).map((parts) => parts.join(' ')),
      ),
    })
    .map((headers) => ({ kind: 'garbage' as const, headers })),
  fc
    .record({ token: printable, scheme: fc.constantFrom('Bearer', 'bearer', 'BEARER', 'Basic', 'Token', '') })
    .map(({ token, scheme }) => ({ kind: 'bearer' as const, token, scheme })),
);

/** Flips one character of a string to another (so the result always differs). */
function flip(value: string, at: number): string {
  if (!value) return 'x';
  const index = at % value.length;
  const replacement = value[index] === 'A' ? 'B' : 'A';
  return value.slice(0, index) + replacement + value.slice(index + 1);
}

function forgedHeaders(
  forgery: Forgery,
  button: Button,
  other: Button,
  body: Buffer,
): {
  headers: Record<string, string>;
  body: Buffer;
} {
  const now = new Date();
  const id = `msg_${randomBytes(8).toString('hex')}`;
  const text = body.toString('latin1');
  switch (forgery.kind) {
    case 'none':
      return { headers: {}, body };
    case 'wrong-secret':
      return { headers: signButtonRequest(forgery.secret, id, now, text), body };
    case 'other-button':
      return {
        headers:
          other.authMode === 'token'
            ? { authorization: `Bearer ${other.secret}` }
            : signButtonRequest(other.secret, id, now, body.toString('utf8')),
        body,
      };
    case 'tampered-signature': {
      const headers = signButtonRequest(button.secret, id, now, body.toString('utf8'));
      const signature = headers['webhook-signature'] as string;
      const [, value] = signature.split(',');
      return { headers: { ...headers, 'webhook-signature': `v1,${flip(value as string, forgery.at)}` }, body };
    }
    case 'tampered-body': {
      const headers = signButtonRequest(button.secret, id, now, body.toString('utf8'));
      const tampered = Buffer.from(body.toString('utf8'));
      const changed =
        tampered.length === 0
          ? Buffer.from('{}')
          : Buffer.concat([tampered.subarray(0, forgery.at % tampered.length), Buffer.from('\u0000'), tampered]);
      return { headers, body: changed };
    }
    case 'stale': {
      const at = new Date(now.getTime() + forgery.minutes * 60_000);
      return { headers: signButtonRequest(button.secret, id, at, body.toString('utf8')), body };
    }
    case 'garbage':
      return { headers: forgery.headers, body };
    case 'bearer':
      return { headers: { authorization: `${forgery.scheme} ${forgery.token}`.trim() }, body };
  }
}

describe('the button webhook under fuzzing', () => {
  let test: TestApp;
  let buttons: Button[];
  /** A button no request is addressed to: a request signed with its secret is signed by someone else. */
  let elsewhere: Button;

  beforeAll(async () => {
    test = await startTestApp({ env: { BUTTON_PRESSES_PER_MINUTE: '100000' } });
    await bindChannel(test, 'halteam', halteamChannel);
    buttons = [
      await registerButton(test, 'balie-noord-1'),
      await registerButton(test, 'nbg24', { kind: 'paniekknop', location: 'Spreekkamer NBG24' }),
      await registerButton(test, 'raadzaal', { kind: 'paniekknop', location: 'Raadzaal', authMode: 'token' }),
    ];
    elsewhere = await registerButton(test, 'elders-buiten-beeld', { location: 'Elders' });
  });
  afterAll(stopAllTestApps);

  async function stillAlive(): Promise<void> {
    const health = await fetch(`${test.url}/healthz`);
    expect(health.status).toBe(200);
  }

  function notServerError(response: RawResponse): void {
    if (response.status >= 500 || response.status < 200) {
      throw new Error(`answered ${response.status}: ${response.body.slice(0, 300)}`);
    }
  }

  it(`never answers 5xx nor stores anything without a valid signature (${junkRuns} requests)`, async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          target: fc.nat({ max: 2 }),
          segment: fc.option(buttonIdSegment(buttons), { nil: undefined, freq: 2 }),
          contentType: contentTypes,
          contentEncoding: contentEncodings,
          body: bodies,
          forgery: forgeries,
          client: fc.ipV4(),
        }),
        async ({ target, segment, contentType, contentEncoding, body: rawBody, forgery, client }) => {
          const button = buttons[target] as Button;
          const { headers, body } = forgedHeaders(forgery, button, elsewhere, rawBody);
          const response = await rawRequest(test.url, {
            path: `/api/buttons/${segment ?? button.id}/events`,
            headers: {
              ...headers,
              ...(contentType === undefined ? {} : { 'content-type': contentType }),
              ...(contentEncoding === undefined ? {} : { 'content-encoding': contentEncoding }),
              'x-forwarded-for': client,
            },
            body,
          });
          notServerError(response);
          if (response.status === 202) throw new Error(`accepted without a valid signature: ${response.body}`);
          if (++sent % 250 === 0) await stillAlive();
        },
      ),
      { numRuns: junkRuns, seed, endOnFailure: true },
    );
    await stillAlive();
    await test.app.alarms.idle();
    expect(await storeOf(test).alarmsSince(new Date(0))).toEqual([]);
    expect(alarmCards(test)).toEqual([]);
  }, 120_000);

  it('the bot endpoint neither stops nor tells internals, whatever the body (300 requests)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'application/json',
          'multipart/form-data; boundary=abc',
          'application/x-www-form-urlencoded',
          'text/csv',
          'text/plain',
          'application/octet-stream',
        ),
        contentEncodings,
        fc.oneof(
          fc.uint8Array({ maxLength: 3_000 }).map((bytes) => Buffer.from(bytes)),
          fc.json({ maxDepth: 3 }).map((text) => Buffer.from(text)),
          fc.constant(
            Buffer.from('--abc\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\nx\r\n--abc--\r\n'),
          ),
        ),
        async (contentType, contentEncoding, body) => {
          const response = await rawRequest(test.url, {
            path: '/api/messages',
            headers: {
              'content-type': contentType,
              ...(contentEncoding === undefined ? {} : { 'content-encoding': contentEncoding }),
            },
            body,
          });
          if (response.status >= 500) expect(JSON.parse(response.body)).toEqual({ error: 'internal error' });
        },
      ),
      { numRuns: 300, seed },
    );
    await stillAlive();
  });

  it('refuses a validly signed press in any Content-Encoding but identity (415), and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('gzip', 'deflate', 'br', 'GZIP', 'x-gzip', 'compress', 'gzip, identity'),
        fc.boolean(),
        async (encoding, compress) => {
          const button = buttons[0] as Button;
          const text = JSON.stringify({ type: 'press', pressedAt: new Date().toISOString() });
          const headers = signButtonRequest(button.secret, `msg_${randomBytes(8).toString('hex')}`, new Date(), text);
          const response = await rawRequest(test.url, {
            path: `/api/buttons/${button.id}/events`,
            headers: { ...headers, 'content-type': 'application/json', 'content-encoding': encoding },
            body: compress ? gzipSync(text) : Buffer.from(text),
          });
          expect(response.status).toBe(415);
        },
      ),
      { numRuns: 50, seed },
    );
    await stillAlive();
    expect(await storeOf(test).alarmsSince(new Date(0))).toEqual([]);
  });

  it(`accepts every validly signed press once: 202, one alarm per button, presses joined (${validRuns} presses)`, async () => {
    const sent = new Map<string, { presses: number; tests: number }>();
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          target: fc.nat({ max: 2 }),
          type: fc.constantFrom('press', 'test', 'heartbeat'),
          webhookId: fc.stringMatching(/^[\x21-\x7e]{1,150}$/),
          offsetMs: fc.integer({ min: -23 * 3_600_000, max: 4 * 60_000 }),
          contentType: fc.option(
            fc.constantFrom(
              'application/json',
              'application/octet-stream',
              'text/plain',
              'application/json; charset=utf-8',
            ),
            { nil: undefined },
          ),
          scheme: fc.constantFrom('Bearer', 'bearer', 'BEARER'),
          identity: fc.boolean(),
          client: fc.ipV4(),
        }),
        async ({ target, type, webhookId, offsetMs, contentType, scheme, identity, client }) => {
          const button = buttons[target] as Button;
          const body = JSON.stringify({ type, pressedAt: new Date(Date.now() + offsetMs).toISOString() });
          // Unique per case (a repeated id is a duplicate, which the dedupe tests cover).
          const id = `${webhookId}#${counter++}`;
          const headers =
            button.authMode === 'token'
              ? { authorization: `${scheme} ${button.secret}` }
              : signButtonRequest(button.secret, id, new Date(), body);
          const response = await rawRequest(test.url, {
            path: `/api/buttons/${button.id}/events`,
            headers: {
              ...headers,
              ...(contentType === undefined ? {} : { 'content-type': contentType }),
              ...(identity ? { 'content-encoding': 'identity' } : {}),
              'x-forwarded-for': client,
            },
            body: Buffer.from(body),
          });
          if (response.status !== 202) throw new Error(`answered ${response.status}: ${response.body}`);
          const status = (JSON.parse(response.body) as { status: string }).status;
          const counts = sent.get(button.id) ?? { presses: 0, tests: 0 };
          if (type === 'press') counts.presses++;
          if (type === 'test') counts.tests++;
          sent.set(button.id, counts);
          if (type === 'heartbeat') expect(status).toBe('heartbeat');
          else if (button.authMode === 'token') expect(['created', 'joined', 'duplicate']).toContain(status);
          else expect(['created', 'joined']).toContain(status);
        },
      ),
      { numRuns: validRuns, seed, endOnFailure: true },
    );
    await stillAlive();
    await test.app.alarms.idle();
    const alarms = await storeOf(test).alarmsSince(new Date(0));
    for (const button of buttons) {
      const counts = sent.get(button.id) ?? { presses: 0, tests: 0 };
      const real = alarms.filter((alarm) => alarm.buttonId === button.id && !alarm.exercise);
      const exercises = alarms.filter((alarm) => alarm.buttonId === button.id && alarm.exercise);
      expect(real).toHaveLength(counts.presses > 0 ? 1 : 0);
      expect(exercises).toHaveLength(counts.tests > 0 ? 1 : 0);
      // Token hardware has no webhook-id: a resend with the same time is the same press.
      if (button.authMode === 'signature') {
        expect(real[0]?.presses ?? 0).toBe(counts.presses);
        expect(exercises[0]?.presses ?? 0).toBe(counts.tests);
      }
    }
    // One card per alarm, however many presses joined it.
    expect(alarmCards(test)).toHaveLength(alarms.length);
  }, 120_000);
});
