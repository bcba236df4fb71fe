import type { AftercarePlan } from './aftercare-model';
import { aftercareRecord } from './aftercare-record';
import type { AftercareStore } from './aftercare-store';
import { errorCodes, HalteamError } from '../shared/errors';
import { updateWithEtag, type EtagChange } from '../platform/storage/etag-update';
import { readDataColumn, writeRecord } from '../platform/storage/records';
import { getEntityOrUndefined, isConflict, toKey, type TableProvider } from '../platform/storage/table-provider';

const tableName = 'aftercare';

/** One partition with a row per incident (tens a year); the plan, its talks and forms as JSON. */
interface PlanEntity {
  partitionKey: 'aftercare';
  rowKey: string;
  data: string;
  managerId: string;
}

const toEntity = (plan: AftercarePlan): PlanEntity => {
  const data = writeRecord(plan);
  if (data.length > 32_000) {
    throw new HalteamError(errorCodes.invalidInput, `Aftercare of ${plan.number} is too large to store`);
  }
  return { partitionKey: 'aftercare', rowKey: toKey(plan.number), data, managerId: plan.manager.id };
};

const planOf = (entity: object): AftercarePlan => readDataColumn(aftercareRecord, entity, tableName);

export function createAftercareTable(tables: TableProvider): AftercareStore {
  const table = () => tables.table(tableName);

  async function read(number: string): Promise<AftercarePlan | undefined> {
    const entity = await getEntityOrUndefined(await table(), 'aftercare', toKey(number));
    return entity ? planOf(entity) : undefined;
  }

  return {
    get: read,
    async create(plan) {
      try {
        await (await table()).createEntity(toEntity(plan));
        return { kind: 'created', plan };
      } catch (error) {
        if (!isConflict(error)) throw error;
        const existing = await read(plan.number);
        if (!existing) throw error;
        return { kind: 'exists', plan: existing };
      }
    },
    async update(number, change) {
      return updateWithEtag(
        await table(),
        'aftercare',
        toKey(number),
        (current: AftercarePlan | undefined): EtagChange<AftercarePlan> => {
          if (!current) throw new HalteamError(errorCodes.notFound, `No aftercare for ${number}`);
          const next = change(current);
          return { kind: 'update', columns: { ...toEntity(next) }, mode: 'Replace', result: next };
        },
        { parse: planOf, what: `Aftercare of ${number}` },
      );
    },
    async all() {
      const plans: AftercarePlan[] = [];
      const entities = (await table()).listEntities<object>({
        queryOptions: { filter: "PartitionKey eq 'aftercare'" },
      });
      for await (const entity of entities) plans.push(planOf(entity));
      return plans;
    },
  };
}
