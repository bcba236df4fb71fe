import type { Command } from '../shared/commands';
import { errorCodes, HalteamError } from '../shared/errors';
import { reportFlowId } from './report-flow';

/** `melden` (and the ways people say it) starts the incident report in the personal chat. */
export const meldenCommand: Command = {
  name: 'melden',
  aliases: [
    'melding',
    'melding maken',
    'melding doen',
    'nieuwe melding',
    'iets melden',
    // `incident` alone starts a report too, through the `incident` command (bot/overview/incident-command.ts),
    // which with a number shows that incident instead.
    'incident melden',
    'agressie melden',
    'meldingsformulier',
    'meld',
    'ik wil melden',
    'ik wil iets melden',
    'ik wil een melding maken',
    'ik wil een melding doen',
    'ik wil een incident melden',
  ],
  description: 'Een incident van agressie melden (het meldingsformulier), stap voor stap.',
  usage: 'melden',
  scopes: ['personal'],
  async handle(context) {
    if (!context.startFlow) throw new HalteamError(errorCodes.unexpected, 'Conversation flows are not available');
    await context.startFlow(reportFlowId, { kind: 'chat' });
  },
};
