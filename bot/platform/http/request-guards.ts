import { isIP } from 'node:net';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type restify from 'restify';

/**
 * Guards of the HTTP edge that hold for every route. Nothing the bot receives is compressed, and a
 * compressed body is where the danger is (restify's gzip reader has no error handler and no limit on
 * the inflated size: one request with `Content-Encoding: gzip` and junk bytes stopped the process).
 */

/** `server.pre` handler: any Content-Encoding but identity is refused with 415 before a body is read. */
export function refuseEncodedBodies(): restify.RequestHandler {
  return (req, res, next) => {
    // A request stream that fails (a client going away, a reset) must never become an uncaught error.
    req.on('error', ignore);
    const encoding = req.headers['content-encoding'];
    if (encoding === undefined || encoding.trim().toLowerCase() === 'identity' || encoding.trim() === '') {
      return next();
    }
    // The body is never inflated; node discards its raw bytes after the answer.
    res.header('Accept-Encoding', 'identity');
    res.send(415, { error: 'content encoding not supported' });
    return next(false);
  };
}

function ignore(): void {}

export type RawBody = { ok: true; body: Buffer } | { ok: false; status: 413 | 400 };

/**
 * The exact bytes of a request body, whatever its Content-Type (restify's bodyReader skips bodies it
 * takes for `application/octet-stream`, which is also what a request without Content-Type is taken for).
 * Bytes past `maxBytes` are counted and dropped; past `dropAfterBytes` the connection is closed.
 */
export function readRawBody(req: restify.Request, maxBytes: number, dropAfterBytes = 64 * 1024): Promise<RawBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (result: RawBody) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= maxBytes) chunks.push(chunk);
      else if (received > dropAfterBytes) {
        finish({ ok: false, status: 413 });
        req.socket?.destroy();
      }
    };
    req.on('data', onData);
    req.once('end', () =>
      finish(received > maxBytes ? { ok: false, status: 413 } : { ok: true, body: Buffer.concat(chunks) }),
    );
    req.once('error', () => finish({ ok: false, status: 400 }));
    req.once('aborted', () => finish({ ok: false, status: 400 }));
    req.once('close', () => finish(received > maxBytes ? { ok: false, status: 413 } : { ok: false, status: 400 }));
    req.resume();
  });
}

const privatePeer =
  /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|::1$|f[cd][0-9a-f]{2}:|fe80:|::ffff:(127|10|192\.168|172\.(1[6-9]|2\d|3[01])|169\.254)\.)/i;

/**
 * Who sent a request, for per-client limits. Behind App Service's front end the peer is a private
 * address and the front end appends the real client to `X-Forwarded-For`: the last entry counts.
 * From a public peer the header is the client's own claim and is ignored.
 */
export function clientAddress(req: restify.Request): string {
  const peer = req.socket?.remoteAddress ?? 'unknown';
  if (!privatePeer.test(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').at(-1)?.trim() ?? '';
  const address = withoutPort(forwarded);
  return address && isIP(address) ? address : peer;
}

/** `1.2.3.4:5678` and `[::1]:5678` as App Service on Linux writes them; a bare address stays as it is. */
function withoutPort(value: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1] as string;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  return v4 ? (v4[1] as string) : value;
}

/**
 * Middleware: at most `points` requests per client address in `durationSeconds`, then 429 with
 * Retry-After (for routes that anyone may call without signing in, e.g. the draft letter download).
 */
export function perClientLimit(options: { points: number; durationSeconds: number }): restify.RequestHandler {
  const limiter = new RateLimiterMemory({ points: options.points, duration: options.durationSeconds });
  return (req, res, next) => {
    limiter.consume(clientAddress(req)).then(
      () => next(),
      (error: unknown) => {
        if (!(error instanceof RateLimiterRes)) return next(error as Error);
        res.header('Retry-After', String(Math.max(1, Math.ceil(error.msBeforeNext / 1000))));
        res.send(429, { error: 'too many requests' });
        return next(false);
      },
    );
  };
}
