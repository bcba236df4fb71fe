import { z } from 'zod';
import { parseIncidentNumber } from '../reports';
import type { CardActionResult } from '../shared/commands';
import type { AdaptiveCard } from '../shared/messenger';
import { localDate } from '../shared/time-format';
import { incidentToDecide, type Decider } from './may-decide';
import { formCard } from './measure-cards';
import { currentCard } from './measure-changes';
import { valuesOf } from './measure-input';
import { nameFromIdentification } from './measure-rules';
import type { MeasuresDeps } from './measures-deps';

/**
 * The form with the advice preselected; or, when the incident has a measure already, that measure to
 * change, extend or lift; or why neither can be shown.
 */
export async function openForm(rawNumber: string, who: Decider, deps: MeasuresDeps): Promise<AdaptiveCard | string> {
  const number = parseIncidentNumber(rawNumber);
  if (!number) return 'Typ het nummer van de melding erbij, bijvoorbeeld `maatregel AGR-2026-0001`.';
  const incident = await incidentToDecide(number, who, deps);
  if (incident.kind !== 'found') return incident.text;
  const { report, advised, current } = incident;
  if (current) return currentCard(current, number, localDate(deps.clock.now()));
  const name = report.aggressor.kind === 'known' ? nameFromIdentification(report.aggressor.identification) : '';
  return formCard(number, advised, { name }, []);
}

export const editData = z.object({ id: z.string().min(1).max(80), mode: z.enum(['wijzigen', 'verlengen']) });
export type EditData = z.infer<typeof editData>;

/** "Wijzigen" or "Verlengen" on the measure that stands: the form, filled in with it. */
export async function editForm(data: EditData, who: Decider, deps: MeasuresDeps): Promise<CardActionResult> {
  const measure = await deps.store.get(data.id);
  if (!measure) return { message: 'Deze maatregel ken ik niet.' };
  const incident = await incidentToDecide(measure.number, who, deps);
  if (incident.kind !== 'found') return { message: incident.text };
  const today = localDate(deps.clock.now());
  if (incident.current?.id !== measure.id) {
    return incident.current
      ? { card: currentCard(incident.current, measure.number, today, ['Deze maatregel is intussen gewijzigd.']) }
      : { message: 'Deze maatregel is opgeheven.' };
  }
  return { card: formCard(measure.number, incident.advised, valuesOf(measure), [], { measure, mode: data.mode }) };
}
