import type { Storage, StoreItems } from 'botbuilder';
import { errorCodes, HalteamError } from '../../shared/errors';
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

/** Row keys may not hold / \ # ? or control characters; URI encoding removes them all and stays unique. */
export function stateRowKey(key: string): string {
  return encodeURIComponent(key);
}

/**
 * botbuilder's `Storage` over a table, for ConversationState and the dialogs in it. Each key is a row
 * whose JSON is split across properties. Writes honour the item's `eTag` as botbuilder's own stores
 * do: no eTag or `*` writes unconditionally, any other value only over the same version (412 otherwise,
 * reported as HT1102), and reads hand back the row's ETag as `eTag`.
 */
export function createBotStateTable(tables: TableProvider, name = 'botstate'): Storage {
  const table = () => tables.table(name);

  return {
    async read(keys) {
      const client = await table();
      const items: StoreItems = {};
      await Promise.all(
        keys.map(async (key) => {
          const entity = await getEntityOrUndefined<StateEntity>(client, 'state', stateRowKey(key));
          if (!entity) return;
          let json = '';
          for (let index = 0; index < entity.chunks; index++) json += entity[`d${index}`] ?? '';
          items[key] = { ...(JSON.parse(json) as object), eTag: entity.etag };
        }),
      );
      return items;
    },

    async write(changes) {
      const client = await table();
      await Promise.all(
        Object.entries(changes).map(async ([key, item]) => {
          const { eTag, ...state } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
          const json = JSON.stringify(state);
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
            if (!eTag || eTag === '*') await client.upsertEntity(entity, 'Replace');
            else await client.updateEntity(entity, 'Replace', { etag: eTag });
          } catch (error) {
            if (isConflict(error) || isNotFound(error)) {
              throw new HalteamError(
                errorCodes.storageConflict,
                `State "${key}" changed since it was read`,
                {},
                { cause: error },
              );
            }
            throw error;
          }
        }),
      );
    },

    async delete(keys) {
      const client = await table();
      await Promise.all(
        keys.map(async (key) => {
          try {
            await client.deleteEntity('state', stateRowKey(key));
          } catch (error) {
            if (!isNotFound(error)) throw error;
          }
        }),
      );
    },
  };
}
