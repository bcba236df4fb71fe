import {
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  TokenCredentials,
  type AuthenticateRequestResult,
  type UserTokenClient,
} from 'botframework-connector';

type Credentials = ConstructorParameters<typeof ConnectorClient>[0];

/**
 * Bot Framework authentication as it is for a bot with an app id, without Entra: every incoming
 * request counts as carrying a valid token (a test cannot mint one the SDK accepts), and every
 * connector client signs its requests with `token`, as the SDK's MSAL credentials do. Hand it to
 * `createAdapter(…, { authentication })`, which guards it like the SDK's own.
 */
export class StubAuthentication extends BotFrameworkAuthentication {
  /** Requests that got past `authenticateRequest`. */
  authenticated = 0;

  constructor(
    private readonly options: {
      appId?: string;
      token?: string;
      /** Instead of the token: credentials that, e.g., never finish signing (MSAL not answering). */
      credentials?: Credentials;
      /** Validating a token takes this long (or never ends: `Infinity`). */
      authenticationDelayMs?: number;
    } = {},
  ) {
    super();
  }

  get token(): string {
    return this.options.token ?? 'stub-bot-token';
  }

  override async authenticateRequest(): Promise<AuthenticateRequestResult> {
    const delay = this.options.authenticationDelayMs;
    if (delay === Infinity) await new Promise<never>(() => undefined);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    this.authenticated++;
    return {
      audience: 'https://api.botframework.com',
      claimsIdentity: this.identity(),
      connectorFactory: this.createConnectorFactory(),
    };
  }

  override authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    return Promise.reject(new Error('no streaming in tests'));
  }

  override createConnectorFactory(): ConnectorFactory {
    const credentials = this.options.credentials ?? new TokenCredentials(this.token);
    return new (class extends ConnectorFactory {
      override async create(serviceUrl: string): Promise<ConnectorClient> {
        return new ConnectorClient(credentials, { baseUri: serviceUrl });
      }
    })();
  }

  override async createUserTokenClient(): Promise<UserTokenClient> {
    return {} as UserTokenClient;
  }

  private identity(): ClaimsIdentity {
    const appId = this.options.appId ?? '00000000-0000-0000-0000-0000000000a1';
    return new ClaimsIdentity(
      [
        { type: 'aud', value: appId },
        { type: 'appid', value: appId },
      ],
      true,
    );
  }
}
