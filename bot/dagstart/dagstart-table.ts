import { dagstartCardRecord, lastDigestEntity, plannedDigestEntity } from './dagstart-record';
import type { DagstartStore } from './dagstart-store';
import { readDataColumn, readRecord, writeRecord } from '../platform/storage/records';
import { getEntityOrUndefined, toKey, type TableProvider } from '../platform/storage/table-provider';

const tableName = 'dagstart';

/** Dagstart: a `card` row per incident (where its card landed) and `digest` rows (the last digest, the next one planned). */
export function createDagstartTable(tables: TableProvider): DagstartStore {
  const table = () => tables.table(tableName);

  return {
    async getCard(number) {
      const entity = await getEntityOrUndefined(await table(), 'card', toKey(number));
      return entity ? readDataColumn(dagstartCardRecord, entity, tableName) : undefined;
    },
    async saveCard(record) {
      await (
        await table()
      ).upsertEntity(
        { partitionKey: 'card', rowKey: toKey(record.entry.number), data: writeRecord(record) },
        'Replace',
      );
    },
    async lastDigest() {
      const entity = await getEntityOrUndefined(await table(), 'digest', 'last');
      if (!entity) return undefined;
      return readRecord(lastDigestEntity, entity, { table: tableName, partitionKey: 'digest', rowKey: 'last' }).at;
    },
    async saveLastDigest(at) {
      await (await table()).upsertEntity({ partitionKey: 'digest', rowKey: 'last', at }, 'Replace');
    },
    async plannedDigest() {
      const entity = await getEntityOrUndefined(await table(), 'digest', 'planned');
      if (!entity) return undefined;
      return readRecord(plannedDigestEntity, entity, { table: tableName, partitionKey: 'digest', rowKey: 'planned' });
    },
    async savePlannedDigest(plan) {
      await (await table()).upsertEntity({ partitionKey: 'digest', rowKey: 'planned', ...plan }, 'Replace');
    },
  };
}
