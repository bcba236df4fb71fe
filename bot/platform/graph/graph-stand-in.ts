import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as Graph from '@microsoft/microsoft-graph-types';

/**
 * A small Microsoft Graph for this machine: the endpoints aftercare uses, with the shapes of the real
 * API (@microsoft/microsoft-graph-types), in memory. Tests and `npm start` (when no GRAPH_*
 * credentials are set) point GRAPH_BASE_URL at it. It can answer like Graph does when things go
 * wrong: 429/503 with Retry-After, 403 for a mailbox outside the app's scope, 404 for an unknown
 * user or a deleted event. It records every request.
 *
 * Served under /v1.0:
 *   GET  /users/{id}                          ($select is ignored: the whole user comes back)
 *   POST /users/{id}/calendar/getSchedule
 *   POST /users/{id}/events                   (transactionId: a retry returns the first event)
 *   GET  /users/{id}/events/{eventId}
 *   POST /users/{id}/teamwork/installedApps            (teamsApp@odata.bind; 409 when installed already)
 *   GET  /users/{id}/teamwork/installedApps            ($filter=teamsApp/id eq '…' honoured)
 *   GET  /users/{id}/teamwork/installedApps/{id}/chat  (the bot's personal chat with the user)
 *   POST /teamwork/sendActivityNotificationToRecipients   (recorded in `notifications`; at most 100 recipients)
 */
export interface StandInUser {
  /** Entra object id. */
  id: string;
  displayName: string;
  mail: string;
  /** Other ids that find this user (UPN, the playground's Teams user id). */
  aliases?: string[];
}

/** An activity-feed notification the stand-in took, one per call (a batch of recipients). */
export interface RecordedNotification {
  activityType: string;
  topic: { source: string; value: string; webUrl: string };
  previewText: string;
  templateParameters: Record<string, string>;
  /** Entra object ids. */
  recipients: string[];
  at: Date;
}

export interface RecordedGraphRequest {
  method: string;
  path: string;
  body?: unknown;
  status: number;
}

export interface InjectedFailure {
  status: 403 | 404 | 429 | 500 | 503 | 504;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  /** Only requests whose method and path match. */
  method?: string;
  path?: RegExp;
}

interface StoredEvent {
  owner: string;
  event: Graph.Event;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

const graphError = (status: number, code: string, message: string, headers?: Record<string, string>): Answer => ({
  status,
  headers,
  body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } },
});

const toUtc = (date: Date): Graph.DateTimeTimeZone => ({
  dateTime: date.toISOString().replace('Z', '0000'),
  timeZone: 'UTC',
});

function fromGraph(value: Graph.DateTimeTimeZone | null | undefined): Date {
  const text = value?.dateTime ?? '';
  if (value?.timeZone && value.timeZone !== 'UTC') {
    throw new Error(`the stand-in only takes UTC times, got ${value.timeZone}`);
  }
  return new Date(/[zZ]$/.test(text) ? text : `${text}Z`);
}

export class GraphStandIn {
  readonly requests: RecordedGraphRequest[] = [];
  readonly notifications: RecordedNotification[] = [];
  /** Apps installed for people through Graph: user (Entra id) → installations. */
  readonly installations = new Map<string, { id: string; teamsAppId: string; chatId: string }[]>();
  private readonly users = new Map<string, StandInUser>();
  private readonly events = new Map<string, StoredEvent>();
  private readonly busy: { user: string; start: Date; end: Date }[] = [];
  private readonly failures: (InjectedFailure & { times: number })[] = [];
  private readonly denied = new Set<string>();
  private server?: http.Server;
  url = '';

  constructor(users: StandInUser[] = []) {
    for (const user of users) this.addUser(user);
  }

  addUser(user: StandInUser): void {
    for (const key of [user.id, user.mail, ...(user.aliases ?? [])]) this.users.set(key.toLowerCase(), user);
  }

  /** The Graph base URL to configure (GRAPH_BASE_URL). */
  get baseUrl(): string {
    return `${this.url}/v1.0`;
  }

