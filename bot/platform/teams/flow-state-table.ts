import { z } from 'zod';
import { errorCodes, HalteamError } from '../../shared/errors';
import { readRecord } from '../storage/records';
import { getEntityOrUndefined, isConflict, isNotFound, type TableProvider } from '../storage/table-provider';

/** Table Storage keeps at most 32K characters in one string property; the JSON is split across `d0`, `d1`, … */
const chunkChars = 30_000;
/** 15 chunks stay well below the 1 MiB limit of an entity. */
const maxChunks = 15;

interface StateEntity {
  partitionKey: 'state';
  rowKey: string;
  chunks: number;
  [chunk: `d${number}`]: string;
}

/** A stored row: how many chunks, and the chunks themselves (the JSON's parts, in order). */
const storedEntity = z
  .object({ chunks: z.number().int().min(1).max(maxChunks) })
  .catchall(z.unknown())
  .transform((entity, context) => {
    const parts: string[] = [];
    for (let index = 0; index < entity.chunks; index++) {
      const part = entity[`d${index}`];
      if (typeof part !== 'string') {
        context.addIssue({ code: 'custom', message: `chunk d${index} is missing`, path: [`d${index}`] });
        return z.NEVER;
      }
      parts.push(part);
    }
    return parts.join('');
  });

/** Row keys may not hold / \ # ? or control characters; URI encoding removes them all and stays unique. */
export function stateRowKey(key: string): string {
  return encodeURIComponent(key);
}

export interface StoredState {
  /** The JSON value as written; the reader parses it with its own schema. */
  value: unknown;
  etag: string;
}

/**
 * The state of each conversation's running flow, one row per key, with the row's ETag. Writes are
 * conditional: without an etag only a new row is created, with one only the same version is replaced
 * (`*` replaces whatever is there); a lost race is HT1102 (storageConflict), never a silent overwrite.
 */
export interface FlowStateStore {
  read(key: string): Promise<StoredState | undefined>;
  write(key: string, value: unknown, etag?: string): Promise<void>;
  /** Without an etag the row goes whatever its version; a row that is already gone is fine. */
  delete(key: string, etag?: string): Promise<void>;
}

/** The table keeps its name from botbuilder's ConversationState, so a report in progress at the switch is found. */
export function createFlowStateTable(tables: TableProvider, name = 'botstate'): FlowStateStore {
  const table = () => tables.table(name);

  return {
    async read(key) {
      const rowKey = stateRowKey(key);
      const entity = await getEntityOrUndefined(await table(), 'state', rowKey);
      if (!entity) return undefined;
      const where = { table: name, partitionKey: 'state', rowKey };
      const json = readRecord(storedEntity, entity, where);
      return { value: readRecord(z.unknown(), json, { ...where, column: 'd0' }), etag: entity.etag };
    },

    async write(key, value, etag) {
      const client = await table();
      const json = JSON.stringify(value);
      const chunks = Math.max(1, Math.ceil(json.length / chunkChars));
      if (chunks > maxChunks) {
        throw new HalteamError(errorCodes.invalidInput, 'Conversation state is too large to store', {
          chars: json.length,
        });
      }
      const entity: StateEntity = { partitionKey: 'state', rowKey: stateRowKey(key), chunks };
      for (let index = 0; index < chunks; index++) {
        entity[`d${index}`] = json.slice(index * chunkChars, (index + 1) * chunkChars);
      }
      try {
        if (etag === '*') await client.upsertEntity(entity, 'Replace');
        else if (etag) await client.updateEntity(entity, 'Replace', { etag });
        else await client.createEntity(entity);
      } catch (error) {
        if (isConflict(error) || isNotFound(error)) throw changed(key, error);
        throw error;
      }
    },

    async delete(key, etag) {
      try {
        await (await table()).deleteEntity('state', stateRowKey(key), etag ? { etag } : {});
      } catch (error) {
        if (isConflict(error)) throw changed(key, error);
        if (!isNotFound(error)) throw error;
      }
    },
  };
}

function changed(key: string, cause: unknown): HalteamError {
  return new HalteamError(errorCodes.storageConflict, `State "${key}" changed since it was read`, {}, { cause });
}
