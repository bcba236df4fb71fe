import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import type restify from 'restify';
import type { AppConfig } from '../../config/config-schema';
import { asHalteamError, errorCodes, HalteamError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { ConnectorTimeoutError } from './connector-errors';
import {
  authenticationTimeoutMs,
  connectorCallTimeoutMs,
  GuardedBotFrameworkAuthentication,
} from './guarded-connector';
import { serviceUrlHost, serviceUrlPolicyFor, type ServiceUrlPolicy } from './service-url-policy';

type Logic = (context: TurnContext) => Promise<void>;

/**
 * The SDK's CloudAdapter, refusing an activity whose service URL is not a Teams host once its token
 * is checked: the turn does not run and nothing is sent (the answer is 400, as the Agents SDK's
 * adapter gives). Without this, botbuilder replies to whatever service URL an authenticated activity
 * names, with the bot's token. The connector clients of every turn and every proactive call are
 * guarded as well (guarded-connector.ts).
 */
export class HalteamAdapter extends CloudAdapter {
  constructor(
    authentication: BotFrameworkAuthentication,
    readonly serviceUrls: ServiceUrlPolicy,
    private readonly logger: Logger,
  ) {
    super(authentication);
  }

  protected override processActivity(
    authHeader: string,
    activity: Activity,
    logic: Logic,
  ): Promise<InvokeResponse | undefined>;
  protected override processActivity(
    authenticateRequestResult: AuthenticateRequestResult,
    activity: Activity,
    logic: Logic,
  ): Promise<InvokeResponse | undefined>;
  protected override async processActivity(
    authHeaderOrResult: string | AuthenticateRequestResult,
    activity: Activity,
    logic: Logic,
  ): Promise<InvokeResponse | undefined> {
    // The token first: a request without a valid one is answered 401 whatever its service URL says.
    const authenticated =
      typeof authHeaderOrResult === 'string'
        ? await this.botFrameworkAuthentication.authenticateRequest(activity, authHeaderOrResult)
        : authHeaderOrResult;
    const reason = this.serviceUrls.refusal(activity.serviceUrl);
    if (reason !== undefined) {
      this.logger.warn(
        {
          code: errorCodes.serviceUrlRefused,
          host: serviceUrlHost(activity.serviceUrl),
          reason,
          activityType: activity.type,
          channelId: activity.channelId,
        },
        'incoming activity refused: its service URL is not a Teams host; no turn, no request made',
      );
      return { status: 400 };
    }
    return super.processActivity(authenticated, activity, logic);
  }
}

export interface AdapterOptions {
  /** Per call to the Bot Connector through the SDK's client; `connectorCallTimeoutMs` (15 s) by default. */
  connectorTimeoutMs?: number;
  /** Per validation of an incoming token; `authenticationTimeoutMs` (15 s) by default. */
  authenticationTimeoutMs?: number;
  /** Instead of the SDK's authentication from the settings (tests); guarded all the same. */
  authentication?: BotFrameworkAuthentication;
}

type AdapterSettings = Pick<
  AppConfig,
  | 'MICROSOFT_APP_ID'
  | 'MICROSOFT_APP_PASSWORD'
  | 'MICROSOFT_APP_TENANT_ID'
  | 'MICROSOFT_APP_TYPE'
  | 'TEAMS_SERVICE_URL_HOSTS'
>;

/**
 * The CloudAdapter validates the Bot Framework token of every incoming activity whenever an app id is
 * configured; without one (local playground) it accepts anonymous requests, as the SDK does. Its
 * token goes only to Teams' service URLs (service-url-policy.ts), and every call it makes to the
 * Bot Connector has a time limit.
 */
export function createAdapter(config: AdapterSettings, logger: Logger, options: AdapterOptions = {}): HalteamAdapter {
  const serviceUrls = serviceUrlPolicyFor(config, logger);
  const sdkAuthentication =
    options.authentication ??
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.MICROSOFT_APP_ID ?? '',
      MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD ?? '',
      MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID ?? '',
      MicrosoftAppType: config.MICROSOFT_APP_ID ? config.MICROSOFT_APP_TYPE : 'MultiTenant',
    });
  const authentication = new GuardedBotFrameworkAuthentication(sdkAuthentication, {
    serviceUrls,
    callTimeoutMs: options.connectorTimeoutMs ?? connectorCallTimeoutMs,
    authenticationTimeoutMs: options.authenticationTimeoutMs ?? authenticationTimeoutMs,
  });
  const adapter = new HalteamAdapter(authentication, serviceUrls, logger);
  adapter.onTurnError = async (context: TurnContext, raw: unknown) => {
    const error = turnError(raw);
    logger.error(
      {
        err: error,
        code: error.code,
        activityType: context.activity.type,
        conversationId: context.activity.conversation?.id,
      },
      'turn failed',
    );
    // Teams did not answer in time: another message now would only keep this request open longer.
    if (error.code === errorCodes.connectorTimeout) return;
    // An invoke gets its error through the invoke response; a message gets a calm apology.
    if (context.activity.type === 'message') {
      await context
        .sendActivity(
          'Sorry, er ging iets mis bij het verwerken van je bericht. Probeer het zo nog eens. ' +
            `Blijft het misgaan, meld dan code ${error.code} bij de beheerder.`,
        )
        .catch((sendError: unknown) => logger.error({ err: sendError }, 'could not tell the user about the failure'));
    }
  };
  return adapter;
}

/** A turn's failure with its code; a Bot Connector that did not answer in time is HT1207. */
function turnError(raw: unknown): HalteamError {
  if (raw instanceof ConnectorTimeoutError) {
    return new HalteamError(errorCodes.connectorTimeout, raw.message, { timeoutMs: raw.timeoutMs }, { cause: raw });
  }
  return asHalteamError(raw);
}

/** The /api/messages handler: the adapter checks the activity's token and runs the turn. */
export function processActivities(adapter: CloudAdapter, runTurn: (context: TurnContext) => Promise<void>) {
  return (req: restify.Request, res: restify.Response) => adapter.process(req, res, runTurn);
}
