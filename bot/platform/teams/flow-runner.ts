import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Actor } from '../../shared/commands';
import type { AnyConversationFlow, FlowInput, FlowParticipant, FlowTurn } from '../../shared/conversation-flow';
import { asHalteamError, errorCodes, HalteamError, isHalteamError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { normaliseText } from './command-router';
import type { FlowStateStore } from './flow-state-table';
import { toActivity } from './teams-messenger';

/** What HalteamBot needs: give a personal-chat turn to a running flow, or start one. */
export interface ConversationFlows {
  /** True when a flow took the turn (the command router then leaves it alone). */
  continueTurn(context: TurnContext): Promise<boolean>;
  start(context: TurnContext, flowId: string, options?: unknown): Promise<void>;
}

/** The storage key of a conversation's flow state (the key botbuilder's ConversationState used before). */
export function flowStateKey(conversation: { channelId: string; id: string }): string {
  return `${conversation.channelId}/conversations/${conversation.id}/`;
}

/** Deletes a conversation's stored state, e.g. when a draft expires while nobody is in the chat. */
export function createStateEraser(store: FlowStateStore) {
  return async (conversation: { channelId: string; id: string }) => {
    await store.delete(flowStateKey(conversation));
  };
}

/** The stored row: which flow runs and its state (parsed by the flow's own schema). */
const stored = z.object({ flow: z.string().min(1), state: z.unknown() });
/**
 * A row botbuilder-dialogs wrote before flows ran here: its dialog's id is the flow's id. Its state
 * does not fit, so the person hears the flow's own message instead of a chat that forgot them.
 */
const dialogRow = z.object({
  dialogState: z.object({ dialogStack: z.array(z.object({ id: z.string() })).min(1) }),
});

interface Loaded {
  key: string;
  /** The version read; undefined when no row exists. */
  etag?: string;
  running?: { flow: AnyConversationFlow; state: unknown };
}

/**
 * Runs conversation flows with their state in Table Storage. Turns of one conversation run one after
 * another in this process (a double click is then seen as a second answer, not a race), and the state
 * is written with the ETag it was read with, so across instances a lost race fails calmly instead of
 * overwriting the other turn.
 */
export function createFlowRunner(deps: {
  store: FlowStateStore;
  flows: readonly AnyConversationFlow[];
  logger: Logger;
}): ConversationFlows {
  const queues = new Map<string, Promise<unknown>>();

  function serialised<T>(context: TurnContext, work: () => Promise<T>): Promise<T> {
    const key = context.activity.conversation.id;
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    const settled = next.catch(() => undefined);
    queues.set(key, settled);
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key);
    });
    return next;
  }

  async function load(context: TurnContext): Promise<Loaded> {
    const key = flowStateKey({ channelId: context.activity.channelId, id: context.activity.conversation.id });
    const row = await deps.store.read(key);
    if (!row) return { key };
    const parsed = stored.safeParse(row.value);
    const flowId = parsed.success
      ? parsed.data.flow
      : dialogRow.safeParse(row.value).data?.dialogState.dialogStack[0]?.id;
    const flow = deps.flows.find((candidate) => candidate.id === flowId);
    if (!flow) {
      // Not a flow this bot knows (any more): nothing can go on with it, so the chat is the plain bot again.
      deps.logger.warn({ flow: flowId }, 'stored flow state of an unknown flow is dropped');
      await deps.store.delete(key);
      return { key };
    }
    return { key, etag: row.etag, running: { flow, state: parsed.data?.state } };
  }

  /** Sends the turn's replies, then keeps its state (or drops it when the flow ended). */
  async function finish(context: TurnContext, loaded: Loaded, flow: AnyConversationFlow, turn: FlowTurn<unknown>) {
    for (const reply of turn.replies) await context.sendActivity(toActivity(reply));
    try {
      if (turn.state !== undefined)
        await deps.store.write(loaded.key, { flow: flow.id, state: turn.state }, loaded.etag);
      else if (loaded.etag) await deps.store.delete(loaded.key, loaded.etag);
    } catch (raw) {
      const error = asHalteamError(raw);
      if (!isHalteamError(error, errorCodes.storageConflict)) throw error;
      deps.logger.warn({ code: error.code, flow: flow.id }, 'a turn lost a race for the conversation state');
      await context.sendActivity(
        'Je antwoord kwam tegelijk met een ander binnen en is niet bewaard. Typ **overzicht** om te zien waar je bent.',
      );
    }
  }

  async function continueRunning(context: TurnContext, loaded: Loaded & { running: object }): Promise<void> {
    const { flow } = loaded.running;
    const state = flow.state.safeParse(loaded.running.state);
    if (!state.success) {
      deps.logger.warn({ flow: flow.id }, 'stored flow state no longer fits its schema; the flow ends');
      await finish(context, loaded, flow, { replies: [flow.onLostState()] });
      return;
    }
    await finish(context, loaded, flow, await flow.continue(state.data, inputOf(context, flow)));
  }

  async function begin(context: TurnContext, loaded: Loaded, flow: AnyConversationFlow, options: unknown) {
    const parsed = flow.options.safeParse(options);
    if (!parsed.success) {
      throw new HalteamError(errorCodes.unexpected, `The options to start flow "${flow.id}" do not fit`);
    }
    await finish(context, loaded, flow, await flow.start(parsed.data, participantOf(context)));
  }

  function flowById(flowId: string): AnyConversationFlow {
    const flow = deps.flows.find((candidate) => candidate.id === flowId);
    if (!flow) throw new HalteamError(errorCodes.unexpected, `No conversation flow "${flowId}"`);
    return flow;
  }

  return {
    continueTurn(context) {
      return serialised(context, async () => {
        const loaded = await load(context);
        if (loaded.running) {
          await continueRunning(context, { ...loaded, running: loaded.running });
          return true;
        }
        const value = flowValue(context);
        const flow = value && deps.flows.find((candidate) => candidate.id === value.flow);
        if (!value || !flow) return false;
        const reply = await flow.orphanReply(value, participantOf(context).actor);
        if (typeof reply === 'string') {
          await context.sendActivity(reply);
          return true;
        }
        await begin(context, loaded, flow, reply.start);
        return true;
      });
    },

    start(context, flowId, options) {
      return serialised(context, async () => {
        const loaded = await load(context);
        if (loaded.running) await continueRunning(context, { ...loaded, running: loaded.running });
        else await begin(context, loaded, flowById(flowId), options);
      });
    },
  };
}

/** A typed message, or a card click (Action.Submit sends the card's data as the activity's value). */
function inputOf(context: TurnContext, flow: AnyConversationFlow): FlowInput<unknown> {
  const value = context.activity.value as unknown;
  if (value && typeof value === 'object') {
    const parsed = flow.cardValue.safeParse(value);
    return parsed.success ? { kind: 'card', value: parsed.data } : { kind: 'bad-card' };
  }
  return { kind: 'text', text: normaliseText(context.activity.text) };
}

/** A card value that names a flow (`flow` field): an old click may belong to a flow that is not running. */
function flowValue(context: TurnContext): (Record<string, unknown> & { flow: string }) | undefined {
  const value = context.activity.value as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const flow = (value as { flow?: unknown }).flow;
  return typeof flow === 'string' ? (value as Record<string, unknown> & { flow: string }) : undefined;
}

function participantOf(context: TurnContext): FlowParticipant {
  const from = context.activity.from;
  const actor: Actor = { id: from.id, aadObjectId: from.aadObjectId, name: from.name ?? 'Onbekend' };
  return { actor, conversation: { channelId: context.activity.channelId, id: context.activity.conversation.id } };
}
