import type { Activity } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';

/**
 * The two Bot Connector calls on the alarm's path, sending and updating an activity (Bot Connector
 * REST API v3), made with `fetch`. The SDK's connector client runs every activity through its
 * serializer and an Azure pipeline, which cost ~0.1 ms of CPU per card: too much when fifty cards
 * leave in one burst. The token still comes from the SDK: the client's own credentials sign each
 * request (MSAL caches the token), so authentication and its configuration stay botbuilder's.
 *
 * A refusal is thrown as a `ConnectorRestError` carrying the status and Retry-After, the shape
 * `connector-errors.ts` classifies for both clients.
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

export interface ConnectorRest {
  /** POST /v3/conversations/{conversationId}/activities; resolves to the new activity's id. */
  send(
    client: ConnectorClient,
    serviceUrl: string,
    conversationId: string,
    activity: Partial<Activity>,
  ): Promise<string>;
  /** PUT /v3/conversations/{conversationId}/activities/{activityId} */
  update(
    client: ConnectorClient,
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: Partial<Activity>,
  ): Promise<void>;
}

export function createConnectorRest(fetchImpl: typeof fetch = fetch): ConnectorRest {
  async function call(
    client: ConnectorClient,
    method: 'POST' | 'PUT',
    url: URL,
    activity: Partial<Activity>,
  ): Promise<{ id?: string }> {
    const headers = new Headers({ 'content-type': 'application/json; charset=utf-8' });
    // The SDK's credentials set Authorization when an app id is configured, and nothing without one.
    await client.credentials.signRequest({
      headers: { set: (name: string, value: string) => headers.set(name, value) },
    } as never);
    const response = await fetchImpl(url, { method, headers, body: JSON.stringify(activity) });
    const text = await response.text();
    if (!response.ok) throw new ConnectorRestError(response.status, { headers: response.headers }, text);
    return text ? (JSON.parse(text) as { id?: string }) : {};
  }

  return {
    async send(client, serviceUrl, conversationId, activity) {
      const result = await call(client, 'POST', activitiesUrl(serviceUrl, conversationId), activity);
      return result.id ?? '';
    },
    async update(client, serviceUrl, conversationId, activityId, activity) {
      await call(client, 'PUT', activitiesUrl(serviceUrl, conversationId, activityId), activity);
    },
  };
}

function activitiesUrl(serviceUrl: string, conversationId: string, activityId?: string): URL {
  const base = serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
  const path = `v3/conversations/${encodeURIComponent(conversationId)}/activities`;
  return new URL(activityId ? `${path}/${encodeURIComponent(activityId)}` : path, base);
}
