import type { BanInForce, BansInForce } from '../dagstart';
import { localDate } from '../shared/time-format';
import { inForce, longDate, measureKindLabels } from './measure-rules';
import type { MeasureStore } from './measure-store';

/** Bans in force, for the dagstart digest: kind, number and period; never a name. */
export function bansInForce(store: Pick<MeasureStore, 'all'>): BansInForce {
  return {
    async list(now) {
      const today = localDate(now);
      return (await store.all())
        .filter((measure) => inForce(measure, today))
        .map((measure): BanInForce => ({
          description: `${measureKindLabels[measure.kind]} (${measure.number}), sinds ${longDate(measure.startDate as string)}`,
          until: measure.endDate as string,
        }));
    },
  };
}
