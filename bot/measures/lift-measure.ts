import { z } from 'zod';
import type { CardActionResult } from '../shared/commands';
import { localDate } from '../shared/time-format';
import { incidentToDecide, type Decider } from './may-decide';
import { recordedCard } from './measure-cards';
import { currentCard, liftedRecord } from './measure-changes';
import { isBan, measureState } from './measure-rules';
import type { Background, MeasuresDeps } from './measures-deps';
import { announceLift } from './reception';
import { showOnDagstart } from './show-on-dagstart';

export const liftData = z.object({ id: z.string().min(1).max(80), liftReason: z.string().max(1000).optional() });
export type LiftData = z.infer<typeof liftData>;

/** A ban lifted before its end (a card action on the measure that stands): with a reason; reception told. */
export async function liftMeasure(
  data: LiftData,
  who: Decider,
  deps: MeasuresDeps,
  background: Background,
): Promise<CardActionResult> {
  const measure = await deps.store.get(data.id);
  if (!measure) return { message: 'Deze maatregel ken ik niet.' };
  const incident = await incidentToDecide(measure.number, who, deps);
  if (incident.kind !== 'found') return { message: incident.text };
  const now = deps.clock.now();
  const today = localDate(now);
  const state = measureState(measure, today);
  if (!isBan(measure.kind) || (state !== 'komt' && state !== 'geldt')) {
    return {
      card: currentCard(incident.current ?? measure, measure.number, today, [
        'Alleen een verbod dat nog loopt, kun je opheffen.',
      ]),
    };
  }
  const reason = data.liftReason?.trim();
  if (!reason) {
    return {
      card: currentCard(measure, measure.number, today, [
        'Schrijf kort waarom je het verbod opheft; dat hoort bij het dossier.',
      ]),
    };
  }
  const lifted = await deps.store.update(measure.id, (current) =>
    liftedRecord(current, { reason, actor: who.actor, now }),
  );
  if (!lifted) return { message: 'Deze maatregel ken ik niet.' };
  deps.logger.info({ number: lifted.number, measureId: lifted.id }, 'ban lifted');
  const lines = await announceLift(lifted, deps, background);
  showOnDagstart(lifted, deps, background);
  lines.push('Laat de agressor weten dat het verbod is opgeheven.');
  return { card: recordedCard('Verbod opgeheven', lifted, lifted.advised ?? '', lines, deps.publicBaseUrl) };
}
