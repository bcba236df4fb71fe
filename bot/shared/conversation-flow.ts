import type { z } from 'zod';
import type { Actor } from './commands';
import type { OutgoingMessage } from './messenger';

/**
 * A conversation that takes several turns (the incident report), as a pure state machine: state and
 * input in, the messages to send and the next state out. The platform keeps the state between turns
 * (in storage, so a restart changes nothing) and turns the chat's messages into input; the flow knows
 * nothing about Teams.
 */
export interface ConversationFlow<S, O, V> {
  /** The flow's id, and the `flow` field of the card values that belong to it. */
  id: string;
  /** The stored state, parsed on every read; a state that does not fit (an older version) is lost. */
  state: z.ZodType<S>;
  /** What `start` accepts (from a command's `startFlow`, or an orphan card click). */
  options: z.ZodType<O>;
  /** The data of this flow's card clicks; a click that does not fit arrives as `bad-card`. */
  cardValue: z.ZodType<V>;
  start(options: O, who: FlowParticipant): Promise<FlowTurn<S>>;
  continue(state: S, input: FlowInput<V>): Promise<FlowTurn<S>>;
  /** Said when the stored state no longer fits the schema (the bot was updated mid-conversation). */
  onLostState(): OutgoingMessage;
  /** A card value of this flow that arrives while it is not running: an old or doubled click. */
  orphanReply(value: Record<string, unknown>, actor: Actor): Promise<string | { start: O }>;
}

/** Any flow, as the platform holds them side by side. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each flow parses its own state, options and cards
export type AnyConversationFlow = ConversationFlow<any, any, any>;

export interface FlowTurn<S> {
  replies: OutgoingMessage[];
  /** The state for the next turn; undefined when the conversation is over. */
  state?: S;
}

/** A typed message (normalised as commands see it), or a card click with its parsed data. */
export type FlowInput<V> = { kind: 'text'; text: string } | { kind: 'card'; value: V } | { kind: 'bad-card' };

export interface FlowParticipant {
  actor: Actor;
  conversation: { channelId: string; id: string };
}
