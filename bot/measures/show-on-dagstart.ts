import { measureSummary } from './measure-rules';
import type { MeasureRecord } from './measure-store';
import type { Background, MeasuresDeps } from './measures-deps';

/** The measure on the incident's dagstart card, in place, after the answer (never the aggressor's name). */
export function showOnDagstart(
  measure: MeasureRecord,
  deps: Pick<MeasuresDeps, 'dagstart' | 'logger'>,
  background: Background,
): void {
  background(
    deps.dagstart
      .updateMeasure(measure.number, measureSummary(measure))
      .catch((error: unknown) =>
        deps.logger.warn({ err: error, number: measure.number }, 'measure not shown on the dagstart card'),
      ),
  );
}
