import type { AftercarePlan } from './aftercare-model';
import type { AftercareStore } from './aftercare-store';
import { errorCodes, HalteamError } from '../shared/errors';
import { getEntityOrUndefined, isConflict, toKey, type TableProvider } from '../platform/storage/table-provider';

/** One partition with a row per incident (tens a year); the plan, its talks and forms as JSON. */
interface PlanEntity {
  partitionKey: 'aftercare';
  rowKey: string;
  data: string;
  managerId: string;
}

const toEntity = (plan: AftercarePlan): PlanEntity => {
  const data = JSON.stringify(plan);
  if (data.length > 32_000) {
    throw new HalteamError(errorCodes.invalidInput, `Aftercare of ${plan.number} is too large to store`);
  }
  return { partitionKey: 'aftercare', rowKey: toKey(plan.number), data, managerId: plan.manager.id };
};

export function createAftercareTable(tables: TableProvider): AftercareStore {
  const table = () => tables.table('aftercare');

  async function read(number: string) {
    return getEntityOrUndefined<PlanEntity>(await table(), 'aftercare', toKey(number));
  }

  return {
    async get(number) {
      const entity = await read(number);
      return entity ? (JSON.parse(entity.data) as AftercarePlan) : undefined;
    },
    async create(plan) {
      try {
        await (await table()).createEntity(toEntity(plan));
        return { kind: 'created', plan };
      } catch (error) {
        if (!isConflict(error)) throw error;
        const existing = await read(plan.number);
        if (!existing) throw error;
        return { kind: 'exists', plan: JSON.parse(existing.data) as AftercarePlan };
      }
    },
    async update(number, change) {
      for (let attempt = 1; attempt <= 10; attempt++) {
        const entity = await read(number);
        if (!entity) throw new HalteamError(errorCodes.notFound, `No aftercare for ${number}`);
        const next = change(JSON.parse(entity.data) as AftercarePlan);
        try {
          await (await table()).updateEntity(toEntity(next), 'Replace', { etag: entity.etag });
          return next;
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
      throw new HalteamError(errorCodes.storageConflict, `Aftercare of ${number} kept changing under us`);
    },
    async all() {
      const plans: AftercarePlan[] = [];
      const entities = (await table()).listEntities<PlanEntity>({
        queryOptions: { filter: "PartitionKey eq 'aftercare'" },
      });
      for await (const entity of entities) plans.push(JSON.parse(entity.data) as AftercarePlan);
      return plans;
    },
  };
}
