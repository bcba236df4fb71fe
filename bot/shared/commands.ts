import type { AdaptiveCard, OutgoingMessage, UserAddress } from './messenger';
import type { Role } from './roles';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export interface Actor extends UserAddress {
  name: string;
}

/** What a command handler sees of the turn: plain data and a way to answer, no botbuilder types. */
export interface CommandContext {
  /** The message text without @mentions, trimmed, whitespace collapsed. */
  text: string;
  /** The words after the command's own words. */
  args: string;
  actor: Actor;
  conversation: { id: string; kind: ConversationKind; teamId?: string; channelId?: string };
  /** Opaque conversation reference for proactive messages later (stored as JSON). */
  reference: Record<string, unknown>;
  /** The actor's e-mail / UPN, looked up from Teams when asked for. */
  actorEmail(): Promise<string | undefined>;
  /** The actor's roles (the Roles service; the e-mail is looked up only when a list holds one). */
  roles(): Promise<ReadonlySet<Role>>;
  reply(message: OutgoingMessage): Promise<void>;
  /** Starts a conversation that takes several turns (e.g. the incident report) in this chat. */
  startFlow?(flowId: string, options?: unknown): Promise<void>;
}

export interface Command {
  /** The words that start the command, lower case, e.g. `koppel` or `help`. */
  name: string;
  aliases?: string[];
  /** Dutch one-liner for `help`. */
  description: string;
  /** How to call it, for `help` (e.g. `koppel halteam`). */
  usage?: string;
  scopes: ConversationKind[];
  /**
   * Whether this call of the command is answered even while a conversation of several turns (the
   * report) is going on in the chat: it then answers and the report waits where it was. Without it,
   * a report in progress takes every message as its answer.
   */
  answersDuringFlow?(args: string): boolean;
  handle(context: CommandContext): Promise<void>;
}

/** Result of an Action.Execute: the card that replaces the clicked one for everyone. */
export interface CardActionResult {
  card?: AdaptiveCard;
  /** A short message to the clicking user when the card stays as it is. */
  message?: string;
}

export interface CardActionContext {
  actor: Actor;
  conversation: { id: string; kind: ConversationKind };
  /** Id of the message that carries the card. */
  messageId?: string;
  /** The actor's e-mail / UPN, looked up from Teams when asked for. */
  actorEmail(): Promise<string | undefined>;
  /** The actor's roles (the Roles service; the e-mail is looked up only when a list holds one). */
  roles(): Promise<ReadonlySet<Role>>;
}

/**
 * An Action.Execute button of a card, whatever data it carries (made with `defineCardAction`): the
 * Teams edge finds it by its verb and hands it the clicked button's data to parse.
 */
export interface CardAction {
  verb: string;
  accept(data: unknown): CardClick;
}

/** A click whose data fits the action's schema, ready to be handled, or why it does not fit. */
export type CardClick =
  { ok: true; handle(context: CardActionContext): Promise<CardActionResult> } | { ok: false; error: Error };