  async start(port = 0): Promise<string> {
    this.server = http.createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `times` matching requests fail with this status. */
  fail(failure: InjectedFailure, times = 1): void {
    this.failures.push({ ...failure, times });
  }

  /** The mailbox is outside the app's scope (RBAC for Applications): 403 on everything under it. */
  deny(userId: string): void {
    this.denied.add(userId.toLowerCase());
  }

  /** An appointment in someone's calendar (shows as busy). */
  addBusy(userId: string, start: Date, end: Date): void {
    this.busy.push({ user: this.userFor(userId)?.id ?? userId, start, end });
  }

  /** The events in a user's calendar, as Graph would list them. */
  calendarOf(userId: string): Graph.Event[] {
    const owner = this.userFor(userId)?.id ?? userId;
    return [...this.events.values()].filter((stored) => stored.owner === owner).map((stored) => stored.event);
  }

  /** The organiser drags the event to another time in Outlook. */
  moveEvent(eventId: string, start: Date, end: Date): void {
    const stored = this.events.get(eventId);
    if (!stored) throw new Error(`no event ${eventId}`);
    stored.event = { ...stored.event, start: toUtc(start), end: toUtc(end) };
  }

  /** The organiser cancels the meeting in Outlook: it leaves their calendar. */
  cancelEvent(eventId: string): void {
    if (!this.events.delete(eventId)) throw new Error(`no event ${eventId}`);
  }

  private userFor(id: string): StandInUser | undefined {
    return this.users.get(decodeURIComponent(id).toLowerCase());
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const query = (request.url ?? '').split('?')[1] ?? '';
    let answer: Answer;
    try {
      answer = this.answer(method, path, body, query);
    } catch (error) {
      answer = graphError(400, 'BadRequest', error instanceof Error ? error.message : String(error));
    }
    this.requests.push({ method, path, body, status: answer.status });
    response.writeHead(answer.status, {
      // Graph sends no content type with an empty answer (202 Accepted); the SDK would parse it as JSON.
      ...(answer.body === undefined ? {} : { 'content-type': 'application/json; odata.metadata=minimal' }),
      'request-id': randomUUID(),
      ...answer.headers,
    });
    response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  private answer(method: string, path: string, body: unknown, query = ''): Answer {
    const failure = this.failures.find(
      (candidate) =>
        candidate.times > 0 &&
        (!candidate.method || candidate.method === method) &&
        (!candidate.path || candidate.path.test(path)),
    );
    if (failure) {
      failure.times--;
      return this.failureAnswer(failure);
    }
    if (path === '/v1.0/teamwork/sendActivityNotificationToRecipients' && method === 'POST') {
      return this.sendActivityNotification(body);
    }
    const match = /^\/v1\.0\/users\/([^/]+)(\/.*)?$/.exec(path);
    if (!match?.[1]) return graphError(400, 'BadRequest', `Unsupported path ${path}`);
    const user = this.userFor(match[1]);
    const rest = match[2] ?? '';
    if (user && this.denied.has(user.id.toLowerCase())) {
      return graphError(
        403,
        'ErrorAccessDenied',
        'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.',
      );
    }
    if (rest === '' && method === 'GET') {
      if (!user) return graphError(404, 'Request_ResourceNotFound', `Resource '${match[1]}' does not exist.`);
      const found: Graph.User = {
        id: user.id,
        displayName: user.displayName,
        mail: user.mail,
        userPrincipalName: user.mail,
      };
      return {
        status: 200,
        body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity', ...found },
      };
    }
    if (!user) return graphError(404, 'ErrorInvalidUser', `The requested user '${match[1]}' is invalid.`);
    if (rest === '/calendar/getSchedule' && method === 'POST') return this.getSchedule(body);
    if (rest.startsWith('/teamwork/installedApps')) return this.installedApps(user, method, rest, body, query);
    if (rest === '/events' && method === 'POST') return this.createEvent(user, body as Graph.Event);
    const eventMatch = /^\/events\/([^/]+)$/.exec(rest);
    if (eventMatch?.[1] && method === 'GET') {
      const stored = this.events.get(decodeURIComponent(eventMatch[1]));
      if (!stored || stored.owner !== user.id) {
        return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      }
      return { status: 200, body: stored.event };
    }
    return graphError(400, 'BadRequest', `Unsupported request ${method} ${path}`);
  }

  private failureAnswer(failure: InjectedFailure): Answer {
    const headers = failure.retryAfter !== undefined ? { 'Retry-After': String(failure.retryAfter) } : undefined;
    switch (failure.status) {
      case 429:
        return graphError(429, 'TooManyRequests', 'Application is over its MailboxConcurrency limit.', headers);
      case 403:
        return graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
      case 404:
        return graphError(404, 'ErrorInvalidUser', 'The requested user is invalid.');
      case 503:
        return graphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.', headers);
      case 504:
        return graphError(504, 'GatewayTimeout', 'The gateway timed out.', headers);
      default:
        return graphError(500, 'InternalServerError', 'Something went wrong.');
    }
  }

  private installedApps(user: StandInUser, method: string, rest: string, body: unknown, query: string): Answer {
    const own = this.installations.get(user.id) ?? [];
    if (rest === '/teamwork/installedApps' && method === 'POST') {
      const binding = String((body as Record<string, unknown> | undefined)?.['teamsApp@odata.bind'] ?? '');
      const teamsAppId = /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(binding)?.[1];
      if (!teamsAppId) return graphError(400, 'BadRequest', 'teamsApp@odata.bind is required');
      if (own.some((installation) => installation.teamsAppId === teamsAppId)) {
        return graphError(409, 'Conflict', 'App is already installed.');
      }
      const id = randomUUID();
      this.installations.set(user.id, [...own, { id, teamsAppId, chatId: `19:${user.id}_${id}@unq.gbl.spaces` }]);
      return { status: 201 };
    }
    if (rest === '/teamwork/installedApps' && method === 'GET') {
      const wanted = /teamsApp\/id eq '([^']+)'/.exec(decodeURIComponent(query))?.[1];
      const value = own
        .filter((installation) => !wanted || installation.teamsAppId === wanted)
        .map((installation) => ({ id: installation.id, teamsApp: { id: installation.teamsAppId } }));
      return { status: 200, body: { value } };
    }
    const chat = /^\/teamwork\/installedApps\/([^/]+)\/chat$/.exec(rest);
    if (chat?.[1] && method === 'GET') {
      const installation = own.find((candidate) => candidate.id === decodeURIComponent(chat[1] as string));
      if (!installation) return graphError(404, 'NotFound', 'No such installation.');
      return { status: 200, body: { id: installation.chatId, chatType: 'oneOnOne' } };
    }
    return graphError(400, 'BadRequest', `Unsupported request ${method} ${rest}`);
  }

