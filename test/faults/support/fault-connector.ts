import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Matches } from '../../support/waiting';

/** One request the bot made to the Bot Connector stand-in, from arrival to answer (or abort). */
export interface ConnectorCall {
  seq: number;
  method: string;
  path: string;
  /** The conversation id from the URL (decoded), e.g. `19:halteam@thread.tacv2;messageid=1007`. */
  conversationId?: string;
  /** The activity id from the URL (an update's target, or the activity a reply answers). */
  activityId?: string;
  body: Record<string, unknown>;
  arrivedAt: number;
  /** `pending` while held; `aborted` when the bot went away (killed) before it was answered. */
  outcome: 'pending' | 'answered' | 'aborted';
  status?: number;
  answeredAt?: number;
  /** The id the stand-in gave a new activity. */
  newActivityId?: string;
}

export interface Refusal {
  status: number;
  retryAfterSeconds?: number;
}

type Predicate = (call: ConnectorCall) => boolean;

interface Hold {
  predicate: Predicate;
  remaining: number;
  held: { call: ConnectorCall; release: () => void }[];
  arrivals: ((call: ConnectorCall) => void)[];
}

/** A held request: `arrived` resolves when the bot's request is in; `release()` answers it normally. */
export interface HoldHandle {
  arrived: Promise<ConnectorCall>;
  release(): void;
  /** Stops holding requests that have not arrived yet (held ones stay held until released). */
  cancel(): void;
}

/**
 * Teams' limits for one conversation (threads count with their channel). Checked on arrival, with a
 * little tolerance: a bot that paces itself exactly to the limits sees its requests arrive with some
 * jitter, and Teams does not count to the millisecond either.
 */
const limitToleranceMs = 100;
const teamsLimits = [
  { count: 7, windowMs: 1_000 },
  { count: 8, windowMs: 2_000 },
  { count: 60, windowMs: 30_000 },
];

/**
 * The Bot Connector stand-in of the fault suite: a real HTTP server in the jest process that the bot
 * processes call (their serviceUrl points here). Like test/support/fake-connector.ts it answers sends,
 * replies, updates and member lists and records every call, and on top it can
 * - hold matching requests unanswered (the bot is killed while its card is on its way),
 * - refuse everything with a status (Teams outage), or stop listening altogether (connection refused)
 *   and listen again on the same port,
 * - answer 429 with Retry-After when a conversation exceeds Teams' limits, as Teams does.
 * Records carry arrival times, so latency is measured where the real connector would see it.
 */
export class FaultConnector {
  readonly calls: ConnectorCall[] = [];
  /** The team's members, as the bot reads them (the Halteam). */
  readonly members = new Map<string, { id: string; aadObjectId?: string; name: string }>();
  url = '';
  port = 0;
  /** Answer 429 when a conversation goes over Teams' limits (7/s, 8/2 s, 60/30 s). */
  enforceTeamsLimits = true;
  private outage: Refusal | undefined;
  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly holds: Hold[] = [];
  private readonly accepted = new Map<string, number[]>();
  private counter = 1000;
  private seq = 0;
  private readonly matches = new Matches<ConnectorCall>(() => this.calls);

  async start(): Promise<string> {
    await this.listen(0);
    this.url = `http://127.0.0.1:${this.port}`;
    return this.url;
  }

