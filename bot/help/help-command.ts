import helpTemplate from '../../cards/help.json';
import { renderCard } from '../platform/cards/render-card';
import type { Command, ConversationKind } from '../shared/commands';
import type { OutgoingMessage } from '../shared/messenger';

const intros: Record<ConversationKind, string> = {
  personal:
    'Ik help bij agressie op het werk: een incident melden, de nazorg plannen en het Halteam bereiken. Typ een van deze woorden:',
  channel: 'In dit kanaal noem je mij met @Halteam en typ je een van deze woorden:',
  groupChat: 'Noem mij met @Halteam en typ een van deze woorden:',
};

/** The help card for a conversation kind, listing only what works there. */
export function helpMessage(commands: readonly Command[], kind: ConversationKind): OutgoingMessage {
  const visible = commands
    .filter((command) => command.scopes.includes(kind))
    .map((command) => ({ usage: command.usage ?? command.name, description: command.description }));
  return {
    text: 'Halteam: dit kan ik voor je doen.',
    card: renderCard(helpTemplate, { intro: intros[kind], commands: visible }),
  };
}

/** `help` needs the full command list, which includes itself: the list is handed in lazily. */
export function helpCommand(allCommands: () => readonly Command[]): Command {
  return {
    name: 'help',
    aliases: ['hulp', 'help mij', '?', 'wat kun je', 'menu'],
    description: 'Laat zien wat de bot kan.',
    scopes: ['personal', 'channel', 'groupChat'],
    async handle(context) {
      await context.reply(helpMessage(allCommands(), context.conversation.kind));
    },
  };
}
