import { ConversationState, type Storage, type TurnContext } from 'botbuilder';
import { DialogSet, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { Actor } from '../../shared/commands';
import { asHalteamError, errorCodes, isHalteamError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';

/**
 * A conversation that takes several turns (the incident report). The capability defines the dialog;
 * this runner keeps its state in storage and gives it the turns.
 */
export interface DialogFlow {
  /** The dialog id, and the `flow` field of the card values that belong to it. */
  id: string;
  dialog: Dialog;
  /** A card value of this flow that arrives while it is not running: an old or doubled click. */
  orphanReply(value: Record<string, unknown>, actor: Actor): Promise<string | { start: unknown }>;
}

/** What HalteamBot needs: give a personal-chat turn to a running flow, or start one. */
export interface ConversationFlows {
  /** True when a flow took the turn (the command router then leaves it alone). */
  continueTurn(context: TurnContext): Promise<boolean>;
  start(context: TurnContext, flowId: string, options?: unknown): Promise<void>;
}

const stateNamespace = '';

/** The storage key ConversationState uses for a conversation (channelId/conversations/id/namespace). */
export function conversationStateKey(channelId: string, conversationId: string): string {
  return `${channelId}/conversations/${conversationId}/${stateNamespace}`;
}

/** Deletes a conversation's stored state, e.g. when a draft expires while nobody is in the chat. */
export function createStateEraser(storage: Storage) {
  return async (conversation: { channelId: string; id: string }) => {
    await storage.delete([conversationStateKey(conversation.channelId, conversation.id)]);
  };
}

function actorOf(context: TurnContext): Actor {
  const from = context.activity.from;
  return { id: from.id, aadObjectId: from.aadObjectId, name: from.name ?? 'Onbekend' };
}

/**
 * Runs botbuilder dialogs with ConversationState in our Table Storage. Turns of one conversation run
 * one after another in this process (a double click is then seen as a second answer, not a race), and
 * the state is written with the ETag it was read with, so across instances a lost race fails calmly
 * instead of overwriting the other turn.
 */
export function createDialogRunner(deps: {
  storage: Storage;
  flows: readonly DialogFlow[];
  logger: Logger;
}): ConversationFlows {
  const conversationState = new ConversationState(deps.storage, stateNamespace);
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const dialogs = new DialogSet(dialogState);
  for (const flow of deps.flows) dialogs.add(flow.dialog);
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

  /** Writes the turn's state with the ETag it was read with (ConversationState itself would use `*`). */
  async function save(context: TurnContext): Promise<void> {
    const state = (await conversationState.load(context)) as Record<string, unknown> & { eTag?: string };
    const key = conversationStateKey(context.activity.channelId, context.activity.conversation.id);
    const stack = (state.dialogState as DialogState | undefined)?.dialogStack ?? [];
    try {
      if (stack.length === 0 && state.eTag) await deps.storage.delete([key]);
      else if (stack.length > 0) await deps.storage.write({ [key]: state });
    } catch (raw) {
      const error = asHalteamError(raw);
      if (!isHalteamError(error, errorCodes.storageConflict)) throw error;
      deps.logger.warn({ code: error.code }, 'a turn lost a race for the conversation state');
      await context.sendActivity(
        'Je antwoord kwam tegelijk met een ander binnen en is niet bewaard. Typ **overzicht** om te zien waar je bent.',
      );
    }
  }

  function flowValue(context: TurnContext): (Record<string, unknown> & { flow: string }) | undefined {
    const value = context.activity.value as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const flow = (value as { flow?: unknown }).flow;
    return typeof flow === 'string' ? (value as Record<string, unknown> & { flow: string }) : undefined;
  }

  return {
    continueTurn(context) {
      return serialised(context, async () => {
        const dc = await dialogs.createContext(context);
        if (dc.activeDialog) {
          await dc.continueDialog();
          await save(context);
          return true;
        }
        const value = flowValue(context);
        const flow = value && deps.flows.find((candidate) => candidate.id === value.flow);
        if (!value || !flow) return false;
        const reply = await flow.orphanReply(value, actorOf(context));
        if (typeof reply === 'string') {
          await context.sendActivity(reply);
          return true;
        }
        await dc.beginDialog(flow.id, reply.start as object);
        await save(context);
        return true;
      });
    },

    start(context, flowId, options) {
      return serialised(context, async () => {
        const dc = await dialogs.createContext(context);
        if (dc.activeDialog) await dc.continueDialog();
        else await dc.beginDialog(flowId, options as object | undefined);
        await save(context);
      });
    },
  };
}
