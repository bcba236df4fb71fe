import incidentTemplate from '../../cards/dagstart-incident.json';
import { renderCard } from '../platform/cards/render-card';
import { dagstartItem, type DagstartItem } from '../reports';
import { policeLabels, type IncidentReport } from '../reports';
import type { AdaptiveCard } from '../shared/messenger';
import { dayAndTime } from '../shared/time-format';

/**
 * What the dagstart channel reads about an incident. Built from `dagstartItem`, so it can never carry
 * the aggressor (Privacy, seed 000 3.3), and the victim's name only when they agreed in the report.
 */
export interface DagstartEntry extends DagstartItem {
  police: string;
  /** The measure decided (e.g. an access ban until a date), once the manager decided one. */
  measure?: string;
}

export const noMeasureYet = 'Nog niet besloten';

export function dagstartEntry(report: IncidentReport): DagstartEntry {
  return { ...dagstartItem(report), police: policeLabels[report.police] };
}

export function dagstartCard(entry: DagstartEntry): AdaptiveCard {
  return renderCard(incidentTemplate, {
    number: entry.number,
    when: dayAndTime(entry.occurredAt),
    place: entry.place,
    forms: entry.forms.join(', '),
    police: entry.police,
    measure: entry.measure ?? noMeasureYet,
    victimName: entry.victimName ?? '',
  });
}
