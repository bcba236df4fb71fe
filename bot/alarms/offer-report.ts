import type { AlarmFacts } from '../reports';
import { offerCard } from '../reports';
import type { Messenger } from '../shared/messenger';
import { dayAndTime } from '../shared/time-format';
import type { OfferReport } from './alarm-deps';
import type { AlarmStore } from './alarm-store';

/**
 * The closer of an alarm gets a personal card with a "Melding starten" button; it starts the incident
 * report (reports capability) prefilled with the alarm's time, place and responders.
 */
export function offerReportCard(messenger: Messenger): OfferReport {
  return async (alarm, closer) => {
    await messenger.sendToUser(
      { id: closer.id, aadObjectId: closer.aadObjectId, name: closer.name },
      {
        card: offerCard({
          location: alarm.location,
          pressedAtText: dayAndTime(alarm.pressedAt),
          responders: alarm.responders.map((responder) => responder.name),
          buttonId: alarm.buttonId,
          alarmId: alarm.id,
        }),
      },
    );
  };
}

/** What a report started from an alarm takes over: only closed, real alarms (not a test press). */
export function alarmFactsFrom(store: AlarmStore) {
  return async (buttonId: string, alarmId: string): Promise<AlarmFacts | undefined> => {
    const alarm = await store.getAlarm(buttonId, alarmId);
    if (!alarm || alarm.status !== 'closed' || alarm.exercise) return undefined;
    return {
      pressedAt: alarm.pressedAt,
      location: alarm.location,
      responders: alarm.responders.map((responder) => responder.name),
      policeCame: alarm.closed.outcome === 'politie-ter-plaatse',
    };
  };
}

/** The places of the registered buttons, the "registered locations" a report offers as answers to "waar". */
export function registeredLocations(store: AlarmStore) {
  return async (): Promise<string[]> => [...new Set((await store.listButtons()).map((button) => button.location))];
}
