import type { Messenger } from '../shared/messenger';
import { timeOfDay } from '../shared/time-format';
import type { OfferReport } from './alarm-deps';

/**
 * Until the report capability takes over, the closer gets a personal message that asks them to
 * start the incident report with the colleague, with the alarm's time and place to fill in.
 */
export function offerReportByMessage(messenger: Messenger): OfferReport {
  return async (alarm, closer) => {
    await messenger.sendToUser(
      { id: closer.id, aadObjectId: closer.aadObjectId, name: closer.name },
      {
        text:
          `Het alarm bij **${alarm.location}** (${timeOfDay(alarm.pressedAt)}) is afgehandeld. Dank je wel.\n\n` +
          'Elk incident wordt gemeld. Wil je de collega helpen met het meldingsformulier? ' +
          'Typ **melden** in deze chat; tijd en plaats van het alarm staan er dan al in.',
      },
    );
  };
}
