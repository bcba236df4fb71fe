import type { Activity } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { ConnectorSigningError, ConnectorTimeoutError } from './connector-errors';
import { beforeDeadline } from '../../shared/deadline';
import { createServiceUrlPolicy, type ServiceUrlPolicy } from './service-url-policy';

/**
 * The two Bot Connector calls on the alarm's path, sending and updating an activity (Bot Connector
 * REST API v3), made with `fetch`. The SDK's connector client runs every activity through its
 * serializer and an Azure pipeline, which cost ~0.1 ms of CPU per card: too much when fifty cards
 * leave in one burst. The token still comes from the SDK: the client's own credentials sign each
 * request (MSAL caches the token), so authentication and its configuration stay botbuilder's.
 *
 * A refusal is thrown as a `ConnectorRestError` carrying the status and Retry-After, the shape
 * `connector-errors.ts` classifies for both clients. Every call has a time limit (10 s unless the
 * caller says otherwise; undici alone would wait 300 s for an answer): past it the call is abandoned
 * with a `ConnectorTimeoutError`, whose outcome is unknown once the request was handed to `fetch`.
 *
 * The service URL is checked before the request is signed: a host outside Teams' (service-url-policy.ts)
 * gets a `ServiceUrlRefusedError` (HT1206) and no request, so the bot's token never leaves for it.
 */
export class ConnectorRestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly response: { headers: Headers },
    body: string,
  ) {
    super(`Bot Connector answered ${statusCode}: ${body.slice(0, 300)}`);
    this.name = 'ConnectorRestError';
  }
}

export const defaultConnectorTimeoutMs = 10_000;

export interface ConnectorCallOptions {
  /** How long this call may take, signing included; 10 s by default. */
  timeoutMs?: number;
}

export interface ConnectorRest {
  /**
   * POST /v3/conversations/{conversationId}/activities; resolves to the new activity's id, or '' when
   * the service accepted the activity without giving one (the Agents Playground answers 202 without
   * a body to a message with a card).
   */
  send(
    client: ConnectorClient,
    serviceUrl: string,
    conversationId: string,
    activity: Partial<Activity>,
    options?: ConnectorCallOptions,
  ): Promise<string>;
  /** PUT /v3/conversations/{conversationId}/activities/{activityId} */
  update(
    client: ConnectorClient,
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: Partial<Activity>,
    options?: ConnectorCallOptions,
  ): Promise<void>;
}

/**
 * `serviceUrls` is where requests may go: the messenger hands in the process's policy (the adapter's).
 * Without one, Teams' public hosts and loopback (the playground, test stand-ins) are allowed.
 */
export function createConnectorRest(
  fetchImpl: typeof fetch = fetch,
  serviceUrls: ServiceUrlPolicy = createServiceUrlPolicy({ allowLoopback: true }),
): ConnectorRest {
  async function call(
    client: ConnectorClient,
    method: 'POST' | 'PUT',
    url: URL,
    activity: Partial<Activity>,
    options: ConnectorCallOptions = {},
  ): Promise<{ id?: string }> {
    const timeoutMs = options.timeoutMs ?? defaultConnectorTimeoutMs;
    const deadline = AbortSignal.timeout(timeoutMs);
    const headers = new Headers({ 'content-type': 'application/json; charset=utf-8' });
    // The SDK's credentials set Authorization when an app id is configured, and nothing without one
    // (fetching a token may take a while: it counts against the limit, and nothing was sent yet).
    try {
      await beforeDeadline(
        client.credentials.signRequest({
          headers: { set: (name: string, value: string) => headers.set(name, value) },
        } as never),
        deadline,
        () => new ConnectorTimeoutError(timeoutMs, false),
      );
    } catch (error) {
      if (error instanceof ConnectorTimeoutError) throw error;
      throw new ConnectorSigningError(error);
    }
    let response: Response;
    try {
      response = await fetchImpl(url, { method, headers, body: JSON.stringify(activity), signal: deadline });
    } catch (error) {
      if (deadline.aborted) throw new ConnectorTimeoutError(timeoutMs, true, { cause: error });
      throw error;
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // A 2xx status means the connector took the activity; only its id is lost with the body.
      if (response.ok) return {};
      if (deadline.aborted) throw new ConnectorTimeoutError(timeoutMs, true, { cause: error });
      text = '';
    }
    if (!response.ok) throw new ConnectorRestError(response.status, { headers: response.headers }, text);
    return parseAnswer(text);
  }

  return {
    async send(client, serviceUrl, conversationId, activity, options) {
      serviceUrls.check(serviceUrl, 'send an activity');
      const result = await call(client, 'POST', activitiesUrl(serviceUrl, conversationId), activity, options);
      return typeof result.id === 'string' ? result.id : '';
    },
    async update(client, serviceUrl, conversationId, activityId, activity, options) {
      serviceUrls.check(serviceUrl, 'update an activity');
      await call(client, 'PUT', activitiesUrl(serviceUrl, conversationId, activityId), activity, options);
    },
  };
}

/** A 2xx answer's body: `{ id }` normally, nothing or something else from a stand-in. */
function parseAnswer(text: string): { id?: string } {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as { id?: string }) : {};
  } catch {
    return {};
  }
}

function activitiesUrl(serviceUrl: string, conversationId: string, activityId?: string): URL {
  const base = serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
  const path = `v3/conversations/${encodeURIComponent(conversationId)}/activities`;
  return new URL(activityId ? `${path}/${encodeURIComponent(activityId)}` : path, base);
}
