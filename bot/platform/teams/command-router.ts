import type { Command, ConversationKind } from '../../shared/commands';

/** The text of a Teams message as a command: mentions and markup removed, whitespace collapsed. */
export function normaliseText(raw: string | undefined): string {
  return (raw ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export type CommandMatch =
  { kind: 'match'; command: Command; args: string } | { kind: 'wrong-scope'; command: Command } | { kind: 'unknown' };

/** Finds the command a text starts with; the longest matching phrase wins (`koppel halteam` over `koppel`). */
export function matchCommand(commands: readonly Command[], text: string, scope: ConversationKind): CommandMatch {
  const lower = text.toLowerCase().replace(/^\//, '');
  let best: { command: Command; phrase: string } | undefined;
  for (const command of commands) {
    for (const phrase of [command.name, ...(command.aliases ?? [])]) {
      const fits = lower === phrase || lower.startsWith(`${phrase} `);
      if (fits && (!best || phrase.length > best.phrase.length)) best = { command, phrase };
    }
  }
  if (!best) return { kind: 'unknown' };
  if (!best.command.scopes.includes(scope)) return { kind: 'wrong-scope', command: best.command };
  return { kind: 'match', command: best.command, args: text.slice(best.phrase.length).trim() };
}
