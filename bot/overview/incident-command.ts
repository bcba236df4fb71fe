import type { MeasureRecord } from '../measures';
import { parseIncidentNumber } from '../reports';
import { meldenCommand } from '../reports';
import { policeLabels, type IncidentReport } from '../reports';
import type { Command } from '../shared/commands';
import type { Logger } from '../shared/logger';
import { dutchDate } from './dutch-dates';
import { mayUseOverview, overviewRoles, type Viewer, type VisibleRow } from './overview-access';
import { incidentDetail, type IncidentDetailDeps } from './overview-detail';
import { incidentRows } from './overview-stats';
import type { TimelineEntry } from './overview-timeline';

export interface IncidentCommandDeps extends IncidentDetailDeps {
  reports(): Promise<IncidentReport[]>;
  measures(): Promise<MeasureRecord[]>;
  logger: Logger;
}

const whoMay = 'Een incident bekijken kan de leidinggevende van het incident, de coördinator, P&O of de MO.';

/** The incident as the tab's detail shows it, in chat text: the facts, then the timeline. */
export function incidentText(incident: VisibleRow, timeline: readonly TimelineEntry[]): string {
  const aangifte = incident.aangifteDone
    ? 'Gedaan'
    : incident.aangifteRequired
      ? 'Vereist, nog niet gedaan'
      : 'Niet vereist';
  const facts: [string, string][] = [
    ['Wanneer', dutchDate(incident.occurredAt)],
    ['Vorm', incident.formLabels.join(', ')],
    ['Plaats', incident.place],
    ['Politie', policeLabels[incident.police]],
    ['Maatregel', incident.measureLabels.join(', ') || 'Nog geen'],
    ['Aangifte', aangifte],
    ['Slachtoffer', incident.victimName ?? 'Afgeschermd'],
    ['Agressor', incident.aggressorShown ? (incident.aggressor ?? 'Onbekend') : 'Afgeschermd'],
    ['Leidinggevende', incident.managerName],
  ];
  if (incident.description) facts.push(['Wat er gebeurde', incident.description]);
  return [
    `**Incident ${incident.number}**`,
    ...facts.map(([label, value]) => `**${label}:** ${value}`),
    '**Tijdlijn**',
    ...timeline.map((entry) => `- ${entry.when}: ${entry.text}`),
  ].join('\n\n');
}

/**
 * `incident AGR-2026-0001`: the incident's summary and timeline in the personal chat, for those who
 * may open it in the Overzicht tab (overview-access) and with the same names hidden; each read is
 * audited like a detail read in the tab. The tab's "Open in de chat" link types this command.
 * `incident` alone is what it always was: the start of a new report (`melden`).
 */
export function incidentCommand(deps: IncidentCommandDeps): Command {
  return {
    name: 'incident',
    description: 'Bekijk een incident: de samenvatting en de tijdlijn (leidinggevende, coördinator, P&O, MO).',
    usage: 'incident AGR-2026-0001',
    scopes: ['personal'],
    // The tab's "Open in de chat" may be used while a report is half-way: show the incident, keep the report.
    answersDuringFlow: (args) => parseIncidentNumber(args) !== undefined,
    async handle(context) {
      if (!context.args) return meldenCommand.handle(context);
      const number = parseIncidentNumber(context.args);
      if (!number) {
        return context.reply({
          text: 'Typ het nummer van het incident erbij, bijvoorbeeld `incident AGR-2026-0001`. Een nieuw incident melden? Typ **melden**.',
        });
      }
      const aadObjectId = context.actor.aadObjectId;
      const viewer: Viewer | undefined = aadObjectId
        ? { aadObjectId, name: context.actor.name, roles: overviewRoles(await context.roles()) }
        : undefined;
      const [reports, measures] = await Promise.all([deps.reports(), deps.measures()]);
      if (!viewer || !mayUseOverview(viewer, incidentRows(reports, measures))) {
        deps.logger.info({ number }, 'incident command refused: no role');
        return context.reply({ text: `Je hebt geen toegang tot de incidenten. ${whoMay}` });
      }
      const detail = await incidentDetail(viewer, number, { reports, measures }, 'chat', deps);
      deps.logger.info({ number, outcome: detail.kind }, 'incident shown in the chat');
      if (detail.kind === 'unknown') return context.reply({ text: `Incident ${number} ken ik niet.` });
      if (detail.kind === 'refused') {
        return context.reply({ text: `Je hebt geen toegang tot incident ${number}. ${whoMay}` });
      }
      await context.reply({ text: incidentText(detail.incident, detail.timeline) });
    },
  };
}
