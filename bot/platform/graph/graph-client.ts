import { ClientSecretCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  GraphClientError,
  HTTPMessageHandler,
  type Context,
  type GraphError,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { AppConfig } from '../../config/config-schema';
import { beforeDeadline } from '../../shared/deadline';

/**
 * How this process reaches Microsoft Graph:
 * - `graph`: GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET are set: app-only tokens.
 * - `stand-in`: no credentials and GRAPH_BASE_URL points at this machine: the Graph stand-in
 *   (`npm start`, tests). Never chosen when credentials are set.
 * - `none`: no credentials and a real Graph address: aftercare offers "Zelf plannen" only.
 */
export type GraphMode = 'graph' | 'stand-in' | 'none';

type GraphSettings = Pick<AppConfig, 'GRAPH_TENANT_ID' | 'GRAPH_CLIENT_ID' | 'GRAPH_CLIENT_SECRET' | 'GRAPH_BASE_URL'>;

export function graphMode(config: GraphSettings): GraphMode {
  if (config.GRAPH_TENANT_ID && config.GRAPH_CLIENT_ID && config.GRAPH_CLIENT_SECRET) return 'graph';
  const host = new URL(config.GRAPH_BASE_URL).hostname;
  return host === '127.0.0.1' || host === 'localhost' ? 'stand-in' : 'none';
}

/** True when the dev launcher should start the Graph stand-in: no Graph credentials in the environment. */
export function wantsGraphStandIn(env: NodeJS.ProcessEnv): boolean {
  return ![env.GRAPH_TENANT_ID, env.GRAPH_CLIENT_ID, env.GRAPH_CLIENT_SECRET].some((value) => value?.trim());
}

/**
 * How long one call to Graph may take, the app-only token included: no call of ours is on the alarm
 * path (aftercare planning), and getSchedule over several mailboxes takes seconds. Without a limit
 * `fetch` waits up to 300 s for the headers of an answer. graph-calendar.ts retries after it.
 */
export const graphCallTimeoutMs = 20_000;

/** A call to Graph (token and answer) took longer than its limit and was abandoned; worth another try. */
export class GraphTimeoutError extends GraphClientError {
  constructor(
    readonly timeoutMs: number,
    options: { cause?: unknown } = {},
  ) {
    super(`Microsoft Graph did not answer within ${timeoutMs} ms`);
    // GraphClientError sets its own prototype in its constructor; this keeps ours (instanceof works).
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'GraphTimeoutError';
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/**
 * Whether a Graph call failed for want of an answer in time: ours, or the abort of a body still
 * arriving when the limit passed (the SDK reads the body after the middleware and wraps that abort,
 * the DOMException "TimeoutError" of our signal, in a GraphError).
 */
export function isGraphTimeout(error: unknown): boolean {
  if (error instanceof GraphTimeoutError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, body } = error as { code?: unknown; body?: unknown };
  if (code === 'TimeoutError' || code === 'GraphTimeoutError') return true;
  return typeof body === 'object' && body !== null && (body as { name?: unknown }).name === 'TimeoutError';
}

/**
 * The first link of the middleware chain: one deadline for the whole call. `fetch` gets its signal, so
 * a connection that hangs is closed (headers and body); getting the token (which takes no signal) is
 * waited for until the deadline only. The SDK passes a GraphClientError through unchanged.
 */
class TimeoutHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly timeoutMs: number) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('TimeoutHandler has no next middleware');
    const timeoutMs = this.timeoutMs;
    const deadline = AbortSignal.timeout(timeoutMs);
    context.options = { ...context.options, signal: deadline };
    try {
      await beforeDeadline(next.execute(context), deadline, () => new GraphTimeoutError(timeoutMs));
    } catch (error) {
      if (deadline.aborted && !(error instanceof GraphTimeoutError))
        throw new GraphTimeoutError(timeoutMs, { cause: error });
      throw error;
    }
  }
}

export interface GraphClientOptions {
  /** Per call, the token included; `graphCallTimeoutMs` by default. */
  timeoutMs?: number;
}

/**
 * A Graph client for GRAPH_BASE_URL. Retries are ours (see graph-calendar.ts), so the chain is only
 * a time limit, authentication and HTTP: the SDK's own retry handler would hide 429s from our
 * Retry-After policy.
 */
export function createGraphClient(config: GraphSettings, options: GraphClientOptions = {}): Client | undefined {
  const mode = graphMode(config);
  if (mode === 'none') return undefined;
  const base = new URL(config.GRAPH_BASE_URL);
  const timeoutMs = options.timeoutMs ?? graphCallTimeoutMs;
  const authProvider =
    mode === 'graph'
      ? new TokenCredentialAuthenticationProvider(
          new ClientSecretCredential(
            config.GRAPH_TENANT_ID as string,
            config.GRAPH_CLIENT_ID as string,
            config.GRAPH_CLIENT_SECRET as string,
          ),
          // @azure/identity aborts its own token request at the limit too.
          {
            scopes: ['https://graph.microsoft.com/.default'],
            getTokenOptions: { requestOptions: { timeout: timeoutMs } },
          },
        )
      : { getAccessToken: async () => 'graph-stand-in' };
  const limit = new TimeoutHandler(timeoutMs);
  const authentication = new AuthenticationHandler(authProvider);
  limit.setNext(authentication);
  authentication.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware: limit,
    baseUrl: base.origin,
    defaultVersion: base.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0',
  });
}

/** The HTTP status of a failed Graph call, when it came with one. */
export function graphStatusOf(error: unknown): number | undefined {
  const status = (error as Partial<GraphError> | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The Retry-After header of a throttled (429) or unavailable (503) Graph answer. */
export function graphRetryAfterOf(error: unknown): string | null | undefined {
  const headers = (error as Partial<GraphError> | undefined)?.headers;
  return headers && typeof headers.get === 'function' ? headers.get('retry-after') : undefined;
}