  private sendActivityNotification(body: unknown): Answer {
    const request = (body ?? {}) as {
      topic?: { source?: string; value?: string; webUrl?: string };
      activityType?: string;
      previewText?: { content?: string };
      templateParameters?: { name?: string; value?: string }[];
      recipients?: { '@odata.type'?: string; userId?: string }[];
    };
    const recipients = request.recipients ?? [];
    if (!request.topic?.webUrl || !request.activityType || recipients.length === 0) {
      return graphError(400, 'BadRequest', 'topic, activityType and recipients are required');
    }
    if (recipients.length > 100) return graphError(400, 'BadRequest', 'At most 100 recipients per request');
    if (recipients.some((r) => r['@odata.type'] !== 'microsoft.graph.aadUserNotificationRecipient' || !r.userId)) {
      return graphError(400, 'BadRequest', 'Recipients must be aadUserNotificationRecipient with a userId');
    }
    if ((request.previewText?.content ?? '').length > 150) {
      return graphError(400, 'BadRequest', 'previewText is longer than 150 characters');
    }
    this.notifications.push({
      activityType: request.activityType,
      topic: {
        source: request.topic.source ?? '',
        value: request.topic.value ?? '',
        webUrl: request.topic.webUrl,
      },
      previewText: request.previewText?.content ?? '',
      templateParameters: Object.fromEntries(
        (request.templateParameters ?? []).map((parameter) => [parameter.name ?? '', parameter.value ?? '']),
      ),
      recipients: recipients.map((recipient) => recipient.userId as string),
      at: new Date(),
    });
    return { status: 202 };
  }

