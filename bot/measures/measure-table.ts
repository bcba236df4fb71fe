import { odata } from '@azure/data-tables';
import { damageRecord, measureRecord } from './measure-record';
import type { MeasureRecord, MeasureStore } from './measure-store';
import { updateWithEtag, type EtagChange } from '../platform/storage/etag-update';
import { readDataColumn, writeRecord } from '../platform/storage/records';
import { getEntityOrUndefined, isConflict, toKey, type TableProvider } from '../platform/storage/table-provider';

const tableName = 'measures';

interface MeasureEntity {
  partitionKey: 'measure';
  rowKey: string;
  number: string;
  letterKey: string;
  data: string;
}

const measureOf = (entity: object): MeasureRecord => readDataColumn(measureRecord, entity, tableName);

/** A `measure` partition with a row per measure and a `damage` partition with a row per incident; the record itself is JSON, the columns are for lookups. */
export function createMeasureTable(tables: TableProvider): MeasureStore {
  const table = () => tables.table(tableName);

  async function list(filter: string): Promise<MeasureRecord[]> {
    const found: MeasureRecord[] = [];
    for await (const entity of (await table()).listEntities<object>({ queryOptions: { filter } })) {
      found.push(measureOf(entity));
    }
    return found.sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
  }

  const entityOf = (record: MeasureRecord): MeasureEntity => ({
    partitionKey: 'measure',
    rowKey: toKey(record.id),
    number: record.number,
    letterKey: record.letterKey,
    data: writeRecord(record),
  });

  return {
    async getDamage(number) {
      const entity = await getEntityOrUndefined(await table(), 'damage', toKey(number));
      return entity ? readDataColumn(damageRecord, entity, tableName) : undefined;
    },
    async saveDamage(record) {
      await (
        await table()
      ).upsertEntity({ partitionKey: 'damage', rowKey: toKey(record.number), data: writeRecord(record) }, 'Replace');
    },
    async save(record) {
      await (await table()).upsertEntity(entityOf(record), 'Replace');
    },
    async create(record) {
      try {
        await (await table()).createEntity(entityOf(record));
        return true;
      } catch (error) {
        if (isConflict(error)) return false;
        throw error;
      }
    },
    async get(id) {
      const entity = await getEntityOrUndefined(await table(), 'measure', toKey(id));
      return entity ? measureOf(entity) : undefined;
    },
    byIncident: (number) => list(odata`PartitionKey eq 'measure' and number eq ${number}`),
    async byLetterKey(key) {
      return (await list(odata`PartitionKey eq 'measure' and letterKey eq ${key}`))[0];
    },
    all: () => list(odata`PartitionKey eq 'measure'`),
    async update(id, change) {
      return updateWithEtag(
        await table(),
        'measure',
        toKey(id),
        (current: MeasureRecord | undefined): EtagChange<MeasureRecord | undefined> => {
          const next = current ? change(current) : undefined;
          if (!next) return { kind: 'none', result: undefined };
          return { kind: 'update', columns: { ...entityOf(next) }, mode: 'Replace', result: next };
        },
        { parse: measureOf, what: `Measure ${id}` },
      );
    },
  };
}
