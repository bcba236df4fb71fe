import { z } from 'zod';
import type { ConversationFlow } from '../shared/conversation-flow';
import {
  continueForm,
  reportCardValue,
  startForm,
  type FormDeps,
  type FormState,
  type FormTurn,
  type ReportCardValue,
  type ReportStart,
} from './report-form';
import { formStateSchema } from './report-form-state';

export const reportFlowId = 'report';

const reportStart = z
  .union([
    z.object({ kind: z.literal('chat') }),
    z.object({ kind: z.literal('alarm'), buttonId: z.string().min(1), alarmId: z.string().min(1) }),
  ])
  .optional()
  .transform((start): ReportStart => start ?? { kind: 'chat' });

export interface ReportFlowDeps extends FormDeps {
  /** The number of the report submitted from this draft, if it was. */
  sentNumber(draftId: string): Promise<string | undefined>;
}

/** The incident report as a conversation flow: the form of report-form.ts, its stored state and its cards. */
export function createReportFlow(deps: ReportFlowDeps): ConversationFlow<FormState, ReportStart, ReportCardValue> {
  return {
    id: reportFlowId,
    state: formStateSchema,
    options: reportStart,
    cardValue: reportCardValue,

    async start(options, who) {
      const reporter = { id: who.actor.id, aadObjectId: who.actor.aadObjectId, name: who.actor.name };
      return flowTurn(await startForm(options, { reporter, conversation: who.conversation }, deps));
    },

    async continue(state, input) {
      return flowTurn(await continueForm(state, input, deps));
    },

    onLostState() {
      return {
        text: 'Je melding kon ik niet verder afmaken (de bot is bijgewerkt). Er is niets verstuurd. Typ **melden** om opnieuw te beginnen.',
      };
    },

    async orphanReply(value) {
      const parsed = reportCardValue.safeParse(value);
      if (!parsed.success) return 'Die knop herken ik niet. Er is niets veranderd.';
      if ('start' in parsed.data) {
        return { start: { kind: 'alarm', buttonId: parsed.data.buttonId, alarmId: parsed.data.alarmId } };
      }
      const sent = await deps.sentNumber(parsed.data.draftId);
      if (sent) return `Deze melding is al verstuurd als **${sent}**. Er is niets veranderd.`;
      return (
        'Deze kaart hoort bij een melding die niet meer open staat (gestopt of verlopen). Er is niets veranderd. ' +
        'Typ **melden** om opnieuw te beginnen.'
      );
    },
  };
}

function flowTurn(turn: FormTurn) {
  return { replies: turn.replies, state: turn.end ? undefined : turn.state };
}
