import type { AppConfig } from '../../config/config-schema';
import { errorCodes, HalteamError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';

/**
 * The hosts of the Bot Connector service URLs Teams hands out, in each cloud: the public one
 * (`smba.trafficmanager.net`, `*.botframework.com`), GCC (`smba.infra.gcc.teams.microsoft.com`), GCC
 * High and DoD (`smba.infra.gov|dod.teams.microsoft.us`) and the US government Bot Framework
 * (`*.botframework.us`, `*.botframework.azure.us`). An entry matches the host itself and every
 * subdomain of it.
 *
 * Taken from the Microsoft 365 Agents SDK's own check, the successor of botbuilder:
 * microsoft/Agents-for-js, packages/agents-hosting/src/outboundHostValidator.ts
 * (`DEFAULT_MICROSOFT_HOSTS`, "Hosts used by Microsoft channel callbacks", commit f503cf9, 2026-08)
 * and packages/agents-hosting-extensions-msteams/src/teamsProactiveServiceEndpoints.ts (the service
 * URLs per Teams cloud). Its cloudAdapter.ts checks an incoming activity's serviceUrl after the token
 * and again before it makes a connector client; this bot does both (create-adapter.ts). Of that
 * list we keep the connector hosts only: the bot fetches no attachments (Graph, SharePoint, blob
 * storage) with its Bot Framework token. Other sovereign clouds: TEAMS_SERVICE_URL_HOSTS.
 */
export const teamsServiceHosts: readonly string[] = [
  'smba.trafficmanager.net',
  'botframework.com',
  'teams.microsoft.com',
  'teams.microsoft.us',
  'botframework.us',
  'botframework.azure.us',
];

/** The local Agents Playground (and test stand-ins): allowed only when the bot has no app id. */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A service URL the bot will not call: no request is made and no token leaves the process. The
 * service URL is not trusted input: it comes from an activity (whose sender may hold a valid token
 * of another kind, e.g. an emulator or skill token, which botbuilder does not bind to a service URL)
 * or from a stored conversation reference.
 */
export class ServiceUrlRefusedError extends HalteamError {
  constructor(
    readonly host: string,
    readonly reason: string,
    what: string,
  ) {
    super(errorCodes.serviceUrlRefused, `Refused to ${what} at ${host || 'an unreadable service URL'}: ${reason}`, {
      host,
      reason,
    });
  }
}

export interface ServiceUrlPolicy {
  /** Why a token may not be sent to this service URL, or undefined when it may. */
  refusal(serviceUrl: string | undefined): string | undefined;
  /**
   * Throws a `ServiceUrlRefusedError` (and logs it, with its code) when the service URL is refused;
   * `what` says what was about to happen ("reply to an incoming activity").
   */
  check(serviceUrl: string | undefined, what: string): void;
}

export interface ServiceUrlPolicyOptions {
  /** Host names or `*.`-suffixes besides Teams' own (TEAMS_SERVICE_URL_HOSTS). */
  extraHosts?: readonly string[];
  /** Also http(s)://localhost and 127.0.0.1 (development without an app id: the Agents Playground). */
  allowLoopback: boolean;
  logger?: Logger;
}

export function createServiceUrlPolicy(options: ServiceUrlPolicyOptions): ServiceUrlPolicy {
  const suffixes = [...teamsServiceHosts, ...(options.extraHosts ?? [])].map((host) =>
    host.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, ''),
  );

  function refusal(serviceUrl: string | undefined): string | undefined {
    if (!serviceUrl) return 'no service URL';
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return 'not a URL';
    }
    if (url.username || url.password) return 'credentials in the URL';
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    if (options.allowLoopback && loopbackHosts.has(host)) {
      return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : `protocol ${url.protocol}`;
    }
    if (url.protocol !== 'https:') return `${url.protocol.replace(':', '')} instead of https`;
    if (suffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) return undefined;
    return 'not a Teams host (TEAMS_SERVICE_URL_HOSTS adds hosts of other clouds)';
  }

  return {
    refusal,
    check(serviceUrl, what) {
      const reason = refusal(serviceUrl);
      if (reason === undefined) return;
      const error = new ServiceUrlRefusedError(serviceUrlHost(serviceUrl), reason, what);
      options.logger?.warn(
        { code: error.code, host: error.host, reason, what },
        'service URL refused: no request made, no token sent',
      );
      throw error;
    },
  };
}

/** The policy of this process: Teams' hosts and TEAMS_SERVICE_URL_HOSTS; loopback too without an app id. */
export function serviceUrlPolicyFor(
  config: Pick<AppConfig, 'MICROSOFT_APP_ID' | 'TEAMS_SERVICE_URL_HOSTS'>,
  logger?: Logger,
): ServiceUrlPolicy {
  return createServiceUrlPolicy({
    extraHosts: config.TEAMS_SERVICE_URL_HOSTS,
    allowLoopback: !config.MICROSOFT_APP_ID,
    logger,
  });
}

/** For logs: the host only (a service URL is attacker-chosen text; its path says nothing more). */
export function serviceUrlHost(serviceUrl: string | undefined): string {
  if (!serviceUrl) return '';
  try {
    return new URL(serviceUrl).host.slice(0, 200);
  } catch {
    return '';
  }
}
