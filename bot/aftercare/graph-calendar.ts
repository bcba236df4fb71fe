import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type * as Graph from '@microsoft/microsoft-graph-types';
import {
  CalendarError,
  unconfiguredCalendar,
  type Calendar,
  type CalendarEvent,
  type CalendarUser,
  type NewCalendarEvent,
} from './calendar';
import type { Interval } from './slot-rules';
import type { Logger } from '../shared/logger';
import { parseRetryAfter, sleep, withRetry } from '../shared/retry';
import { createGraphClient, isGraphTimeout, graphRetryAfterOf, graphStatusOf } from '../platform/graph/graph-client';

export interface GraphCalendarOptions {
  attempts?: number;
  /** How long one attempt may take, the token included (`graphCallTimeoutMs`, 20 s); used by createCalendar. */
  attemptTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
}

const busyStatuses = new Set(['busy', 'oof', 'tentative', 'workingElsewhere']);

/** Graph's times come as { dateTime, timeZone }; we always ask for UTC. */
function toDate(value: Graph.DateTimeTimeZone | null | undefined): Date {
  const text = value?.dateTime ?? '';
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
}

function utc(date: Date): Graph.DateTimeTimeZone {
  return { dateTime: date.toISOString().replace('Z', ''), timeZone: 'UTC' };
}

function toEvent(event: Graph.Event): CalendarEvent {
  return {
    id: event.id ?? '',
    start: toDate(event.start),
    end: toDate(event.end),
    cancelled: event.isCancelled === true,
    joinUrl: event.onlineMeeting?.joinUrl ?? undefined,
    webLink: event.webLink ?? undefined,
  };
}

/** The calendar port over Microsoft Graph (app-only): users, getSchedule, events. */
export function createGraphCalendar(client: Client, options: GraphCalendarOptions = {}): Calendar {
  const attempts = options.attempts ?? 4;

  /**
   * 429, 503 and 504 are retried after the server's Retry-After, and an attempt without an answer in
   * time (GraphTimeoutError) after the backoff: reads are safe to repeat and a new event carries its
   * transactionId, so Graph makes it once. 403 and 404 become plain problems.
   */
  async function call<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(() => operation(), {
        attempts,
        baseDelayMs: 1000,
        maxDelayMs: 60_000,
        sleep: options.sleep ?? sleep,
        classify(error) {
          const status = graphStatusOf(error);
          if (status === 429 || status === 503 || status === 504) {
            return { retry: true, afterMs: parseRetryAfter(graphRetryAfterOf(error)) };
          }
          if (isGraphTimeout(error)) return { retry: true };
          return { retry: false };
        },
        onRetry: (error, attempt, delayMs) =>
          isGraphTimeout(error)
            ? options.logger?.warn({ timeout: true, attempt, delayMs, what }, 'Graph did not answer in time; retrying')
            : options.logger?.warn({ status: graphStatusOf(error), attempt, delayMs, what }, 'Graph asked to retry'),
      });
    } catch (error) {
      const status = graphStatusOf(error);
      const code = (error as Partial<GraphError>).code ?? '';
      if (status === 403)
        throw new CalendarError('forbidden', `Graph refused ${what}: ${code}`, status, { cause: error });
      if (status === 404)
        throw new CalendarError('unknown-user', `Graph does not know ${what}`, status, { cause: error });
      const answer = isGraphTimeout(error) ? 'no answer in time' : (status ?? 'no answer');
      throw new CalendarError('unavailable', `Graph failed on ${what} (${answer})`, status, {
        cause: error,
      });
    }
  }

  const userPath = (user: CalendarUser | string) =>
    `/users/${encodeURIComponent(typeof user === 'string' ? user : user.id)}`;

  return {
    async user(id) {
      const found = await call('a user', () =>
        client.api(userPath(id)).select(['id', 'displayName', 'mail', 'userPrincipalName']).get(),
      );
      const user = found as Graph.User;
      const email = user.mail ?? user.userPrincipalName;
      if (!email) throw new CalendarError('unknown-user', 'Graph user has no mail address', 404);
      return { id: user.id ?? id, email, name: user.displayName ?? email };
    },

    async busyTimes(owner, people, range: Interval) {
      const body = {
        schedules: people.map((person) => person.email),
        startTime: utc(range.start),
        endTime: utc(range.end),
        availabilityViewInterval: 30,
      };
      const answer = (await call('a schedule', () =>
        client
          .api(`${userPath(owner)}/calendar/getSchedule`)
          .header('Prefer', 'outlook.timezone="UTC"')
          .post(body),
      )) as { value?: Graph.ScheduleInformation[] };
      const busy: Interval[] = [];
      for (const schedule of answer.value ?? []) {
        if (schedule.error) {
          throw new CalendarError(
            'unknown-user',
            `Graph has no schedule for a person: ${schedule.error.responseCode}`,
            404,
          );
        }
        for (const item of schedule.scheduleItems ?? []) {
          if (busyStatuses.has(item.status ?? 'busy')) busy.push({ start: toDate(item.start), end: toDate(item.end) });
        }
      }
      return busy;
    },

    async createEvent(owner, event: NewCalendarEvent) {
      const body: Graph.Event = {
        subject: event.subject,
        body: { contentType: 'html', content: event.body },
        start: utc(event.start),
        end: utc(event.end),
        attendees: [{ type: 'required', emailAddress: { address: event.attendee.email, name: event.attendee.name } }],
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
        allowNewTimeProposals: true,
        sensitivity: 'private',
        transactionId: event.transactionId,
      };
      const created = await call('a new event', () =>
        client
          .api(`${userPath(owner)}/events`)
          .header('Prefer', 'outlook.timezone="UTC"')
          .post(body),
      );
      return toEvent(created as Graph.Event);
    },

    async getEvent(owner, eventId) {
      try {
        const found = await call('an event', () =>
          client
            .api(`${userPath(owner)}/events/${encodeURIComponent(eventId)}`)
            .header('Prefer', 'outlook.timezone="UTC"')
            .get(),
        );
        const event = toEvent(found as Graph.Event);
        return event.cancelled ? undefined : event;
      } catch (error) {
        // An event the organiser deleted or cancelled answers 404 ErrorItemNotFound; an unknown mailbox
        // answers 404 with another code and stays an error.
        const graphCode = ((error as CalendarError).cause as Partial<GraphError> | undefined)?.code;
        if (error instanceof CalendarError && error.status === 404 && graphCode === 'ErrorItemNotFound')
          return undefined;
        throw error;
      }
    },
  };
}

/** The calendar this process uses: Graph (or its stand-in) per GRAPH_* settings, else "not configured". */
export function createCalendar(
  config: Parameters<typeof createGraphClient>[0],
  options: GraphCalendarOptions = {},
): Calendar {
  const client = createGraphClient(config, { timeoutMs: options.attemptTimeoutMs });
  return client ? createGraphCalendar(client, options) : unconfiguredCalendar;
}
