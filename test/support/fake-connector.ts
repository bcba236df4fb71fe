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
  /** Set when the connector did the call but the bot never got the answer (see `Failure.kind`). */
  answer?: 'none' | 'reset';
}

interface Failure {
  /**
   * - `status` (the default): answers with `status`, nothing done;
   * - `hang`: does the call (records it) and never answers, as a connector that stalls after taking
   *   the request (the bot's time limit ends it);
   * - `reset`: does the call, then drops the connection before answering;
   * - `accepted-without-id`: does the call and answers 202 with an empty body, as the Agents
   *   Playground does to a message with text and a card.
   * `hang` and `reset` with `deliver: false` fail before doing the call.
   */
  kind?: 'status' | 'hang' | 'reset' | 'accepted-without-id';
  status?: number;
  retryAfterSeconds?: number;
  /** For `hang` and `reset`: whether the call was carried out before the answer was lost (true). */
  deliver?: boolean;
  /** Which requests fail; `body` is the request's JSON (to fail one kind of card only). */
  match?: (method: string, path: string, body: Record<string, unknown>) => boolean;
}

/** A call the connector carried out (2xx), whether or not the bot got the answer. */
const succeeded = (call: RecordedCall) => call.status >= 200 && call.status < 300;

/**
 * An in-process Bot Connector: the REST API a bot calls to send, reply to, update activities and open
 * conversations (v3), recording every call. It can answer with failures on demand, as the real one
 * does under load (429 with Retry-After, 5xx) or for a bad address (403, 404).
 */
export class FakeConnector {
  readonly calls: RecordedCall[] = [];
  private readonly failures: Failure[] = [];
  private server: http.Server | undefined;
  private port = 0;
  /** Requests held open by `hang`, ended when the connector stops. */
  private readonly hanging = new Set<http.ServerResponse>();
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
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${this.port}`;
    return this.url;
  }

  /** Stops listening: calls are refused (ECONNREFUSED) until `start()`, which listens on the same port. */
  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.hanging.clear();
    this.server?.closeAllConnections();
    const wasListening = this.server !== undefined;
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
    // A moment for clients in this process to see their kept-alive connections closed: the next call
    // is then refused (ECONNREFUSED), as after a real outage, rather than meeting a dead connection.
    if (wasListening) await new Promise((resolve) => setTimeout(resolve, 25));
  }

  /** The next `count` matching requests fail this way (`kind`, by default an answer with `status`). */
  failNext(count: number, failure: Failure): void {
    for (let index = 0; index < count; index++) this.failures.push(failure);
  }

  /** Calls that sent a new message (not updates). */
  sent(): RecordedCall[] {
    return this.calls.filter((call) => call.method === 'POST' && call.path.includes('/activities') && succeeded(call));
  }

  updates(): RecordedCall[] {
    return this.calls.filter((call) => call.method === 'PUT' && succeeded(call));
  }

  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const existing = this.calls.find((call) => succeeded(call) && predicate(call));
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

    const failureIndex = this.failures.findIndex((failure) => !failure.match || failure.match(method, path, body));
    const failure = failureIndex >= 0 ? (this.failures.splice(failureIndex, 1)[0] as Failure) : undefined;
    const kind = failure ? (failure.kind ?? 'status') : undefined;
    if (failure && kind === 'status') {
      const status = failure.status ?? 500;
      this.record({ method, path, conversationId, activityId, authorization, body, status });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
      res.writeHead(status, headers);
      res.end(JSON.stringify({ error: { code: 'Simulated', message: `simulated ${status}` } }));
      return;
    }
    if (failure && (kind === 'hang' || kind === 'reset') && failure.deliver === false) {
      // Failing before the call is carried out: recorded as not done.
      this.record({ method, path, conversationId, activityId, authorization, body, status: 0, answer: 'none' });
      this.withhold(req, res, kind);
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
    if (kind === 'accepted-without-id' && status < 300) {
      this.record({ method, path, conversationId, activityId, authorization, body, status: 202 });
      res.writeHead(202);
      res.end();
      return;
    }
    const recordedBody =
      status < 300 && answer && typeof answer === 'object' && 'id' in answer
        ? { ...body, id: (answer as { id: string }).id }
        : body;
    if (kind === 'hang' || kind === 'reset') {
      this.record({
        method,
        path,
        conversationId,
        activityId,
        authorization,
        body: recordedBody,
        status,
        answer: kind === 'hang' ? 'none' : 'reset',
      });
      this.withhold(req, res, kind);
      return;
    }
    this.record({ method, path, conversationId, activityId, authorization, body: recordedBody, status });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  }

  /** Never answers (until stop) or drops the connection, as the real connector does now and then. */
  private withhold(req: http.IncomingMessage, res: http.ServerResponse, kind: 'hang' | 'reset'): void {
    if (kind === 'reset') {
      req.socket.destroy();
      return;
    }
    this.hanging.add(res);
    res.on('close', () => this.hanging.delete(res));
  }

  private record(call: Omit<RecordedCall, 'at'>): void {
    const recorded = { ...call, at: Date.now() };
    if (this.options.keepCalls !== false) this.calls.push(recorded);
    this.options.onCall?.(recorded);
    if (!succeeded(recorded)) return;
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.predicate(recorded)) return true;
      waiter.resolve(recorded);
      return false;
    });
  }
}
