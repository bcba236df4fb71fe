import {
  ActivityTypes,
  CardFactory,
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  type Mention as BotMention,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationReferenceJson, ConversationStore } from '../../shared/conversation-store';
import { errorCodes, HalteamError, isHalteamError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type {
  ChannelRole,
  Messenger,
  OutgoingMessage,
  PostedMessage,
  TeamMember,
  UserAddress,
} from '../../shared/messenger';
import { withRetry, type RetryOptions } from '../../shared/retry';
import {
  classifyConnectorError,
  connectionErrorCode,
  connectorStatus,
  ConnectorTimeoutError,
} from './connector-errors';
import { createConnectorRest, defaultConnectorTimeoutMs, type ConnectorRest } from './connector-rest';
import { ConversationPacer, teamsConversationLimits, type RateWindow } from './conversation-pacer';
import { createServiceUrlPolicy, ServiceUrlRefusedError, type ServiceUrlPolicy } from './service-url-policy';

export interface TeamsMessengerOptions {
  adapter: CloudAdapter;
  conversations: ConversationStore;
  botAppId: string;
  logger: Logger;
  /** Per-conversation limits; Teams' own by default. */
  pacing?: RateWindow[];
  /**
   * Attempts and backoff (5 attempts, 0.5 s doubling to 30 s), and how long one attempt may take
   * (`attemptTimeoutMs`, 10 s): without a limit undici waits 300 s for a connector that never answers.
   */
  retry?: Partial<Pick<RetryOptions, 'attempts' | 'baseDelayMs' | 'maxDelayMs' | 'sleep'>> & {
    attemptTimeoutMs?: number;
  };
  /** Sends and updates activities; `fetch` with the SDK's credentials by default. */
  rest?: ConnectorRest;
  /**
   * Which service URLs may be called (checked before any client or token is made for them): the
   * app passes the adapter's (with TEAMS_SERVICE_URL_HOSTS); without one, Teams' hosts, and loopback
   * only without a bot app id.
   */
  serviceUrls?: ServiceUrlPolicy;
  /**
   * Installs the app for a person who never opened it and answers the personal chat's id (Graph,
   * platform/graph/app-installation.ts): Teams opens no chat with someone the app is not installed for.
   */
  installApp?: (aadObjectId: string) => Promise<string>;
}

/** How one call to the connector may be repeated. */
interface SendPolicy {
  /** Where it goes; a thread (`…;messageid=…`) is paced under its channel. */
  conversationId: string;
  /** For logs and errors: "post to halteam". */
  what: string;
  /** A new alarm card: paced ahead of other messages, repeated even when it may have arrived. */
  urgent?: boolean;
  /** Doing it twice does no harm (a PUT of the same card, a GET): repeated when it may have arrived. */
  idempotent?: boolean;
}

/** Updates of one card: the one waiting for its turn (newer updates merge into it) and the last one started. */
interface CardUpdates {
  waiting?: { message: OutgoingMessage; done: Promise<void> };
  last?: Promise<void>;
}

/**
 * The one way the bot sends proactively. Every call is paced per conversation (Teams' limits, a new
 * alarm card ahead of other waiting messages), has a time limit per attempt, and is retried on
 * 429/412/5xx honouring Retry-After and on connections that failed. When an attempt may have
 * arrived although it failed (reset, no answer in time), only what may arrive twice is repeated (an
 * urgent alarm card, a card update, a read); anything else surfaces as HT1205 so the caller does not
 * send it again. A permanent failure (403, 404, …) surfaces as a HalteamError the caller can act on.
 * Updates of a card still waiting for their turn are merged: the newest content goes out once.
 * A stored reference whose service URL is not a Teams host is refused with HT1206, never retried.
 */
export function createTeamsMessenger(options: TeamsMessengerOptions): Messenger {
  const { adapter, conversations, logger } = options;
  const pacer = new ConversationPacer(options.pacing ?? teamsConversationLimits);
  const botAppId = options.botAppId;
  const serviceUrls =
    options.serviceUrls ?? createServiceUrlPolicy({ allowLoopback: !botAppId, logger: options.logger });
  const rest = options.rest ?? createConnectorRest(fetch, serviceUrls);
  const timeoutMs = options.retry?.attemptTimeoutMs ?? defaultConnectorTimeoutMs;

  async function send<T>(policy: SendPolicy, operation: () => Promise<T>): Promise<T> {
    const { conversationId, what } = policy;
    const paceKey = conversationId.split(';messageid=')[0] ?? conversationId;
    const repeatable = policy.urgent === true || policy.idempotent === true;
    let mayHaveArrived = false;
    try {
      return await withRetry(
        async () => {
          await pacer.acquire(paceKey, { urgent: policy.urgent });
          return operation();
        },
        {
          attempts: options.retry?.attempts ?? 5,
          baseDelayMs: options.retry?.baseDelayMs ?? 500,
          maxDelayMs: options.retry?.maxDelayMs ?? 30_000,
          sleep: options.retry?.sleep,
          classify: (error) => {
            const decision = classifyConnectorError(error);
            if (!decision.outcomeUnknown) return decision;
            mayHaveArrived = true;
            return repeatable ? decision : { retry: false };
          },
          onRetry: (error, attempt, delayMs) =>
            logger.warn(
              {
                status: connectorStatus(error),
                code: connectionErrorCode(error),
                attempt,
                delayMs,
                what,
                urgent: policy.urgent === true || undefined,
              },
              'Bot Connector busy or unreachable; retrying',
            ),
        },
      );
    } catch (error) {
      // Not a Teams host (a stored reference): nothing was sent; the refusal keeps its own code.
      if (error instanceof ServiceUrlRefusedError) throw error;
      const status = connectorStatus(error);
      const code = connectionErrorCode(error);
      const decision = classifyConnectorError(error);
      const details = { status, code, conversationId, ...(mayHaveArrived ? { outcomeUnknown: true } : {}) };
      if (decision.outcomeUnknown && !repeatable) {
        throw new HalteamError(
          errorCodes.sendOutcomeUnknown,
          `Could not ${what}: the connection failed after sending (${code ?? 'no answer'}), so it may have arrived; not repeated`,
          details,
          { cause: error },
        );
      }
      throw new HalteamError(
        decision.retry ? errorCodes.sendRetriesExhausted : errorCodes.sendPermanentFailure,
        `Could not ${what} (status ${status ?? code ?? 'none'})`,
        details,
        { cause: error },
      );
    }
  }

  /** Runs an SDK client call with this attempt's time limit; abandoned past it, outcome unknown. */
  async function withinTimeLimit<T>(call: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      return await call(deadline);
    } catch (error) {
      if (deadline.aborted) throw new ConnectorTimeoutError(timeoutMs, true, { cause: error });
      throw error;
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
    // Before the adapter makes credentials for it (its own factory checks again); a cached client's
    // service URL passed this check.
    serviceUrls.check(serviceUrl, 'call the Bot Connector');
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

  /**
   * Sends a new activity to a conversation (a channel post, a thread reply or a chat message). Any
   * 2xx answer is a success: its activity id, or '' when the service gave none (the Agents
   * Playground answers 202 without one); sending again would only make a second message.
   */
  async function sendWith(reference: ConversationReferenceJson, message: Partial<Activity>): Promise<string> {
    return withConnector(reference, async (client, ref) => {
      const activity = TurnContext.applyConversationReference({ ...message }, ref) as Activity;
      delete activity.replyToId;
      const conversationId = ref.conversation?.id as string;
      const id = await rest.send(client, ref.serviceUrl as string, conversationId, activity, { timeoutMs });
      if (!id) logger.warn({ conversationId }, 'the connector accepted a message without an activity id');
      return id;
    });
  }

  const cardUpdates = new Map<string, CardUpdates>();

  /** One PUT of a card with the newest content merged into `waiting` by the time it gets its turn. */
  async function putCard(posted: PostedMessage, card: CardUpdates, waiting: CardUpdates['waiting'] & {}) {
    try {
      const reference = await referenceFor(posted.conversationId);
      await send(
        {
          conversationId: posted.conversationId,
          what: 'update a card',
          urgent: waiting.message.urgent,
          idempotent: true,
        },
        () => {
          // Its turn has come: a newer update from here on waits for the next PUT.
          if (card.waiting === waiting) card.waiting = undefined;
          return withConnector(reference, async (client, ref) => {
            const activity = TurnContext.applyConversationReference(
              { ...toActivity(waiting.message) },
              ref,
            ) as Activity;
            activity.id = posted.activityId;
            delete activity.replyToId;
            await rest.update(client, ref.serviceUrl as string, posted.conversationId, posted.activityId, activity, {
              timeoutMs,
            });
          });
        },
      );
    } finally {
      if (card.waiting === waiting) card.waiting = undefined;
    }
  }

  return {
    async postToChannel(role, message) {
      const reference = await channelReference(role);
      const conversationId = reference.conversation?.id ?? role;
      const activityId = await send({ conversationId, what: `post to ${role}`, urgent: message.urgent }, () =>
        sendWith(reference, toActivity(message)),
      );
      return { conversationId, activityId };
    },

    async replyInThread(root, message) {
      const reference = await referenceFor(root.conversationId);
      if (!root.activityId) {
        // The root was accepted without an id (the Agents Playground): no thread to answer in.
        logger.warn({ conversationId: root.conversationId }, 'no activity id to reply to; posting in the conversation');
        const activityId = await send(
          { conversationId: root.conversationId, what: 'reply in thread', urgent: message.urgent },
          () => sendWith(reference, toActivity(message)),
        );
        return { conversationId: root.conversationId, activityId };
      }
      const threadId = `${root.conversationId};messageid=${root.activityId}`;
      const threadReference = { ...reference, conversation: { ...reference.conversation, id: threadId } };
      const activityId = await send(
        { conversationId: root.conversationId, what: 'reply in thread', urgent: message.urgent },
        () => sendWith(threadReference, toActivity(message)),
      );
      return { conversationId: threadId, activityId };
    },

    update(posted, message) {
      if (!posted.activityId) {
        return Promise.reject(
          new HalteamError(
            errorCodes.sendPermanentFailure,
            'Cannot update a message the connector gave no activity id for',
            { conversationId: posted.conversationId },
          ),
        );
      }
      const key = `${posted.conversationId}\n${posted.activityId}`;
      let card = cardUpdates.get(key);
      if (!card) {
        card = {};
        cardUpdates.set(key, card);
      }
      // An update still waiting for its turn takes the newer content; both callers wait for that PUT.
      if (card.waiting) {
        card.waiting.message = message;
        return card.waiting.done;
      }
      const current = card;
      const waiting = { message, done: Promise.resolve() };
      current.waiting = waiting;
      // One PUT per card at a time, in order: a newer one never lands before an older one.
      const start = () => putCard(posted, current, waiting);
      const done = (current.last ?? Promise.resolve()).then(start, start);
      waiting.done = done;
      current.last = done;
      const forget = () => {
        if (current.last === done && !current.waiting) cardUpdates.delete(key);
      };
      done.then(forget, forget);
      return done;
    },

    async channelMembers(role) {
      const reference = await channelReference(role);
      const conversationId = reference.conversation?.id ?? role;
      return send({ conversationId, what: `list members of ${role}`, idempotent: true }, () =>
        withConnector(reference, async (client) => {
          const members: TeamMember[] = [];
          let continuationToken: string | undefined;
          do {
            const page = await withinTimeLimit((abortSignal) => {
              const options: { pageSize: number; continuationToken?: string; abortSignal: AbortSignal } = {
                pageSize: 500,
                abortSignal,
              };
              if (continuationToken) options.continuationToken = continuationToken;
              return client.conversations.getConversationPagedMembers(
                conversationId,
                options as { pageSize: number; continuationToken: string },
              );
            });
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
        const activityId = await send({ conversationId, what: 'message a user', urgent: message.urgent }, () =>
          sendWith(reference, toActivity(message)),
        );
        return { conversationId, activityId };
      };
      const stored = await conversations.getUserReference(user.id);
      if (!stored) return deliver(await openOrInstall(user));
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

  /**
   * A new personal chat; when Teams refuses it (the app is not installed for the person: a manager or
   * reception who never opened it), the app is installed for them through Graph and its chat is used.
   * Either way the chat is recorded, so this happens once per person.
   */
  async function openOrInstall(user: UserAddress): Promise<ConversationReferenceJson> {
    try {
      return await openPersonalChat(user);
    } catch (error) {
      const refused =
        isHalteamError(error, errorCodes.sendPermanentFailure) || isHalteamError(error, errorCodes.userNotReachable);
      if (!refused || !options.installApp || !user.aadObjectId) throw error;
      logger.info({ userId: user.id }, 'no personal chat with this person yet; installing the app for them');
      const chatId = await options.installApp(user.aadObjectId);
      const template = await conversations.anyReference();
      if (!template?.serviceUrl) throw error;
      const tenantId = template.conversation?.tenantId;
      const reference: ConversationReferenceJson = {
        bot: { id: botAppId, name: 'Halteam' },
        channelId: 'msteams',
        conversation: { id: chatId, conversationType: 'personal', ...(tenantId ? { tenantId } : {}) },
        serviceUrl: template.serviceUrl,
      };
      await conversations.saveUserReference(user.id, reference);
      return reference;
    }
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
    const serviceUrl = template.serviceUrl;
    const bot = { id: botAppId, name: 'Halteam' };
    // Teams answers with the same chat for the same person and bot, so this is safe to repeat. The
    // adapter's createConversationAsync takes no abort signal; its connector client for this service
    // URL (the one `connectorFor` keeps) makes the same call with the attempt's time limit.
    const chat = await send({ conversationId: user.id, what: 'open a personal chat', idempotent: true }, () =>
      withConnector(template, (client) =>
        withinTimeLimit((abortSignal) =>
          client.conversations.createConversation(
            {
              isGroup: false,
              bot,
              members: [{ id: user.id, name: user.name ?? '' }],
              tenantId,
              channelData: { tenant: { id: tenantId } },
            } as ConversationParameters,
            { abortSignal },
          ),
        ),
      ),
    );
    if (!chat.id) throw new HalteamError(errorCodes.userNotReachable, 'Teams did not open a chat', { userId: user.id });
    // The reference the adapter's create-conversation turn would have given.
    const conversation = { id: chat.id, isGroup: false, ...(tenantId ? { tenantId } : {}) };
    const created: ConversationReferenceJson = { bot, channelId: 'msteams', conversation, serviceUrl };
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
  const alert = message.alert ? { channelData: { notification: { alert: true } } } : {};
  if (message.card) {
    const card = mentions.length > 0 ? { ...message.card, msteams: { entities: mentions } } : message.card;
    return {
      type: ActivityTypes.Message,
      text: message.text,
      attachments: [CardFactory.adaptiveCard(card)],
      ...alert,
    };
  }
  return {
    type: ActivityTypes.Message,
    text: message.text ?? '',
    textFormat: 'markdown',
    entities: mentions,
    ...alert,
  };
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
