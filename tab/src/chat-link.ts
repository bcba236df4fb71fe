/**
 * The Teams deep link behind "Open in de chat": the bot's personal chat with `incident AGR-…` typed
 * in, the command that shows that incident's summary and timeline (bot/overview/incident-command.ts).
 */
export function chatLink(botAppId: string, number: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=28:${botAppId}&message=${encodeURIComponent(`incident ${number}`)}`;
}