  private getSchedule(body: unknown): Answer {
    const request = body as {
      schedules?: string[];
      startTime?: Graph.DateTimeTimeZone;
      endTime?: Graph.DateTimeTimeZone;
    };
    const start = fromGraph(request.startTime);
    const end = fromGraph(request.endTime);
    const schedules = request.schedules ?? [];
    const value: Graph.ScheduleInformation[] = schedules.map((address) => {
      const person = this.userFor(address);
      if (!person) {
        return {
          scheduleId: address,
          error: { message: 'The user is not found.', responseCode: 'ErrorMailRecipientNotFound' },
        };
      }
      const items: Graph.ScheduleItem[] = [
        ...this.busy
          .filter((entry) => entry.user === person.id)
          .map((entry) => ({ start: entry.start, end: entry.end })),
        ...[...this.events.values()]
          .filter(
            (stored) =>
              stored.owner === person.id ||
              (stored.event.attendees ?? []).some(
                (attendee) => attendee.emailAddress?.address?.toLowerCase() === person.mail.toLowerCase(),
              ),
          )
          .map((stored) => ({ start: fromGraph(stored.event.start), end: fromGraph(stored.event.end) })),
      ]
        .filter((entry) => entry.start < end && start < entry.end)
        .map((entry) => ({ isPrivate: false, status: 'busy', start: toUtc(entry.start), end: toUtc(entry.end) }));
      return {
        scheduleId: address,
        availabilityView: '',
        scheduleItems: items,
        workingHours: {
          daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          startTime: '08:00:00.0000000',
          endTime: '17:00:00.0000000',
          timeZone: { name: 'W. Europe Standard Time' },
        },
      };
    });
    return {
      status: 200,
      body: {
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)',
        value,
      },
    };
  }

  private createEvent(owner: StandInUser, input: Graph.Event): Answer {
    if (input.transactionId) {
      const existing = [...this.events.values()].find(
        (stored) => stored.owner === owner.id && stored.event.transactionId === input.transactionId,
      );
      if (existing) return { status: 201, body: existing.event };
    }
    if (!input.subject || !input.start || !input.end) return graphError(400, 'ErrorInvalidRequest', 'Missing fields');
    const id = `AAMkAG${randomUUID().replace(/-/g, '')}`;
    const event: Graph.Event = {
      id,
      createdDateTime: new Date().toISOString(),
      subject: input.subject,
      body: input.body,
      start: toUtc(fromGraph(input.start)),
      end: toUtc(fromGraph(input.end)),
      attendees: (input.attendees ?? []).map((attendee) => ({
        ...attendee,
        status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      })),
      organizer: { emailAddress: { name: owner.displayName, address: owner.mail } },
      isOnlineMeeting: input.isOnlineMeeting ?? false,
      onlineMeetingProvider: input.onlineMeetingProvider ?? 'unknown',
      onlineMeeting: input.isOnlineMeeting
        ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/stand-in/${id.slice(-12)}` }
        : null,
      isCancelled: false,
      sensitivity: input.sensitivity ?? 'normal',
      allowNewTimeProposals: input.allowNewTimeProposals ?? true,
      transactionId: input.transactionId ?? null,
      webLink: `https://outlook.office365.com/owa/?itemid=${id}&exvsurl=1&path=/calendar/item`,
    };
    this.events.set(id, { owner: owner.id, event });
    return { status: 201, body: event };
  }
}

/** The stand-in's people from the playground's mock tenant: found by object id, e-mail and Teams user id. */
export function standInUsersFrom(tenant: {
  currentUser: { id: string; name: string; aadObjectId: string; email: string };
  users: { id: string; name: string; aadObjectId: string; email: string }[];
}): StandInUser[] {
  return [tenant.currentUser, ...tenant.users].map((user) => ({
    id: user.aadObjectId,
    displayName: user.name,
    mail: user.email,
    aliases: [user.id],
  }));
}
