import type { Client } from '@microsoft/microsoft-graph-client';
import { errorCodes, HalteamError } from '../../shared/errors';
import type { ActivityNotice } from '../../shared/activity-feed';
import type { Logger } from '../../shared/logger';
import { parseRetryAfter, sleep, withRetry } from '../../shared/retry';
import { createGraphClient, isGraphTimeout, graphRetryAfterOf, graphStatusOf } from './graph-client';

export interface ActivityFeedOptions {
  /** Attempts per batch (429, 5xx and no answer in time are tried again). */
  attempts?: number;
  /** How long one call may take, the token included. */
  timeoutMs?: number;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
}

/** The recipients API takes at most 100 people per call. */
export const recipientsPerCall = 100;
/** Pushes are on the alarm path (after the card): a call that hangs is given up sooner than Graph's 20 s. */
export const activityCallTimeoutMs = 10_000;

/**
 * Activity-feed notifications over Microsoft Graph (app-only, TeamsActivity.Send):
 * `POST /teamwork/sendActivityNotificationToRecipients`, in batches of at most 100 recipients, one
 * after another. 429 waits the Retry-After Graph sends; 5xx and a call without an answer in time are
 * tried again after a backoff. `onBatch` hears each accepted batch, so a caller can record progress.
 */
export function createGraphActivityFeed(client: Client, options: ActivityFeedOptions = {}) {
  const attempts = options.attempts ?? 5;
  return {
    async notify(
      notification: ActivityNotice,
      onBatch?: (recipients: readonly string[]) => Promise<void>,
    ): Promise<void> {
      for (let start = 0; start < notification.recipients.length; start += recipientsPerCall) {
        const batch = notification.recipients.slice(start, start + recipientsPerCall);
        const body = {
          topic: { source: 'text', value: notification.topic, webUrl: notification.webUrl },
          activityType: notification.activityType,
          previewText: { content: notification.previewText },
          templateParameters: Object.entries(notification.templateParameters).map(([name, value]) => ({
            name,
            value,
          })),
          recipients: batch.map((userId) => ({
            '@odata.type': 'microsoft.graph.aadUserNotificationRecipient',
            userId,
          })),
        };
        try {
          await withRetry(() => client.api('/teamwork/sendActivityNotificationToRecipients').post(body), {
            attempts,
            baseDelayMs: 1_000,
            maxDelayMs: 60_000,
            sleep: options.sleep ?? sleep,
            classify(error) {
              const status = graphStatusOf(error);
              if (status === 429) return { retry: true, afterMs: parseRetryAfter(graphRetryAfterOf(error)) };
              if (status !== undefined && status >= 500) {
                return { retry: true, afterMs: parseRetryAfter(graphRetryAfterOf(error)) };
              }
              return { retry: isGraphTimeout(error) };
            },
            onRetry: (error, attempt, delayMs) =>
              options.logger?.warn(
                { status: graphStatusOf(error), timeout: isGraphTimeout(error) || undefined, attempt, delayMs },
                'activity notification not accepted yet; retrying',
              ),
          });
        } catch (error) {
          const status = graphStatusOf(error);
          throw new HalteamError(
            errorCodes.graphFailure,
            `Graph did not take the activity notification (${isGraphTimeout(error) ? 'no answer in time' : (status ?? 'no answer')})`,
            { status, recipients: batch.length },
            { cause: error },
          );
        }
        await onBatch?.(batch);
      }
    },
  };
}

export type GraphActivityFeed = ReturnType<typeof createGraphActivityFeed>;

/** The activity feed this process uses: Graph (or its stand-in) per GRAPH_* settings, else none. */
export function createActivityFeed(
  config: Parameters<typeof createGraphClient>[0],
  options: ActivityFeedOptions = {},
): GraphActivityFeed | undefined {
  const client = createGraphClient(config, { timeoutMs: options.timeoutMs ?? activityCallTimeoutMs });
  return client ? createGraphActivityFeed(client, options) : undefined;
}
