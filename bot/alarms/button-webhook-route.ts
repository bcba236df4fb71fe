import { createHash, randomBytes } from 'node:crypto';
import type restify from 'restify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AlarmStore } from './alarm-store';
import { buttonEventSchema, pressedAtProblem } from './button-event-schema';
import { buttonIdSchema, type Button } from './button-model';
import type { ReceiveResult } from './receive-button-event';
import { authenticateButtonRequest } from './webhook-auth';
import { answerStatus } from './button-status-route';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { clientAddress, readRawBody } from '../platform/http/request-guards';

export interface ButtonWebhookDeps {
  store: AlarmStore;
  clock: Clock;
  logger: Logger;
  pressesPerMinute: number;
  receive(input: {
    buttonId: string;
    webhookId: string;
    type: 'press' | 'test' | 'heartbeat';
    pressedAt: Date;
  }): Promise<ReceiveResult>;
  /** Work after the 202 (posting or refreshing the card); never delays the answer. */
  afterStored(result: ReceiveResult): void;
  /**
   * How long the answer waits for storage, all its reads and its write together, before it is 503 with
   * Retry-After (default 1500 ms). The hardware retries with the same webhook-id, which dedupes; a write
   * that lands late still gets its card.
   */
  storageDeadlineMs?: number;
  /** Limits on what unauthenticated requests may cost (defaults in `junkDefaults`). */
  junk?: Partial<typeof junkDefaults>;
}

export const maxButtonBodyBytes = 4096;
export const storageRetryAfterSeconds = 5;

export const junkDefaults = {
  /** Failed authentications per client address in `failureWindowSeconds`; past them 429. */
  failuresPerClient: 20,
  failureWindowSeconds: 10,
  /** A button id found unknown is answered from memory this long (no storage read). */
  unknownForMs: 5_000,
  unknownMax: 10_000,
  /** On a failed authentication the button is re-read (a rotation elsewhere) at most this often. */
  freshReadEveryMs: 5_000,
  /**
   * A client past its limit may still press every button (many may sit behind one address): the ids
   * of all buttons are listed for it at most this often, as often as the registry is re-read.
   */
  listEveryMs: 5_000,
};

class StorageDeadline extends Error {
  constructor(ms: number) {
    super(`storage did not answer within ${ms} ms`);
  }
}

/**
 * `POST /api/buttons/{buttonId}/events`. Checks in order: encoding (415, before routing), size (413),
 * button and authentication (401, the same for an unknown button), failed authentications from one
 * client (429), flooding of one button (429), body (400). Only then is the event stored, and only once
 * it is stored the answer is 202; when storage does not answer in time, 503 with Retry-After. A
 * refused request changes nothing; it leaves a log line.
 */
