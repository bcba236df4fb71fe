import { createHash } from 'node:crypto';
import restify from 'restify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AlarmStore } from '../../alarms/alarm-store';
import { buttonEventSchema } from '../../alarms/button-event-schema';
import { buttonIdSchema } from '../../alarms/button-model';
import type { ReceiveResult } from '../../alarms/receive-button-event';
import { authenticateButtonRequest } from '../../alarms/webhook-auth';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';

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
}

export const maxButtonBodyBytes = 4096;

/**
 * `POST /api/buttons/{buttonId}/events`. Checks in order: size (413), button (404), authentication
 * (401), flooding (429), body (400). Only then is the event stored, and only once it is stored the
 * answer is 202. A refused request changes nothing; it leaves a log line.
 */
export function buttonWebhookRoute(deps: ButtonWebhookDeps): (server: restify.Server) => void {
  const limiter = new RateLimiterMemory({ points: deps.pressesPerMinute, duration: 60 });
  const refuse = (res: restify.Response, status: number, error: string, log: Record<string, unknown>) => {
    deps.logger.warn({ status, error, ...log }, 'button request refused');
    res.send(status, { error });
  };

  return (server) => {
    server.post(
      '/api/buttons/:buttonId/events',
      restify.plugins.bodyReader({ maxBodySize: maxButtonBodyBytes }),
      async (req: restify.Request, res: restify.Response) => {
        const rawId = String(req.params.buttonId ?? '');
        const idCheck = buttonIdSchema.safeParse(rawId);
        const button = idCheck.success ? await deps.store.getButton(idCheck.data) : undefined;
        if (!button) return refuse(res, 404, 'unknown button', { buttonId: rawId.slice(0, 64) });

        const rawBody = bodyText(req.body);
        const now = deps.clock.now();
        let auth = authenticateButtonRequest(button, rawBody, req.headers, now);
        if (!auth.ok) {
          // The secret may have been rotated by another process: check once against fresh storage.
          const fresh = await deps.store.getButton(button.id, { fresh: true });
          if (fresh) auth = authenticateButtonRequest(fresh, rawBody, req.headers, now);
        }
        if (!auth.ok) return refuse(res, 401, 'authentication failed', { buttonId: button.id, reason: auth.reason });

        try {
          await limiter.consume(button.id);
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          res.header('Retry-After', String(Math.ceil(error.msBeforeNext / 1000)));
          return refuse(res, 429, 'too many requests from this button', { buttonId: button.id });
        }

        let parsed;
        try {
          parsed = buttonEventSchema.safeParse(JSON.parse(rawBody));
        } catch {
          return refuse(res, 400, 'body is not JSON', { buttonId: button.id });
        }
        if (!parsed.success) {
          const reason = parsed.error.issues
            .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
            .join('; ');
          return refuse(res, 400, reason, { buttonId: button.id });
        }

        const webhookId =
          headerValue(req.headers['webhook-id']) ?? derivedId(button.id, parsed.data.pressedAt, parsed.data.type);
        const result = await deps.receive({
          buttonId: button.id,
          webhookId,
          type: parsed.data.type,
          pressedAt: new Date(parsed.data.pressedAt),
        });
        res.send(
          202,
          result.kind === 'heartbeat'
            ? { status: 'heartbeat' }
            : { status: result.kind, alarmId: result.kind === 'duplicate' ? result.alarmId : result.alarm.id },
        );
        deps.afterStored(result);
      },
    );
  };
}

function bodyText(body: unknown): string {
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return typeof body === 'string' ? body : '';
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single && single.length <= 200 ? single : undefined;
}

/** Token-mode hardware sends no webhook-id: a resend of the same press carries the same time. */
function derivedId(buttonId: string, pressedAt: string, type: string): string {
  return createHash('sha256').update(`${buttonId}|${pressedAt}|${type}`).digest('hex').slice(0, 32);
}
