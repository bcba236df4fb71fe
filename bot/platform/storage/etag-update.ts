import type { TableClient } from '@azure/data-tables';
import { errorCodes, HalteamError } from '../../shared/errors';
import { sleep } from '../../shared/retry';
import { getEntityOrUndefined, isConflict } from './table-provider';

/** What a change makes of the row it read; `result` is what updateWithEtag returns once it is written. */
export type EtagChange<R> =
  | { kind: 'none'; result: R }
  | { kind: 'update'; columns: Record<string, unknown>; mode?: 'Merge' | 'Replace'; result: R }
  | { kind: 'create'; columns: Record<string, unknown>; result: R }
  | { kind: 'delete'; result: R };

export interface ConflictRetryOptions {
  /** Tries in all, the first included; 10 unless a caller has a reason for more. */
  attempts?: number;
  /** The pause before try `attempt` (2, 3, …); by default a jittered 5 ms doubling up to 200 ms. */
  pause?: (attempt: number) => Promise<void>;
  /** Names the record in the storageConflict error. */
  what: string;
}

export const defaultConflictAttempts = 10;

const jitteredPause = (attempt: number) => sleep(Math.round(Math.random() * Math.min(200, 5 * 2 ** attempt)));

/**
 * Runs `operation` until it does not lose a race: a 409 or 412 from storage (an ETag that changed
 * under us, a row created by another writer) means read again and retry after a short pause. After
 * the last attempt it gives up with storageConflict; any other error ends it at once.
 */
export async function retryOnConflict<T>(
  operation: (attempt: number) => Promise<T>,
  options: ConflictRetryOptions,
): Promise<T> {
  const attempts = options.attempts ?? defaultConflictAttempts;
  const pause = options.pause ?? jitteredPause;
  let lastConflict: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await pause(attempt);
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isConflict(error)) throw error;
      lastConflict = error;
    }
  }
  throw new HalteamError(
    errorCodes.storageConflict,
    `${options.what} kept changing under us (${attempts} attempts)`,
    {},
    { cause: lastConflict },
  );
}

/**
 * Optimistic concurrency for one row: reads it with its ETag, lets the pure `change` decide from the
 * parsed row (undefined when there is none), and writes only if nobody wrote in between (If-Match,
 * or create when it was missing); a lost race reads again. `parse` validates the stored row.
 */
export async function updateWithEtag<E, R>(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  change: (current: E | undefined) => EtagChange<R>,
  options: ConflictRetryOptions & { parse: (entity: object) => E },
): Promise<R> {
  return retryOnConflict(async () => {
    const entity = await getEntityOrUndefined(table, partitionKey, rowKey);
    const decided = change(entity ? options.parse(entity) : undefined);
    const etag = entity?.etag;
    switch (decided.kind) {
      case 'none':
        return decided.result;
      case 'create':
        await table.createEntity({ ...decided.columns, partitionKey, rowKey });
        return decided.result;
      case 'update':
        await table.updateEntity({ ...decided.columns, partitionKey, rowKey }, decided.mode ?? 'Merge', {
          etag: etag ?? missing(options.what),
        });
        return decided.result;
      case 'delete':
        await table.deleteEntity(partitionKey, rowKey, { etag: etag ?? missing(options.what) });
        return decided.result;
    }
  }, options);
}

function missing(what: string): never {
  throw new HalteamError(errorCodes.unexpected, `${what}: a change of a row that does not exist`);
}
