import type { Client } from '@microsoft/microsoft-graph-client';
import { errorCodes, HalteamError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { parseRetryAfter, sleep, withRetry } from '../../shared/retry';
import { createGraphClient, isGraphTimeout, graphRetryAfterOf, graphStatusOf } from './graph-client';

export interface AppInstallerOptions {
  /** The app's id in the organisation's app catalog (not the manifest id; see infra/README.md). */
  teamsAppCatalogId: string;
  attempts?: number;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
}

/** Installing an app for a person takes Teams a few seconds; a call may take longer than a read. */
export const installCallTimeoutMs = 20_000;

/**
 * The personal chat between the bot and a person who never opened the app, made through Microsoft
 * Graph (app-only, TeamsAppInstallation.ReadWriteSelfForUser.All): the app is installed for the person
 * (`POST /users/{id}/teamwork/installedApps`; already installed answers 409 and is fine), then the
 * installation's chat is read (`GET …/installedApps/{installationId}/chat`). Returns the chat's id,
 * which the Bot Connector takes as a conversation id.
 */
export function createGraphAppInstaller(client: Client, options: AppInstallerOptions) {
  const attempts = options.attempts ?? 4;
  const appBinding = `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${options.teamsAppCatalogId}`;

  function call<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return withRetry(operation, {
      attempts,
      baseDelayMs: 1_000,
      maxDelayMs: 30_000,
      sleep: options.sleep ?? sleep,
      classify(error) {
        const status = graphStatusOf(error);
        if (status === 429 || (status !== undefined && status >= 500)) {
          return { retry: true, afterMs: parseRetryAfter(graphRetryAfterOf(error)) };
        }
        return { retry: isGraphTimeout(error) };
      },
      onRetry: (error, attempt, delayMs) =>
        options.logger?.warn({ status: graphStatusOf(error), attempt, delayMs, what }, 'Graph asked to retry'),
    });
  }

  return {
    async personalChat(userAadObjectId: string): Promise<string> {
      const user = `/users/${encodeURIComponent(userAadObjectId)}/teamwork/installedApps`;
      try {
        try {
          await call('installing the app', () => client.api(user).post({ 'teamsApp@odata.bind': appBinding }));
        } catch (error) {
          if (graphStatusOf(error) !== 409) throw error;
        }
        const installed = (await call('the installation', () =>
          client.api(user).expand('teamsApp').filter(`teamsApp/id eq '${options.teamsAppCatalogId}'`).get(),
        )) as { value?: { id?: string }[] };
        const installationId = installed.value?.[0]?.id;
        if (!installationId) throw new Error('the app is not among the installed apps after installing it');
        const chat = (await call('the installation’s chat', () =>
          client.api(`${user}/${encodeURIComponent(installationId)}/chat`).get(),
        )) as { id?: string };
        if (!chat.id) throw new Error('Graph gave no chat for the installation');
        return chat.id;
      } catch (error) {
        throw new HalteamError(
          errorCodes.userNotReachable,
          `The app could not be installed for a person through Graph (${graphStatusOf(error) ?? 'no answer'})`,
          { status: graphStatusOf(error) },
          { cause: error },
        );
      }
    },
  };
}

export type GraphAppInstaller = ReturnType<typeof createGraphAppInstaller>;

/** The installer this process uses: Graph (or its stand-in) with TEAMS_APP_CATALOG_ID set, else none. */
export function createAppInstaller(
  config: Parameters<typeof createGraphClient>[0] & { TEAMS_APP_CATALOG_ID?: string },
  options: Omit<AppInstallerOptions, 'teamsAppCatalogId'> = {},
): GraphAppInstaller | undefined {
  if (!config.TEAMS_APP_CATALOG_ID) return undefined;
  const client = createGraphClient(config, { timeoutMs: installCallTimeoutMs });
  return client
    ? createGraphAppInstaller(client, { ...options, teamsAppCatalogId: config.TEAMS_APP_CATALOG_ID })
    : undefined;
}
