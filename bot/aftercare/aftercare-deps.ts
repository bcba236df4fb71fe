import type { JobScheduler } from '../shared/jobs';
import type { Person } from '../reports';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Messenger, UserAddress } from '../shared/messenger';
import { samePerson, type PersonIds } from '../shared/people';
import type { WorkingCalendar } from '../shared/working-days';
import type { AftercareStore } from './aftercare-store';
import type { Calendar } from './calendar';

export interface AftercareDeps {
  store: AftercareStore;
  calendar: Calendar;
  messenger: Messenger;
  scheduler: JobScheduler;
  clock: Clock;
  logger: Logger;
  /** The one calendar of working days: talk days, the agenda a working day before, forms overdue. */
  workingDays: WorkingCalendar;
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

/** Whether the actor is this person (the kernel's one rule for it). */
export const isPerson: (actor: PersonIds, person: Person) => boolean = samePerson;
