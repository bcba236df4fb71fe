import { ClientSecretCredential } from '@azure/identity';
import { AuthenticationHandler, Client, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { AppConfig } from '../../config/config-schema';

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
 * A Graph client for GRAPH_BASE_URL. Retries are ours (see graph-calendar.ts), so the chain is only
 * authentication and HTTP: the SDK's own retry handler would hide 429s from our Retry-After policy.
 */
export function createGraphClient(config: GraphSettings): Client | undefined {
  const mode = graphMode(config);
  if (mode === 'none') return undefined;
  const base = new URL(config.GRAPH_BASE_URL);
  const authProvider =
    mode === 'graph'
      ? new TokenCredentialAuthenticationProvider(
          new ClientSecretCredential(
            config.GRAPH_TENANT_ID as string,
            config.GRAPH_CLIENT_ID as string,
            config.GRAPH_CLIENT_SECRET as string,
          ),
          { scopes: ['https://graph.microsoft.com/.default'] },
        )
      : { getAccessToken: async () => 'graph-stand-in' };
  const middleware = new AuthenticationHandler(authProvider);
  middleware.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware,
    baseUrl: base.origin,
    defaultVersion: base.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0',
  });
}
