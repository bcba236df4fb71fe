import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { AppConfig } from '../../config/config-schema';
import { asHalteamError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';

/**
 * The CloudAdapter validates the Bot Framework token of every incoming activity whenever an app id is
 * configured; without one (local playground) it accepts anonymous requests, as the SDK does.
 */
export function createAdapter(config: AppConfig, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MICROSOFT_APP_ID ?? '',
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD ?? '',
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID ?? '',
    MicrosoftAppType: config.MICROSOFT_APP_ID ? config.MICROSOFT_APP_TYPE : 'MultiTenant',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, raw: unknown) => {
    const error = asHalteamError(raw);
    logger.error(
      {
        err: error,
        code: error.code,
        activityType: context.activity.type,
        conversationId: context.activity.conversation?.id,
      },
      'turn failed',
    );
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
