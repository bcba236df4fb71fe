import { parseRetryAfter, type RetryDecision } from '../../shared/retry';

/** Status codes the Bot Connector answers when trying again later may succeed. */
const transient = new Set([412, 429, 500, 502, 503, 504]);

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

export function classifyConnectorError(error: unknown): RetryDecision {
  const status = connectorStatus(error);
  if (status === undefined) {
    const code = (error as { code?: unknown })?.code;
    // Connection-level failures (reset, refused, timeout) are worth another try.
    return { retry: typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN)$/.test(code) };
  }
  if (!transient.has(status)) return { retry: false };
  return { retry: true, afterMs: parseRetryAfter(retryAfterHeader(error)) };
}
