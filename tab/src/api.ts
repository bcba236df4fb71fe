import { app, authentication } from '@microsoft/teams-js';
import { chatLink } from './chat-link';

/**
 * The shapes the JSON API under /api/overview answers with are the bot's own types
 * (bot/overview/overview-routes.ts); type-only imports, so no bot code is bundled.
 */
import type { VisibleRow } from '../../bot/overview/overview-access';
import type { AftercareRow, AftercareSummary } from '../../bot/overview/overview-aftercare';
import type { AlarmStats, IncidentStats } from '../../bot/overview/overview-stats';
import type { TimelineEntry } from '../../bot/overview/overview-timeline';
import type { OutsideCounts, SuspicionRow } from '../../bot/overview/overview-outside';

export type { AlarmGroup, Count, IncidentStats, ResponseTimes } from '../../bot/overview/overview-stats';
export type { TimelineEntry } from '../../bot/overview/overview-timeline';
export type Incident = VisibleRow;

export interface AlarmsAnswer {
  stats: AlarmStats;
  buttons: {
    id: string;
    kind: string;
    location: string;
    lastTestAt?: string;
    lastHeartbeatAt?: string;
    lastPressAt?: string;
  }[];
}

export interface OutsideAnswer {
  summary?: OutsideCounts;
  suspicions: (Omit<SuspicionRow, 'managerAadObjectId'> & { incidents: string[] })[];
}

export interface AftercareAnswer {
  summary: AftercareSummary;
  plans: AftercareRow[];
}

export interface SiteConfig {
  signIn: 'entra' | 'development';
  devUsers: { aadObjectId: string; name: string }[];
  botAppId?: string;
  forms: { key: string; label: string }[];
  measures: { key: string; label: string }[];
}

export type Filter = Partial<Record<'from' | 'to' | 'form' | 'place' | 'police' | 'aangifte' | 'measure', string>>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Inside Teams (framed): teams-js initialises and hands out the SSO token. */
export const inTeams = window.self !== window.top;

let devUser: string | undefined;
export function setDevUser(id: string | undefined): void {
  devUser = id;
}

async function headers(): Promise<Record<string, string>> {
  if (devUser) return { 'X-Overview-Dev-User': devUser };
  if (inTeams) return { Authorization: `Bearer ${await authentication.getAuthToken()}` };
  return {};
}

export function query(filter: Filter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function request(path: string): Promise<Response> {
  const response = await fetch(`/api/overview/${path}`, { headers: await headers() });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new ApiError(response.status, body.error ?? `Fout ${response.status}`);
  }
  return response;
}

export const api = {
  config: async () => (await (await fetch('/api/overview/config')).json()) as SiteConfig,
  me: async () => (await (await request('me')).json()) as { name: string; roles: string[]; seesAll: boolean },
  incidents: async (filter: Filter) =>
    (await (await request(`incidents${query(filter)}`)).json()) as {
      places: string[];
      incidents: Incident[];
      stats: IncidentStats;
    },
  incident: async (number: string) =>
    (await (await request(`incidents/${encodeURIComponent(number)}`)).json()) as {
      incident: Incident;
      timeline: TimelineEntry[];
    },
  aftercare: async () => (await (await request('aftercare')).json()) as AftercareAnswer,
  outside: async () => (await (await request('outside')).json()) as OutsideAnswer,
  alarms: async (filter: Filter) => (await (await request(`alarms${query(filter)}`)).json()) as AlarmsAnswer,
  /** Downloads the CSV through a link, so the browser saves it under the server's file name. */
  async exportCsv(filter: Filter) {
    const response = await request(`export.csv${query(filter)}`);
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'incidenten.csv';
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

/** Opens the bot's chat (deep link) on this incident: `incident AGR-…` shows its summary and timeline. */
export async function openChat(botAppId: string | undefined, number: string): Promise<void> {
  if (!botAppId) return;
  const link = chatLink(botAppId, number);
  if (inTeams) await app.openLink(link);
  else window.open(link, '_blank', 'noopener');
}
