import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { normaliseText } from '../platform/teams/command-router';
import { toActivity } from '../platform/teams/teams-messenger';
import type { OutgoingMessage } from '../shared/messenger';
import {
  continueForm,
  reportCardValue,
  startForm,
  type FormDeps,
  type FormInput,
  type FormState,
  type FormTurn,
  type ReportStart,
} from './report-form';

export const reportFlowId = 'report';

/**
 * The incident report as a botbuilder dialog. The conversation itself is the pure state machine in
 * report-form.ts; this class only keeps its state in the dialog stack (ConversationState in Table
 * Storage) and turns activities into input and messages into activities.
 */
export class ReportDialog extends Dialog<ReportStart> {
  constructor(private readonly deps: FormDeps) {
    super(reportFlowId);
  }

  override async beginDialog(dc: DialogContext, options?: ReportStart): Promise<DialogTurnResult> {
    const activity = dc.context.activity;
    const turn = await startForm(
      options ?? { kind: 'chat' },
      {
        reporter: {
          id: activity.from.id,
          aadObjectId: activity.from.aadObjectId,
          name: activity.from.name ?? 'Onbekend',
        },
        conversation: { channelId: activity.channelId, id: activity.conversation.id },
      },
      this.deps,
    );
    return this.apply(dc, turn);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = (dc.activeDialog?.state as { form?: FormState } | undefined)?.form;
    if (state?.version !== 1) {
      await dc.context.sendActivity(
        'Je melding kon ik niet verder afmaken (de bot is bijgewerkt). Er is niets verstuurd. Typ **melden** om opnieuw te beginnen.',
      );
      return dc.endDialog();
    }
    return this.apply(dc, await continueForm(state, readInput(dc), this.deps));
  }

  private async apply(dc: DialogContext, turn: FormTurn): Promise<DialogTurnResult> {
    await send(dc, turn.replies);
    if (turn.end || !turn.state) return dc.endDialog(turn.end);
    (dc.activeDialog?.state as { form?: FormState }).form = turn.state;
    return Dialog.EndOfTurn;
  }
}

async function send(dc: DialogContext, replies: readonly OutgoingMessage[]): Promise<void> {
  for (const reply of replies) await dc.context.sendActivity(toActivity(reply));
}

/** A typed message, or a card click (Action.Submit sends the card's data as the activity's value). */
export function readInput(dc: DialogContext): FormInput {
  const value = dc.context.activity.value as unknown;
  if (value && typeof value === 'object') {
    const parsed = reportCardValue.safeParse(value);
    return parsed.success ? { kind: 'card', value: parsed.data } : { kind: 'bad-card' };
  }
  return { kind: 'text', text: normaliseText(dc.context.activity.text) };
}
