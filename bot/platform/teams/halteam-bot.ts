import {
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { CardAction, Command, CommandContext, ConversationKind, Actor } from '../../shared/commands';
import type { ConversationReferenceJson, ConversationStore } from '../../shared/conversation-store';
import { asHalteamError, errorCodes } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { OutgoingMessage } from '../../shared/messenger';
import type { Role, Roles } from '../../shared/roles';
import { matchCommand, normaliseText } from './command-router';
import type { ConversationFlows } from './flow-runner';
import { toActivity } from './teams-messenger';

export interface HalteamBotOptions {
  commands: readonly Command[];
  cardActions: readonly CardAction[];
  conversations: ConversationStore;
  /** Who holds which role; every command and card action asks through its context. */
  roles: Roles;
  logger: Logger;
  /** Sent when the app is installed in a personal chat or a team. */
  welcome(kind: ConversationKind): OutgoingMessage;
  /** Conversations over several turns (the incident report); they get a personal-chat turn first. */
  flows?: ConversationFlows;
}

/**
 * The Teams edge: turns activities into calls of our own commands and card actions. No rule of the
 * protocol lives here.
 */
export class HalteamBot extends TeamsActivityHandler {
  constructor(private readonly options: HalteamBotOptions) {
    super();

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.rememberPersonalChat(context);
      await context.sendActivity(toActivity(this.options.welcome(conversationKind(context))));
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const verb = invokeValue.action?.verb ?? '';
    const action = this.options.cardActions.find((candidate) => candidate.verb === verb);
    const log = this.options.logger.child({ verb });
    if (!action) {
      log.warn('unknown card verb');
      return messageResponse(400, 'Deze knop wordt niet (meer) herkend. Vernieuw het bericht en probeer het opnieuw.');
    }
    const click = action.accept(invokeValue.action.data ?? {});
    if (!click.ok) {
      log.warn({ err: click.error }, 'card data rejected');
      return messageResponse(400, 'De gegevens van deze knop kloppen niet. Er is niets veranderd.');
    }
    try {
      const actor = actorOf(context);
      const actorEmail = once(() => this.lookUpEmail(context));
      const result = await click.handle({
        actor,
        conversation: { id: context.activity.conversation.id, kind: conversationKind(context) },
        messageId: context.activity.replyToId,
        actorEmail,
        roles: this.rolesOf(actor, actorEmail),
      });
      if (result.card) {
        return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card as never };
      }
      return messageResponse(200, result.message ?? 'Verwerkt.');
    } catch (raw) {
      const error = asHalteamError(raw);
      log.error({ err: error, code: error.code }, 'card action failed');
      const refused = error.code === errorCodes.notAuthorised;
      return messageResponse(
        refused ? 403 : 500,
        refused
          ? 'Dit mag je niet doen met deze kaart.'
          : `Dat lukte niet door een storing (code ${error.code}). Probeer het zo nog eens.`,
      );
    }
  }

  /** A command that also answers while a report is in progress (e.g. `incident AGR-…` from the tab). */
  private answersDuringFlow(text: string): boolean {
    const match = matchCommand(this.options.commands, text, 'personal');
    return match.kind === 'match' && match.command.answersDuringFlow?.(match.args) === true;
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    await this.rememberPersonalChat(context);
    const kind = conversationKind(context);
    const flows = this.options.flows;
    const text = normaliseText(context.activity.text);
    if (kind === 'personal' && flows && !this.answersDuringFlow(text) && (await flows.continueTurn(context))) return;
    const actor = actorOf(context);
    const actorEmail = once(() => this.lookUpEmail(context));
    const roles = this.rolesOf(actor, actorEmail);
    const commandContext = (args: string): CommandContext => ({
      text,
      args,
      actor,
      conversation: {
        id: context.activity.conversation.id,
        kind,
        teamId: context.activity.channelData?.team?.id,
        channelId: context.activity.channelData?.channel?.id,
      },
      reference: TurnContext.getConversationReference(context.activity) as Record<string, unknown>,
      actorEmail,
      roles,
      reply: async (message) => {
        await context.sendActivity(toActivity(message));
      },
      ...(flows && kind === 'personal'
        ? { startFlow: (flowId: string, options?: unknown) => flows.start(context, flowId, options) }
        : {}),
    });

    const match = matchCommand(this.options.commands, text, kind);
    switch (match.kind) {
      case 'match':
        await match.command.handle(commandContext(match.args));
        return;
      case 'wrong-scope':
        await context.sendActivity(
          kind === 'personal'
            ? `"${match.command.name}" werkt in een kanaal van het team. Noem daar @Halteam en typ het opnieuw.`
            : `"${match.command.name}" werkt in een persoonlijke chat met de bot.`,
        );
        return;
      case 'unknown':
        await context.sendActivity(
          text.length === 0
            ? 'Typ **help** om te zien wat ik kan.'
            : `Dat herken ik niet: "${text.slice(0, 60)}". Typ **help** om te zien wat ik kan.`,
        );
    }
  }

  /** The actor's e-mail / UPN from Teams' member lookup (the same for messages and card actions). */
  private async lookUpEmail(context: TurnContext): Promise<string | undefined> {
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      return member.email ?? member.userPrincipalName ?? undefined;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not look up the member');
      return undefined;
    }
  }

  /** The actor's roles, worked out once per turn; the e-mail is looked up only when a list holds one. */
  private rolesOf(actor: Actor, actorEmail: () => Promise<string | undefined>): () => Promise<ReadonlySet<Role>> {
    const roles = this.options.roles;
    return once(async () =>
      roles.rolesOf({ aadObjectId: actor.aadObjectId, email: roles.needsEmail() ? await actorEmail() : undefined }),
    );
  }

  private async rememberPersonalChat(context: TurnContext): Promise<void> {
    if (conversationKind(context) !== 'personal') return;
    const reference = TurnContext.getConversationReference(context.activity) as ConversationReferenceJson;
    await this.options.conversations.saveUserReference(context.activity.from.id, reference);
  }
}

function conversationKind(context: TurnContext): ConversationKind {
  switch (context.activity.conversation?.conversationType) {
    case 'channel':
      return 'channel';
    case 'groupChat':
      return 'groupChat';
    default:
      return 'personal';
  }
}

function actorOf(context: TurnContext): Actor {
  const from = context.activity.from;
  return { id: from.id, aadObjectId: from.aadObjectId, name: from.name ?? 'Onbekend' };
}

/** The first call's promise, shared by every later call (one lookup per turn). */
function once<T>(work: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= work());
}

function messageResponse(statusCode: number, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.activity.message', value: message as never };
}
