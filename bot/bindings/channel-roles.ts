import type { ChannelRole } from '../shared/messenger';

export const channelRoles: Record<ChannelRole, { label: string; purpose: string }> = {
  halteam: { label: 'Halteam-kanaal', purpose: 'alarmen en meldingen voor het Halteam' },
  dagstart: { label: 'dagstart-kanaal', purpose: 'incidenten voor de dagstart en het dagoverzicht' },
  receptie: { label: 'receptiekanaal', purpose: 'toegangsverboden en escalaties voor de receptie' },
};

export function parseChannelRole(word: string): ChannelRole | undefined {
  const lower = word.trim().toLowerCase();
  return lower in channelRoles ? (lower as ChannelRole) : undefined;
}
