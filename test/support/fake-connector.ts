import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  /** The conversation id from the URL (decoded), e.g. `19:abc@thread.tacv2;messageid=17`. */
  conversationId?: string;
  activityId?: string;
  /** The Authorization header, when the bot sent one. */
  authorization?: string;
  body: Record<string, unknown>;
  status: number;
  at: number;
}

interface Failure {
  status: number;
  retryAfterSeconds?: number;
  match?: (method: string, path: string) => boolean;
}

/**
 * An in-process Bot Connector: the REST API a bot calls to send, reply to, update activities and open
 * conversations (v3), recording every call. It can answer with failures on demand, as the real one
 * does under load (429 with Retry-After, 5xx) or for a bad address (403, 404).
 */
export class FakeConnector {
  readonly calls: RecordedCall[] = [];
  private readonly failures: Failure[] = [];
  private server: http.Server | undefined;
  private counter = 1000;
  private waiters: { predicate: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void }[] = [];
  members = new Map<string, Record<string, unknown>>();
  url = '';

  /**
   * `onCall` hears every call as it arrives; `keepCalls: false` stops recording them in `calls` (a
   * benchmark sending thousands of cards would only grow the heap).
   */
  constructor(private readonly options: { onCall?: (call: RecordedCall) => void; keepCalls?: boolean } = {}) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    // Like the real connector, keep connections open between calls (stop() closes them). A short
    // keep-alive would make Node's and undici's clients open a new connection for every call.
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `count` matching requests fail with this status. */
  failNext(count: number, failure: Failure): void {
    for (let index = 0; index < count; index++) this.failures.push(failure);
  }

  /** Calls that sent a new message (not updates). */
  sent(): RecordedCall[] {
    return this.calls.filter(
      (call) => call.method === 'POST' && call.path.includes('/activities') && call.status < 300,
    );
  }

  updates(): RecordedCall[] {
    return this.calls.filter((call) => call.method === 'PUT' && call.status < 300);
  }

  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const existing = this.calls.find((call) => call.status < 300 && predicate(call));
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('FakeConnector: expected call did not arrive')), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      });
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] as string;
    const match = /^\/v3\/conversations(?:\/([^/]+))?(?:\/(activities|members|pagedmembers)(?:\/([^/]+))?)?/.exec(path);
    const conversationId = match?.[1] ? decodeURIComponent(match[1]) : undefined;
    const activityId = match?.[3] ? decodeURIComponent(match[3]) : undefined;
    const authorization = req.headers.authorization;

    const failureIndex = this.failures.findIndex((failure) => !failure.match || failure.match(method, path));
    if (failureIndex >= 0) {
      const [failure] = this.failures.splice(failureIndex, 1) as [Failure];
      this.record({ method, path, conversationId, activityId, authorization, body, status: failure.status });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
      res.writeHead(failure.status, headers);
      res.end(JSON.stringify({ error: { code: 'Simulated', message: `simulated ${failure.status}` } }));
      return;
    }

    let status = 200;
    let answer: unknown = {};
    if (method === 'POST' && path === '/v3/conversations') {
      const id = `a:personal-${++this.counter}`;
      answer = { id, serviceUrl: this.url };
      status = 201;
    } else if (match?.[2] === 'activities' && (method === 'POST' || method === 'PUT')) {
      answer = { id: method === 'PUT' ? activityId : String(++this.counter) };
      status = method === 'PUT' ? 200 : 201;
    } else if (match?.[2] === 'members' && method === 'GET' && activityId) {
      const member = this.members.get(activityId);
      if (member) answer = member;
      else status = 404;
    } else if (match?.[2] === 'pagedmembers') {
      answer = { members: [...this.members.values()] };
    } else {
      status = 404;
      answer = { error: { code: 'NotFound', message: `no route for ${method} ${path}` } };
    }
    const recordedBody =
      status < 300 && answer && typeof answer === 'object' && 'id' in answer
        ? { ...body, id: (answer as { id: string }).id }
        : body;
    this.record({ method, path, conversationId, activityId, authorization, body: recordedBody, status });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  }

  private record(call: Omit<RecordedCall, 'at'>): void {
    const recorded = { ...call, at: Date.now() };
    if (this.options.keepCalls !== false) this.calls.push(recorded);
    this.options.onCall?.(recorded);
    if (recorded.status >= 300) return;
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.predicate(recorded)) return true;
      waiter.resolve(recorded);
      return false;
    });
  }
}
