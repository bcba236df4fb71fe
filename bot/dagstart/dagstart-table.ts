import type { DagstartCardRecord, DagstartStore } from './dagstart-store';
import { getEntityOrUndefined, toKey, type TableProvider } from '../platform/storage/table-provider';

/** Dagstart: a `card` row per incident (where its card landed) and `digest` rows (the last digest, the next one planned). */
export function createDagstartTable(tables: TableProvider): DagstartStore {
  const table = () => tables.table('dagstart');

  return {
    async getCard(number) {
      const entity = await getEntityOrUndefined<{ data: string }>(await table(), 'card', toKey(number));
      return entity ? (JSON.parse(entity.data) as DagstartCardRecord) : undefined;
    },
    async saveCard(record) {
      await (
        await table()
      ).upsertEntity(
        { partitionKey: 'card', rowKey: toKey(record.entry.number), data: JSON.stringify(record) },
        'Replace',
      );
    },
    async lastDigest() {
      const entity = await getEntityOrUndefined<{ at: string }>(await table(), 'digest', 'last');
      return entity?.at;
    },
    async saveLastDigest(at) {
      await (await table()).upsertEntity({ partitionKey: 'digest', rowKey: 'last', at }, 'Replace');
    },
    async plannedDigest() {
      const entity = await getEntityOrUndefined<{ jobId: string; date: string }>(await table(), 'digest', 'planned');
      return entity ? { jobId: entity.jobId, date: entity.date } : undefined;
    },
    async savePlannedDigest(plan) {
      await (await table()).upsertEntity({ partitionKey: 'digest', rowKey: 'planned', ...plan }, 'Replace');
    },
  };
}
