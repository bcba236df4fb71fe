import { odata } from '@azure/data-tables';
import type { DamageRecord, MeasureRecord, MeasureStore } from './measure-store';
import { getEntityOrUndefined, isConflict, toKey, type TableProvider } from '../platform/storage/table-provider';

interface MeasureEntity {
  partitionKey: 'measure';
  rowKey: string;
  number: string;
  letterKey: string;
  data: string;
}

/** A `measure` partition with a row per measure and a `damage` partition with a row per incident; the record itself is JSON, the columns are for lookups. */
export function createMeasureTable(tables: TableProvider): MeasureStore {
  const table = () => tables.table('measures');

  async function list(filter: string): Promise<MeasureRecord[]> {
    const found: MeasureRecord[] = [];
    for await (const entity of (await table()).listEntities<MeasureEntity>({ queryOptions: { filter } })) {
      found.push(JSON.parse(entity.data) as MeasureRecord);
    }
    return found.sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
  }

  const entityOf = (record: MeasureRecord): MeasureEntity => ({
    partitionKey: 'measure',
    rowKey: toKey(record.id),
    number: record.number,
    letterKey: record.letterKey,
    data: JSON.stringify(record),
  });

  return {
    async getDamage(number) {
      const entity = await getEntityOrUndefined<{ data: string }>(await table(), 'damage', toKey(number));
      return entity ? (JSON.parse(entity.data) as DamageRecord) : undefined;
    },
    async saveDamage(record) {
      await (
        await table()
      ).upsertEntity({ partitionKey: 'damage', rowKey: toKey(record.number), data: JSON.stringify(record) }, 'Replace');
    },
    async save(record) {
      await (await table()).upsertEntity(entityOf(record), 'Replace');
    },
    async get(id) {
      const entity = await getEntityOrUndefined<MeasureEntity>(await table(), 'measure', toKey(id));
      return entity ? (JSON.parse(entity.data) as MeasureRecord) : undefined;
    },
    byIncident: (number) => list(odata`PartitionKey eq 'measure' and number eq ${number}`),
    async byLetterKey(key) {
      return (await list(odata`PartitionKey eq 'measure' and letterKey eq ${key}`))[0];
    },
    all: () => list(odata`PartitionKey eq 'measure'`),
    async update(id, change) {
      const client = await table();
      for (let attempt = 0; attempt < 8; attempt++) {
        const entity = await getEntityOrUndefined<MeasureEntity>(client, 'measure', toKey(id));
        if (!entity) return undefined;
        const next = change(JSON.parse(entity.data) as MeasureRecord);
        if (!next) return undefined;
        try {
          await client.updateEntity(entityOf(next), 'Replace', { etag: entity.etag });
          return next;
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
      throw new Error(`Measure ${id} kept changing under us`);
    },
  };
}
