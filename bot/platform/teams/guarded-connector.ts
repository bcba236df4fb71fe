import type { Activity } from 'botbuilder';
import {
  BotFrameworkAuthentication,
  ConnectorClient,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClientOptions,
  type UserTokenClient,
} from 'botframework-connector';
import { version as connectorVersion } from 'botframework-connector/package.json';
import { ConnectorTimeoutError } from './connector-errors';
import { beforeDeadline } from '../../shared/deadline';
import type { ServiceUrlPolicy } from './service-url-policy';

/**
 * How long one call to the Bot Connector through the SDK's client may take, the token included
 * (replies within a turn, member look-ups, opening a chat). The alarm path is shorter: 10 s per
 * attempt (`defaultConnectorTimeoutMs` in connector-rest.ts; the messenger passes its own signal).
 * Without a limit the SDK's client (core-rest-pipeline over Node's http) waits for as long as the
 * connection stays open.
 */
export const connectorCallTimeoutMs = 15_000;

/**
 * How long validating an incoming activity's token may take: botbuilder fetches the Bot Framework
 * signing keys (login.botframework.com) with node-fetch and no time limit when its cache is stale.
 */
export const authenticationTimeoutMs = 15_000;

export interface ConnectorGuard {
  /** Where the bot's token may go (Teams' hosts, TEAMS_SERVICE_URL_HOSTS, loopback in development). */
  serviceUrls: ServiceUrlPolicy;
  /** Per call through the SDK's connector client; `connectorCallTimeoutMs` by default. */
  callTimeoutMs: number;
  /** Per validation of an incoming token; `authenticationTimeoutMs` by default. */
  authenticationTimeoutMs: number;
}

/**
 * The SDK's authentication (ConfigurationBotFrameworkAuthentication: token validation, credentials,
 * the cloud's endpoints) with every connector client it hands out guarded: botbuilder makes all its
 * Bot Connector clients through `createConnectorFactory` or the factory `authenticateRequest`
 * returns (CloudAdapterBase: replies in a turn, continueConversationAsync, createConversationAsync),
 * so this is the one place where a service URL becomes a client that signs requests.
 */
export class GuardedBotFrameworkAuthentication extends BotFrameworkAuthentication {
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly guard: ConnectorGuard,
  ) {
    super();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.guardResult(await this.withinLimit(this.inner.authenticateRequest(activity, authHeader)));
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.guardResult(
      await this.withinLimit(this.inner.authenticateStreamingRequest(authHeader, channelIdHeader)),
    );
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.withinLimit(this.inner.authenticateChannelRequest(authHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new GuardedConnectorFactory(this.inner.createConnectorFactory(claimsIdentity), this.guard);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  private guardResult(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: new GuardedConnectorFactory(factory, this.guard) } : result;
  }

  private withinLimit<T>(work: Promise<T>): Promise<T> {
    const timeoutMs = this.guard.authenticationTimeoutMs;
    return beforeDeadline(
      work,
      AbortSignal.timeout(timeoutMs),
      () => new ConnectorTimeoutError(timeoutMs, false, { service: 'Bot Framework token validation' }),
    );
  }
}

/**
 * Makes Bot Connector clients only for allowed service URLs, each with a time limit per call. The
 * SDK's factory still decides the credentials (app id, audience, the cloud's login endpoint): its
 * client is the template, and the client handed out is the same ConnectorClient with the SDK's
 * documented extension point, `requestPolicyFactories`, set (botbuilder's own factory overwrites that
 * option, so it cannot be passed through ConnectorClientOptions).
 */
export class GuardedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly guard: ConnectorGuard,
  ) {
    super();
  }

  override async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    // Before any credentials exist for it: a refused service URL gets no client, hence no token.
    this.guard.serviceUrls.check(serviceUrl, 'call the Bot Connector');
    const template = await this.inner.create(serviceUrl, audience);
    return new ConnectorClient(template.credentials, {
      baseUri: serviceUrl,
      // As botbuilder's own factory names its requests (ConnectorFactoryImpl's USER_AGENT).
      userAgent: `Microsoft-BotFramework/3.1 botframework-connector/${connectorVersion}`,
      requestPolicyFactories: [guardPolicy(this.guard)],
    });
  }
}

type PolicyFactories = NonNullable<ConnectorClientOptions['requestPolicyFactories']>;
type RequestPolicyFactory = Extract<PolicyFactories, readonly unknown[]>[number];
type WebResource = Parameters<ReturnType<RequestPolicyFactory['create']>['sendRequest']>[0];
type AbortSignalLike = NonNullable<WebResource['abortSignal']>;

/**
 * Runs before the SDK signs the request (its credentials policy comes after the request policy
 * factories in the client's pipeline) and before its retry policy: the host is checked before a
 * token is attached, and the limit covers getting the token, the SDK's own retries and the answer.
 * Past the limit the HTTP request is aborted and the call fails with a `ConnectorTimeoutError`, which
 * `classifyConnectorError` treats as retryable with an unknown outcome. A caller's own abort signal
 * (the messenger's, 10 s on the alarm path) still applies.
 */
function guardPolicy(guard: ConnectorGuard): RequestPolicyFactory {
  return {
    create: (next) => ({
      async sendRequest(request) {
        guard.serviceUrls.check(request.url, 'call the Bot Connector');
        // What botbuilder's own factory adds to every request.
        if (!request.headers.contains('accept')) request.headers.set('accept', '*/*');
        const timeoutMs = guard.callTimeoutMs;
        const deadline = AbortSignal.timeout(timeoutMs);
        const caller = request.abortSignal;
        const signal = caller ? eitherSignal(caller, deadline) : deadline;
        request.abortSignal = signal;
        try {
          return await beforeDeadline(next.sendRequest(request), signal, () =>
            deadline.aborted ? new ConnectorTimeoutError(timeoutMs, true) : abortReason(caller),
          );
        } catch (error) {
          if (deadline.aborted && !(error instanceof ConnectorTimeoutError)) {
            throw new ConnectorTimeoutError(timeoutMs, true, { cause: error });
          }
          throw error;
        }
      },
    }),
  };
}

/** Aborted when either is. */
function eitherSignal(caller: AbortSignalLike, deadline: AbortSignal): AbortSignal {
  if (caller instanceof AbortSignal) return AbortSignal.any([caller, deadline]);
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (caller.aborted) abort();
  caller.addEventListener('abort', abort);
  deadline.addEventListener('abort', abort, { once: true });
  return controller.signal;
}

function abortReason(caller: AbortSignalLike | undefined): unknown {
  const reason = caller instanceof AbortSignal ? caller.reason : undefined;
  return reason ?? new DOMException('The operation was aborted', 'AbortError');
}
