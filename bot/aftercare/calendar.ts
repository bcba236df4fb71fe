import type { Interval } from './slot-rules';

/**
 * What aftercare needs of a calendar (Outlook through Microsoft Graph in production, the Graph
 * stand-in locally). Use cases see only these types, never Graph's.
 */
export interface CalendarUser {
  /** Entra object id (or UPN). */
  id: string;
  email: string;
  name: string;
}

export interface NewCalendarEvent {
  subject: string;
  /** HTML. */
  body: string;
  start: Date;
  end: Date;
  attendee: CalendarUser;
  /** Same id on a retried request: the calendar makes no second event. */
  transactionId: string;
}

export interface CalendarEvent {
  id: string;
  start: Date;
  end: Date;
  cancelled: boolean;
  joinUrl?: string;
  webLink?: string;
}

export interface Calendar {
  user(id: string): Promise<CalendarUser>;
  /** Busy times of these people between `range.start` and `range.end`, read through the owner's mailbox. */
  busyTimes(owner: CalendarUser, people: CalendarUser[], range: Interval): Promise<Interval[]>;
  createEvent(owner: CalendarUser, event: NewCalendarEvent): Promise<CalendarEvent>;
  /** Undefined when the event no longer exists (deleted or cancelled in Outlook). */
  getEvent(owner: CalendarUser, eventId: string): Promise<CalendarEvent | undefined>;
}

/** Why the calendar could not be used, in terms a manager can act on. */
export type CalendarProblem = 'forbidden' | 'unknown-user' | 'unavailable' | 'not-configured';

export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  constructor(
    readonly problem: CalendarProblem,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** When no Graph is configured (no credentials and no stand-in): every call says so. */
export const unconfiguredCalendar: Calendar = {
  user: () => Promise.reject(new CalendarError('not-configured', 'No Microsoft Graph is configured')),
  busyTimes: () => Promise.reject(new CalendarError('not-configured', 'No Microsoft Graph is configured')),
  createEvent: () => Promise.reject(new CalendarError('not-configured', 'No Microsoft Graph is configured')),
  getEvent: () => Promise.reject(new CalendarError('not-configured', 'No Microsoft Graph is configured')),
};
