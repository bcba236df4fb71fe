import { parseRetryAfter, type RetryDecision } from '../../shared/retry';

/** Status codes the Bot Connector answers when trying again later may succeed. */
const transient = new Set([412, 429, 500, 502, 503, 504]);

/**
 * Connection failures before the request was written: nothing reached the connector, so trying
 * again is safe for every call (refused, no route, DNS, connecting took too long).
 */
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Failures on a connection that may have carried the request: the connector may have done it and
 * the answer got lost (reset mid-response, no answer in time).
 */
const unknownOutcomeCodes = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_ABORTED',
]);

/** Connect-phase system calls: a failure there means the request was never sent. */
const beforeSendingSyscalls = new Set(['connect', 'getaddrinfo']);

/**
 * One attempt took longer than allowed and was abandoned. `requestSent` says whether the request
 * may already have reached the connector (then the outcome is unknown). `service` names what did
 * not answer when it is not the Bot Connector itself (the token validation of an incoming activity).
 */
export class ConnectorTimeoutError extends Error {
  override readonly name = 'TimeoutError';

  constructor(
    readonly timeoutMs: number,
    readonly requestSent: boolean,
    options?: { cause?: unknown; service?: string },
  ) {
    super(`${options?.service ?? 'The Bot Connector'} did not answer within ${timeoutMs} ms`, options);
  }
}

/**
 * Getting the token to sign a request failed (the SDK's credentials, MSAL): nothing was sent to the
 * connector, whatever broke on the way to the token service.
 */
export class ConnectorSigningError extends Error {
  override readonly name = 'ConnectorSigningError';

  constructor(cause: unknown) {
    super(
      `Could not sign the request to the Bot Connector: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
}

export interface ConnectorErrorClass extends RetryDecision {
  /**
   * The request may have been carried out although the call failed (a reset mid-response, no answer
   * in time): trying again may do it twice. Absent when the connector answered or nothing was sent.
   */
  outcomeUnknown?: true;
}

export function connectorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const status = candidate.statusCode ?? candidate.status ?? candidate.response?.status;
  return typeof status === 'number' ? status : undefined;
}

function retryAfterHeader(error: unknown): string | undefined {
  const response = (error as { response?: { headers?: unknown } }).response;
  const headers = response?.headers as { get?: (name: string) => unknown } | Record<string, unknown> | undefined;
  if (!headers) return undefined;
  if (typeof headers.get === 'function') {
    const value = (headers as { get: (name: string) => unknown }).get('retry-after');
    return typeof value === 'string' ? value : undefined;
  }
  const value =
    (headers as Record<string, unknown>)['retry-after'] ?? (headers as Record<string, unknown>)['Retry-After'];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The error and what it wraps: `fetch` (undici) throws `TypeError('fetch failed')` with the socket's
 * error as `cause`; a failed connect to several addresses is an AggregateError.
 */
function* chainOf(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0 && seen.size < 16) {
    const current = pending.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    yield record;
    if ('cause' in record) pending.push(record.cause);
    if (Array.isArray(record.errors)) pending.push(...(record.errors as unknown[]));
  }
}

/** The connection-level error code (ECONNREFUSED, UND_ERR_SOCKET, …) anywhere in the chain, for logs. */
export function connectionErrorCode(error: unknown): string | undefined {
  for (const link of chainOf(error)) {
    if (typeof link.code === 'string' && (notSentCodes.has(link.code) || unknownOutcomeCodes.has(link.code))) {
      return link.code;
    }
  }
  for (const link of chainOf(error)) if (link.name === 'TimeoutError' || link.name === 'AbortError') return 'TIMEOUT';
  return undefined;
}

/** What a failure without an HTTP answer says about the request: never sent, maybe done, or neither. */
function transportFailure(error: unknown): 'notSent' | 'unknown' | undefined {
  let found: 'notSent' | 'unknown' | undefined;
  for (const link of chainOf(error)) {
    if (link instanceof ConnectorTimeoutError) return link.requestSent ? 'unknown' : 'notSent';
    const code = typeof link.code === 'string' ? link.code : undefined;
    if (code && notSentCodes.has(code)) return 'notSent';
    if (code && unknownOutcomeCodes.has(code)) {
      if (typeof link.syscall === 'string' && beforeSendingSyscalls.has(link.syscall)) return 'notSent';
      found ??= 'unknown';
    }
    // An abandoned attempt (our time limit, as DOMException or the SDK's AbortError).
    if (link.name === 'TimeoutError' || link.name === 'AbortError') found ??= 'unknown';
  }
  return found;
}

/**
 * Whether a failed call to the Bot Connector is worth another try, after how long, and whether the
 * request may have been carried out anyway. An HTTP answer decides by its status (Retry-After
 * honoured); without one, a connection that was never made is retried for every call, and one that
 * broke after sending is retried too but marked `outcomeUnknown`: the messenger repeats only what
 * may arrive twice. Anything else (a bug, a TLS problem) is final.
 */
export function classifyConnectorError(error: unknown): ConnectorErrorClass {
  if (error instanceof ConnectorSigningError) {
    // Nothing reached the connector: worth another try when the token service was busy or away.
    const inner = classifyConnectorError(error.cause);
    if (!inner.retry) return { retry: false };
    return inner.afterMs === undefined ? { retry: true } : { retry: true, afterMs: inner.afterMs };
  }
  const status = connectorStatus(error);
  if (status === undefined) {
    const failure = transportFailure(error);
    if (failure === 'notSent') return { retry: true };
    if (failure === 'unknown') return { retry: true, outcomeUnknown: true };
    return { retry: false };
  }
  if (!transient.has(status)) return { retry: false };
  return { retry: true, afterMs: parseRetryAfter(retryAfterHeader(error)) };
}
