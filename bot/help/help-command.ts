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
    card: renderCard(helpTemplate, {
      intro: intros[kind],
      commands: visible,
      // In the personal chat an alarm is two taps away: this button, then the place.
      alarmButton: kind === 'personal' && commands.some((command) => command.name === 'alarm'),
    }),
  };
}

/** Greetings answered with a greeting and the help card, instead of "Dat herken ik niet". */
const greetings = [
  'hallo',
  'hoi',
  'hey',
  'hee',
  'hi',
  'hello',
  'goedemorgen',
  'goeiemorgen',
  'goedemiddag',
  'goeiemiddag',
  'goedenavond',
  'goeienavond',
  'goedendag',
];
/** Calls for help ("Help!"): help, and first where help is when it is urgent. */
const callsForHelp = ['help', 'hulp', 'help mij', 'help me', 'ik heb hulp nodig'];

/**
 * The router matches a whole first phrase ("hallo", or "hallo " and more), so the punctuation people
 * type after a greeting ("Hallo!", "Hoi, ik heb een vraag") is spelled out here.
 */
const withPunctuation = (words: readonly string[]) =>
  words.flatMap((word) => [word, `${word}!`, `${word}!!`, `${word}.`, `${word},`]);

function firstWord(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/^\//, '')
      .match(/^[a-z]+/)?.[0] ?? ''
  );
}

/** The words before the card: a greeting back, or for "Help!" what to do in danger first. */
function opening(text: string, kind: ConversationKind): string | undefined {
  const word = firstWord(text);
  const meldHint = kind === 'personal' ? ' Wil je een incident melden? Typ **melden**.' : '';
  if (/^(help|hulp|ik)$/.test(word) && /!|nodig|\b(mij|me)\b/.test(text.toLowerCase())) {
    return `Ik help je. Is er nu direct gevaar? Bel 112 of druk op de paniekknop.${meldHint} Hieronder staat wat ik verder voor je kan doen.`;
  }
  if (greetings.includes(word)) {
    const greeting = word.startsWith('goe') ? `G${word.slice(1)}` : 'Hoi';
    return `${greeting}! Fijn dat je er bent. Ik help bij agressie op het werk.${meldHint} Hieronder staat wat ik nog meer kan.`;
  }
  return undefined;
}

/** `help` needs the full command list, which includes itself: the list is handed in lazily. */
export function helpCommand(allCommands: () => readonly Command[]): Command {
  return {
    name: 'help',
    aliases: [
      ...withPunctuation(callsForHelp).filter((alias) => alias !== 'help'),
      '?',
      'wat kun je',
      'menu',
      ...withPunctuation(greetings),
    ],
    description: 'Laat zien wat de bot kan.',
    scopes: ['personal', 'channel', 'groupChat'],
    async handle(context) {
      const message = helpMessage(allCommands(), context.conversation.kind);
      const before = opening(context.text, context.conversation.kind);
      await context.reply(before ? { ...message, text: before } : message);
    },
  };
}
