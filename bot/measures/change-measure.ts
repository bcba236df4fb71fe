import type { Actor, CardActionResult } from '../shared/commands';
import type { Advised } from './advice';
import { changedRecord } from './measure-changes';
import { recordedCard } from './measure-cards';
import { isBan, type AangifteStatus, type MeasureDecision } from './measure-rules';
import type { MeasureRecord } from './measure-store';
import type { Background, MeasuresDeps } from './measures-deps';
import { announceBan, cancelBanJobs } from './reception';
import { showOnDagstart } from './show-on-dagstart';

export interface MeasureChange {
  decision: MeasureDecision;
  advised: Advised;
  aangifte: AangifteStatus;
  subject?: MeasureRecord['subject'];
  actor: Actor;
}

/** The measure that stands, changed or extended in place: one record, its history, reception told. */
export async function changeMeasure(
  stands: MeasureRecord,
  change: MeasureChange,
  deps: MeasuresDeps,
  background: Background,
): Promise<CardActionResult> {
  const now = deps.clock.now();
  const changed = await deps.store.update(stands.id, (current) =>
    changedRecord(current, { ...change, advised: change.advised.text, now }),
  );
  if (!changed) return { message: 'Deze maatregel bestaat niet meer.' };
  if (isBan(stands.kind)) await cancelBanJobs(stands, deps);
  deps.logger.info(
    { number: changed.number, measureId: changed.id, kind: changed.kind, revision: changed.revision },
    'measure changed',
  );
  const lines = isBan(changed.kind) ? await announceBan(changed, deps, background) : [];
  showOnDagstart(changed, deps, background);
  lines.push('Maak de nieuwe conceptbrief af en verstuur hem. De brief noemt de medewerker niet.');
  return { card: recordedCard('Maatregel gewijzigd', changed, change.advised.text, lines, deps.publicBaseUrl) };
}
