import type { JobScheduler } from '../platform/scheduler/scheduler-types';
import type { Person } from '../reports/report-model';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Messenger, UserAddress } from '../shared/messenger';
import type { AftercareStore } from './aftercare-store';
import type { Calendar } from './calendar';

export interface AftercareDeps {
  store: AftercareStore;
  calendar: Calendar;
  messenger: Messenger;
  scheduler: JobScheduler;
  clock: Clock;
  logger: Logger;
  /** A new proposal id ("Andere tijden"); random in production, fixed in tests if they like. */
  newId(): string;
}

/** The id Graph knows a person by: the Entra object id, else the id we have. */
export const calendarIdOf = (person: Person): string => person.aadObjectId ?? person.id;

export const addressOf = (person: Person): UserAddress => ({
  id: person.id,
  aadObjectId: person.aadObjectId,
  name: person.name,
});

export function isPerson(actor: { id: string; aadObjectId?: string }, person: Person): boolean {
  return actor.id === person.id || (!!actor.aadObjectId && actor.aadObjectId === person.aadObjectId);
}