export function buttonWebhookRoute(deps: ButtonWebhookDeps): (server: restify.Server) => void {
  const junk = { ...junkDefaults, ...deps.junk };
  const deadlineMs = deps.storageDeadlineMs ?? 1_500;
  const limiter = new RateLimiterMemory({ points: deps.pressesPerMinute, duration: 60 });
  const failures = new RateLimiterMemory({ points: junk.failuresPerClient, duration: junk.failureWindowSeconds });

  /** Ids that were unknown (id → until when), oldest first. */
  const unknownIds = new Map<string, number>();
  /** Ids known to exist: a client past its failure limit can still press these without a lookup. */
  const knownIds = new Set<string>();
  let listed: { at: number; done: Promise<void> } | undefined;
  const freshReads = new Map<string, { at: number; read: Promise<Button | undefined> }>();
  /** An unknown button is verified against this, so that it costs what a known one costs. */
  const decoySecret = `whsec_${randomBytes(32).toString('base64')}`;
  const decoy = (authMode: Button['authMode']): Button => ({
    id: 'decoy',
    kind: 'noodknop',
    location: '',
    authMode,
    secret: decoySecret,
    createdAt: '',
  });

  const refuse = (res: restify.Response, status: number, error: string, log: Record<string, unknown>) => {
    deps.logger.warn({ status, error, ...log }, 'button request refused');
    res.send(status, { error });
  };

  function unavailable(res: restify.Response, error: unknown, log: Record<string, unknown>): void {
    deps.logger.error({ err: error, ...log }, 'button request not stored: storage unavailable; the hardware retries');
    res.header('Retry-After', String(storageRetryAfterSeconds));
    res.send(503, { error: 'storage unavailable' });
  }

  /** `work`, or StorageDeadline once the request's storage time (`deadlineMs` in all, from `since`) is up. */
  async function withinDeadline<T>(work: Promise<T>, since: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      const left = Math.max(0, since + deadlineMs - performance.now());
      timer = setTimeout(() => reject(new StorageDeadline(deadlineMs)), left);
    });
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  function unknownRecently(id: string): boolean {
    const until = unknownIds.get(id);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    unknownIds.delete(id);
    return false;
  }

  function rememberUnknown(id: string): void {
    knownIds.delete(id);
    unknownIds.delete(id);
    if (unknownIds.size >= junk.unknownMax) unknownIds.delete(unknownIds.keys().next().value as string);
    unknownIds.set(id, Date.now() + junk.unknownForMs);
  }

  /** Every button id from storage, at most once per `listEveryMs` (for clients past their limit). */
  async function listKnownIds(since: number): Promise<void> {
    if (!listed || Date.now() - listed.at >= junk.listEveryMs) {
      const done = deps.store.listButtons().then((buttons) => {
        for (const { id } of buttons) {
          knownIds.add(id);
          unknownIds.delete(id);
        }
      });
      // Shared by the requests that wait for it: each sees the failure through withinDeadline.
      done.catch(() => undefined);
      listed = { at: Date.now(), done };
    }
    await withinDeadline(listed.done, since);
  }

  /** The button for a path id; undefined when it does not exist or may not be looked up now. */
  async function lookUp(id: string, clientLimited: boolean, since: number): Promise<Button | undefined> {
    if (!buttonIdSchema.safeParse(id).success || unknownRecently(id)) return undefined;
    if (clientLimited && !knownIds.has(id)) {
      await listKnownIds(since);
      if (!knownIds.has(id)) return undefined;
    }
    const button = await withinDeadline(deps.store.getButton(id), since);
    if (button) knownIds.add(id);
    else rememberUnknown(id);
    return button;
  }

  /** The button as storage has it now, read at most once per `freshReadEveryMs` per button. */
  function freshButton(id: string): Promise<Button | undefined> {
    const last = freshReads.get(id);
    if (last && Date.now() - last.at < junk.freshReadEveryMs) return last.read;
    const read = deps.store.getButton(id, { fresh: true });
    // Shared by the requests within the interval: each sees the failure through withinDeadline.
    read.catch(() => undefined);
    freshReads.set(id, { at: Date.now(), read });
    return read;
  }

  async function clientLimited(client: string): Promise<boolean> {
    const state = await failures.get(client);
    return state !== null && state.consumedPoints >= junk.failuresPerClient;
  }

  /** A failed authentication (or an unknown button: the same answer, so ids cannot be probed). */
  async function authenticationFailed(
    res: restify.Response,
    client: string,
    log: Record<string, unknown>,
  ): Promise<void> {
    try {
      await failures.consume(client);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      res.header('Retry-After', String(Math.max(1, Math.ceil(error.msBeforeNext / 1000))));
      return refuse(res, 429, 'too many failed authentications', { client, ...log });
    }
    return refuse(res, 401, 'authentication failed', { client, ...log });
  }

  /**
   * The button a request is from, once it is authenticated (signed or token); otherwise the refusal
   * (401, 429, 503) is sent and the answer is undefined. The press and the status use the same.
   */
  async function authenticated(
    req: restify.Request,
    res: restify.Response,
    rawId: string,
    rawBody: Uint8Array,
    since: number,
  ): Promise<Button | undefined> {
    const logId = { buttonId: rawId.slice(0, 64) };
    const client = clientAddress(req);
    const now = deps.clock.now();
    let button: Button | undefined;
    try {
      button = await lookUp(rawId, await clientLimited(client), since);
      let auth = authenticateButtonRequest(
        button ?? decoy(req.headers['webhook-signature'] || !req.headers.authorization ? 'signature' : 'token'),
        rawBody,
        req.headers,
        now,
      );
      if (button && !auth.ok) {
        // The secret may have been rotated by another process: check against fresh storage.
        button = await withinDeadline(freshButton(button.id), since);
        if (button) auth = authenticateButtonRequest(button, rawBody, req.headers, now);
        else rememberUnknown(rawId);
      }
      if (!button || !auth.ok) {
        const reason = button ? (auth as { reason: string }).reason : 'unknown button';
        await authenticationFailed(res, client, { ...logId, reason });
        return undefined;
      }
      return button;
    } catch (error) {
      unavailable(res, error, logId);
      return undefined;
    }
  }

  return (server) => {
    // Hardware with a light asks whether help is coming (button-status-route.ts).
    server.get('/api/buttons/:buttonId/status', async (req: restify.Request, res: restify.Response) => {
      const rawId = String(req.params.buttonId ?? '');
      const button = await authenticated(req, res, rawId, new Uint8Array(0), performance.now());
      if (!button) return;
      await answerStatus(button, res, deps);
    });

    server.post('/api/buttons/:buttonId/events', async (req: restify.Request, res: restify.Response) => {
      const rawId = String(req.params.buttonId ?? '');
      const logId = { buttonId: rawId.slice(0, 64) };
      const read = await readRawBody(req, maxButtonBodyBytes);
      if (!read.ok) {
        const error = read.status === 413 ? `body over ${maxButtonBodyBytes} bytes` : 'body could not be read';
        return refuse(res, read.status, error, logId);
      }
      const rawBody = read.body;
      const now = deps.clock.now();
      // One deadline for all storage calls of this request (the body is read by then).
      const since = performance.now();

      const button = await authenticated(req, res, rawId, rawBody, since);
      if (!button) return;

      try {
        await limiter.consume(button.id);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        res.header('Retry-After', String(Math.ceil(error.msBeforeNext / 1000)));
        return refuse(res, 429, 'too many requests from this button', { buttonId: button.id });
      }

      let parsed;
      try {
        parsed = buttonEventSchema.safeParse(JSON.parse(rawBody.toString('utf8')));
      } catch {
        return refuse(res, 400, 'body is not JSON', { buttonId: button.id });
      }
      if (!parsed.success) {
        const reason = parsed.error.issues
          .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
          .join('; ');
        return refuse(res, 400, reason, { buttonId: button.id });
      }
      const outOfWindow = pressedAtProblem(parsed.data.pressedAt, now);
      if (outOfWindow) return refuse(res, 400, outOfWindow, { buttonId: button.id });

      const webhookId =
        headerValue(req.headers['webhook-id']) ?? derivedId(button.id, parsed.data.pressedAt, parsed.data.type);
      const receiving = deps.receive({
        buttonId: button.id,
        webhookId,
        type: parsed.data.type,
        pressedAt: new Date(parsed.data.pressedAt),
      });
      let result: ReceiveResult;
      try {
        result = await withinDeadline(receiving, since);
      } catch (error) {
        if (error instanceof StorageDeadline) {
          // The write may still land: then the card goes out as if it had been in time (a retry dedupes).
          receiving.then(
            (late) => {
              deps.logger.warn(
                { buttonId: button.id, webhookId, kind: late.kind },
                'button event stored after its 503',
              );
              deps.afterStored(late);
            },
            () => undefined,
          );
        }
        return unavailable(res, error, { buttonId: button.id, webhookId });
      }
      if (result.kind === 'flooding') {
        // Counted in storage, across instances: presses on the button's open alarm within a minute.
        res.header('Retry-After', String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))));
        return refuse(res, 429, 'too many requests from this button', { buttonId: button.id });
      }
      res.send(
        202,
        result.kind === 'heartbeat'
          ? { status: 'heartbeat' }
          : { status: result.kind, alarmId: result.kind === 'duplicate' ? result.alarmId : result.alarm.id },
      );
      deps.afterStored(result);
    });
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single && single.length <= 200 ? single : undefined;
}

/** Token-mode hardware sends no webhook-id: a resend of the same press carries the same time. */
function derivedId(buttonId: string, pressedAt: string, type: string): string {
  return createHash('sha256').update(`${buttonId}|${pressedAt}|${type}`).digest('hex').slice(0, 32);
}
