import {
  ActivityTypes,
  CardFactory,
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationReference,
  type Mention as BotMention,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationReferenceJson, ConversationStore } from '../../shared/conversation-store';
import { errorCodes, HalteamError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { ChannelRole, Messenger, OutgoingMessage, TeamMember, UserAddress } from '../../shared/messenger';
import { withRetry, type RetryOptions } from '../../shared/retry';
import { classifyConnectorError, connectorStatus } from './connector-errors';
import { createConnectorRest, type ConnectorRest } from './connector-rest';
import { ConversationPacer, teamsConversationLimits, type RateWindow } from './conversation-pacer';

export interface TeamsMessengerOptions {
  adapter: CloudAdapter;
  conversations: ConversationStore;
  botAppId: string;
  logger: Logger;
  /** Per-conversation limits; Teams' own by default. */
  pacing?: RateWindow[];
  retry?: Partial<Pick<RetryOptions, 'attempts' | 'baseDelayMs' | 'maxDelayMs' | 'sleep'>>;
  /** Sends and updates activities; `fetch` with the SDK's credentials by default. */
  rest?: ConnectorRest;
}

/**
 * The one way the bot sends proactively. Every call is paced per conversation (a token bucket of
 * Teams' 7 per second), retried on 429/412/5xx honouring Retry-After, and a permanent failure
 * (403, 404, …) surfaces as a HalteamError the caller can act on.
 */
export function createTeamsMessenger(options: TeamsMessengerOptions): Messenger {
  const { adapter, conversations, logger } = options;
  const pacer = new ConversationPacer(options.pacing ?? teamsConversationLimits);
  const rest = options.rest ?? createConnectorRest();
  const botAppId = options.botAppId;

  async function send<T>(conversationId: string, what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(
        async () => {
          await pacer.acquire(conversationId.split(';messageid=')[0] ?? conversationId);
          return operation();
        },
        {
          attempts: options.retry?.attempts ?? 5,
          baseDelayMs: options.retry?.baseDelayMs ?? 500,
          maxDelayMs: options.retry?.maxDelayMs ?? 30_000,
          sleep: options.retry?.sleep,
          classify: classifyConnectorError,
          onRetry: (error, attempt, delayMs) =>
            logger.warn({ status: connectorStatus(error), attempt, delayMs, what }, 'Bot Connector busy; retrying'),
        },
      );
    } catch (error) {
      const status = connectorStatus(error);
      const retriable = classifyConnectorError(error).retry;
      throw new HalteamError(
        retriable ? errorCodes.sendRetriesExhausted : errorCodes.sendPermanentFailure,
        `Could not ${what} (status ${status ?? 'none'})`,
        { status, conversationId },
        { cause: error },
      );
    }
  }

  async function channelReference(role: ChannelRole): Promise<ConversationReferenceJson> {
    const binding = await conversations.getBinding(role);
    if (!binding) {
      throw new HalteamError(errorCodes.channelNotBound, `No channel is bound as ${role}`, { role });
    }
    return binding.reference;
  }

  /**
   * Connector clients per service URL. The first call for a service URL gets its client from the
   * adapter (which sets up the credentials); later calls reuse it: the client signs each request
   * with a fresh token itself, and skipping the adapter takes milliseconds off every alarm.
   */
  const clients = new Map<string, ConnectorClient>();

  async function connectorFor(reference: ConversationReferenceJson): Promise<ConnectorClient> {
    const serviceUrl = reference.serviceUrl ?? '';
    const cached = clients.get(serviceUrl);
    if (cached) return cached;
    let client: ConnectorClient | undefined;
    await adapter.continueConversationAsync(botAppId, reference as Partial<ConversationReference>, async (context) => {
      client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
    });
    if (!client) throw new HalteamError(errorCodes.sendPermanentFailure, 'The adapter gave no connector client');
    withoutSdkRetries(client);
    clients.set(serviceUrl, client);
    return client;
  }

  async function withConnector<T>(
    reference: ConversationReferenceJson,
    call: (client: ConnectorClient, reference: Partial<ConversationReference>) => Promise<T>,
  ): Promise<T> {
    return call(await connectorFor(reference), reference as Partial<ConversationReference>);
  }

  /** Sends a new activity to a conversation (a channel post, a thread reply or a chat message). */
  async function sendWith(reference: ConversationReferenceJson, message: Partial<Activity>): Promise<string> {
    return withConnector(reference, async (client, ref) => {
      const activity = TurnContext.applyConversationReference({ ...message }, ref) as Activity;
      delete activity.replyToId;
      const conversationId = ref.conversation?.id as string;
      const id = await rest.send(client, ref.serviceUrl as string, conversationId, activity);
      if (!id) throw new HalteamError(errorCodes.sendPermanentFailure, 'The connector returned no activity id');
      return id;
    });
  }

  return {
    async postToChannel(role, message) {
      const reference = await channelReference(role);
      const conversationId = reference.conversation?.id ?? role;
      const activityId = await send(conversationId, `post to ${role}`, () => sendWith(reference, toActivity(message)));
      return { conversationId, activityId };
    },

    async replyInThread(root, message) {
      const reference = await referenceFor(root.conversationId);
      const threadId = `${root.conversationId};messageid=${root.activityId}`;
      const threadReference = { ...reference, conversation: { ...reference.conversation, id: threadId } };
      const activityId = await send(root.conversationId, 'reply in thread', () =>
        sendWith(threadReference, toActivity(message)),
      );
      return { conversationId: threadId, activityId };
    },

    async update(posted, message) {
      const reference = await referenceFor(posted.conversationId);
      await send(posted.conversationId, 'update a card', () =>
        withConnector(reference, async (client, ref) => {
          const activity = TurnContext.applyConversationReference({ ...toActivity(message) }, ref) as Activity;
          activity.id = posted.activityId;
          delete activity.replyToId;
          await rest.update(client, ref.serviceUrl as string, posted.conversationId, posted.activityId, activity);
        }),
      );
    },

    async channelMembers(role) {
      const reference = await channelReference(role);
      const conversationId = reference.conversation?.id ?? role;
      return send(conversationId, `list members of ${role}`, () =>
        withConnector(reference, async (client) => {
          const members: TeamMember[] = [];
          let continuationToken: string | undefined;
          do {
            const options: { pageSize: number; continuationToken?: string } = { pageSize: 500 };
            if (continuationToken) options.continuationToken = continuationToken;
            const page = await client.conversations.getConversationPagedMembers(
              conversationId,
              options as { pageSize: number; continuationToken: string },
            );
            for (const member of page.members ?? []) {
              members.push({ id: member.id, aadObjectId: member.aadObjectId, name: member.name ?? member.id });
            }
            continuationToken = page.continuationToken || undefined;
          } while (continuationToken);
          return members;
        }),
      );
    },

    async sendToUser(user, message) {
      const deliver = async (reference: ConversationReferenceJson) => {
        const conversationId = reference.conversation?.id ?? user.id;
        const activityId = await send(conversationId, 'message a user', () => sendWith(reference, toActivity(message)));
        return { conversationId, activityId };
      };
      const stored = await conversations.getUserReference(user.id);
      if (!stored) return deliver(await openPersonalChat(user));
      try {
        return await deliver(stored);
      } catch (error) {
        // A chat Teams no longer knows (the app was removed and added again): open a new one, once.
        if (!(error instanceof HalteamError) || error.details.status !== 404) throw error;
        logger.warn({ userId: user.id }, 'stored personal chat is gone; opening a new one');
        return deliver(await openPersonalChat(user));
      }
    },
  };

  /** A posted message's conversation is a bound channel or a user's chat: find its stored reference. */
  async function referenceFor(conversationId: string): Promise<ConversationReferenceJson> {
    const base = conversationId.split(';messageid=')[0];
    for (const binding of await conversations.listBindings()) {
      if (binding.reference.conversation?.id === base) return binding.reference;
    }
    const any = await conversations.anyReference();
    if (!any) throw new HalteamError(errorCodes.channelNotBound, 'No conversation reference is known yet');
    return { ...any, conversation: { ...any.conversation, id: conversationId } };
  }

  /** A user who never chatted with the bot gets a new 1:1 conversation in the tenant. */
  async function openPersonalChat(user: UserAddress): Promise<ConversationReferenceJson> {
    const template = await conversations.anyReference();
    if (!template?.serviceUrl) {
      throw new HalteamError(errorCodes.userNotReachable, 'No tenant is known yet to open a chat in', {
        userId: user.id,
      });
    }
    const tenantId = template.conversation?.tenantId;
    let created: ConversationReferenceJson | undefined;
    await send(user.id, 'open a personal chat', () =>
      adapter.createConversationAsync(
        botAppId,
        'msteams',
        template.serviceUrl as string,
        '',
        {
          isGroup: false,
          bot: { id: botAppId, name: 'Halteam' },
          members: [{ id: user.id, name: user.name ?? '' }],
          tenantId,
          channelData: { tenant: { id: tenantId } },
        } as never,
        async (context) => {
          created = TurnContext.getConversationReference(context.activity) as ConversationReferenceJson;
        },
      ),
    );
    if (!created) throw new HalteamError(errorCodes.userNotReachable, 'Teams did not open a chat', { userId: user.id });
    await conversations.saveUserReference(user.id, created);
    return created;
  }
}

export function toActivity(message: OutgoingMessage): Partial<Activity> {
  const mentions: BotMention[] = (message.mentions ?? []).map((mention) => ({
    type: 'mention',
    text: `<at>${mention.name}</at>`,
    mentioned: { id: mention.userId, name: mention.name },
  })) as BotMention[];
  if (message.card) {
    const card = mentions.length > 0 ? { ...message.card, msteams: { entities: mentions } } : message.card;
    return {
      type: ActivityTypes.Message,
      text: message.text,
      attachments: [CardFactory.adaptiveCard(card)],
    };
  }
  return { type: ActivityTypes.Message, text: message.text ?? '', textFormat: 'markdown', entities: mentions };
}

/**
 * The connector client's own pipeline retries 5xx and 429 up to three times with its own delays.
 * Our retry (with the per-conversation pacing) is the one layer that decides, so the SDK's is removed.
 */
function withoutSdkRetries(client: ConnectorClient): void {
  const pipeline = (
    client as unknown as { client?: { pipeline?: { removePolicy(options: { name: string }): unknown } } }
  ).client?.pipeline;
  pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}