  /** Teams unreachable: the port refuses connections and open connections are cut. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    server.closeAllConnections();
    await closed;
  }

  /** Teams reachable again, on the same address. */
  async up(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  async stop(): Promise<void> {
    for (const hold of this.holds.splice(0)) for (const entry of hold.held) entry.release();
    await this.down();
  }

  /** Every request is answered with this status until `restore()` (a Teams outage). */
  refuseAll(refusal: Refusal): void {
    this.outage = refusal;
  }

  restore(): void {
    this.outage = undefined;
  }

  /** Holds the next `count` matching requests unanswered until released (or the bot dies). */
  hold(predicate: Predicate, count = 1): HoldHandle {
    const hold: Hold = { predicate, remaining: count, held: [], arrivals: [] };
    this.holds.push(hold);
    const arrived = new Promise<ConnectorCall>((resolve) => hold.arrivals.push(resolve));
    return {
      arrived,
      release: () => {
        const index = this.holds.indexOf(hold);
        if (index >= 0) this.holds.splice(index, 1);
        for (const entry of hold.held.splice(0)) entry.release();
      },
      cancel: () => {
        hold.remaining = 0;
      },
    };
  }

  /** Resolves with the first call (answered 2xx) that matches, or rejects after `timeoutMs` naming `what`. */
  waitFor(predicate: Predicate, timeoutMs: number, what = 'a matching Bot Connector call'): Promise<ConnectorCall> {
    return this.matches.waitFor(
      (call) => isSuccess(call) && predicate(call),
      timeoutMs,
      `Bot Connector stand-in: ${what} did not arrive within ${timeoutMs} ms`,
    );
  }

  /** Calls answered 2xx. */
  succeeded(): ConnectorCall[] {
    return this.calls.filter(isSuccess);
  }

  /** A compact account of every call, for failure reports. */
  summary(): string {
    const first = this.calls[0]?.arrivedAt ?? 0;
    return this.calls
      .map((call) => {
        const text = String(call.body.text ?? '').slice(0, 60);
        const card = alarmIdOfCard(call) ? ` card(${alarmIdOfCard(call)})` : '';
        return (
          `#${call.seq} +${call.arrivedAt - first}ms ${call.method} ${call.conversationId ?? call.path}` +
          `${call.activityId ? ` /${call.activityId}` : ''} -> ${call.outcome} ${call.status ?? ''}` +
          `${call.newActivityId ? ` id=${call.newActivityId}` : ''}${card}${text ? ` "${text}"` : ''}`
        );
      })
      .join('\n');
  }

  private async listen(port: number): Promise<void> {
    const server = http.createServer((req, res) => this.handle(req, res));
    // Like the real connector, keep connections open between calls.
    server.keepAliveTimeout = 30_000;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const arrivedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString();
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        body = { unparsable: raw.slice(0, 200) };
      }
      const method = req.method ?? 'GET';
      const path = (req.url ?? '/').split('?')[0] as string;
      const match = /^\/v3\/conversations(?:\/([^/]+))?(?:\/(activities|members|pagedmembers)(?:\/([^/]+))?)?/.exec(
        path,
      );
      const call: ConnectorCall = {
        seq: ++this.seq,
        method,
        path,
        conversationId: match?.[1] ? decodeURIComponent(match[1]) : undefined,
        activityId: match?.[3] ? decodeURIComponent(match[3]) : undefined,
        body,
        arrivedAt,
        outcome: 'pending',
      };
      this.calls.push(call);
      res.on('close', () => {
        if (call.outcome === 'pending') call.outcome = 'aborted';
      });

      const hold = this.holds.find((candidate) => candidate.remaining > 0 && candidate.predicate(call));
      if (hold) {
        hold.remaining--;
        hold.held.push({ call, release: () => this.answer(call, match, res) });
        for (const resolve of hold.arrivals.splice(0)) resolve(call);
        return;
      }
      this.answer(call, match, res);
    });
  }

  private answer(call: ConnectorCall, match: RegExpExecArray | null, res: http.ServerResponse): void {
    if (call.outcome !== 'pending' || res.destroyed) return;
    const reply = (status: number, answer: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      call.answeredAt = Date.now();
      call.outcome = 'answered';
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(answer));
      if (status < 300) this.notify(call);
    };

    if (this.outage) {
      const headers: Record<string, string> = {};
      if (this.outage.retryAfterSeconds !== undefined) headers['retry-after'] = String(this.outage.retryAfterSeconds);
      return reply(this.outage.status, { error: { code: 'ServiceUnavailable', message: 'simulated outage' } }, headers);
    }

    const { method, path } = call;
    const kind = match?.[2];
    if (method === 'POST' && path === '/v3/conversations') {
      return reply(201, { id: `a:personal-${++this.counter}`, serviceUrl: this.url });
    }
    if (kind === 'activities' && (method === 'POST' || method === 'PUT')) {
      const base = (call.conversationId ?? '').split(';messageid=')[0] as string;
      if (this.enforceTeamsLimits && !this.withinLimits(base)) {
        return reply(
          429,
          { error: { code: 'TooManyRequests', message: 'conversation rate limit' } },
          {
            'retry-after': '1',
          },
        );
      }
      const id = method === 'PUT' ? (call.activityId as string) : String(++this.counter);
      call.newActivityId = method === 'POST' ? id : undefined;
      call.body = { ...call.body, id };
      return reply(method === 'PUT' ? 200 : 201, { id });
    }
    if (kind === 'members' && method === 'GET' && call.activityId) {
      const member = this.members.get(call.activityId);
      return member ? reply(200, member) : reply(404, { error: { code: 'NotFound', message: 'no such member' } });
    }
    if (kind === 'pagedmembers' || (kind === 'members' && method === 'GET')) {
      const members = [...this.members.values()];
      return reply(200, kind === 'pagedmembers' ? { members } : members);
    }
    return reply(404, { error: { code: 'NotFound', message: `no route for ${method} ${path}` } });
  }

  /** Sliding windows per conversation over accepted sends and updates. */
  private withinLimits(conversation: string): boolean {
    const now = Date.now();
    const times = (this.accepted.get(conversation) ?? []).filter((at) => now - at < 30_000);
    for (const limit of teamsLimits) {
      if (times.filter((at) => now - at < limit.windowMs - limitToleranceMs).length >= limit.count) {
        this.accepted.set(conversation, times);
        return false;
      }
    }
    times.push(now);
    this.accepted.set(conversation, times);
    return true;
  }

  private notify(call: ConnectorCall): void {
    this.matches.offer(call);
  }
}

export function isSuccess(call: ConnectorCall): boolean {
  return call.outcome === 'answered' && (call.status ?? 0) < 300;
}

/** The alarm a card (new or updated) belongs to: its Action.Execute data carry the alarm id. */
export function alarmIdOfCard(call: ConnectorCall): string | undefined {
  const attachments = JSON.stringify(call.body.attachments ?? []);
  return /"alarmId":"([^"]+)"/.exec(attachments)?.[1];
}

/** A new alarm card (not an update): a POST whose card carries the "Ik kom eraan" action, as buttons.ts's alarmCards. */
export function isAlarmCardPost(call: ConnectorCall): boolean {
  return (
    call.method === 'POST' &&
    call.path.includes('/activities') &&
    JSON.stringify(call.body.attachments ?? []).includes('"alarm.respond"')
  );
}

export function isCardUpdate(call: ConnectorCall): boolean {
  return call.method === 'PUT' && Boolean(alarmIdOfCard(call));
}

export const escalationPrefixes = { 1: '**Opschaling:**', 2: '**Alarm zonder genoeg hulp:**' } as const;

/** Level 1 or 2 when the call posts an escalation message. */
export function escalationLevel(call: ConnectorCall): 1 | 2 | undefined {
  if (call.method !== 'POST') return undefined;
  const text = String(call.body.text ?? '');
  if (text.startsWith(escalationPrefixes[1])) return 1;
  if (text.startsWith(escalationPrefixes[2])) return 2;
  return undefined;
}
