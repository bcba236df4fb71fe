import { createHash } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import type { z } from 'zod';
import { errorCodes, HalteamError } from '../shared/errors';
import {
  getEntityOrUndefined,
  isConflict,
  isNotFound,
  toKey,
  type TableProvider,
} from '../platform/storage/table-provider';
import type { OutsideStore } from './outside-store';
import { profileSchema, suspicionSchema, visitSchema, type Suspicion, type Visit } from './visit-model';

/**
 * One table `outside`: partition `visit` (a row per home visit; `personId`, `status` and `startedAt`
 * as columns for lookups), `open` (a row per person with an open visit, so two check-outs cannot both
 * open one), `profile` (a row per person) and `suspicion` (a row per vermoeden).
 */
interface DataEntity {
  partitionKey: string;
  rowKey: string;
  data: string;
}

const personKey = (personId: string) => createHash('sha256').update(personId).digest('hex').slice(0, 32);

function parse<T>(schema: z.ZodType<T>, entity: { data: string; partitionKey: string; rowKey: string }): T {
  const result = schema.safeParse(JSON.parse(entity.data));
  if (!result.success) {
    throw new HalteamError(errorCodes.unexpected, `Stored ${entity.partitionKey} row is not readable`, {
      rowKey: entity.rowKey,
      issues: result.error.issues.slice(0, 3),
    });
  }
  return result.data;
}

export function createOutsideTable(tables: TableProvider): OutsideStore {
  const table = () => tables.table('outside');

  const visitEntity = (visit: Visit) => ({
    partitionKey: 'visit',
    rowKey: toKey(visit.id),
    personId: visit.person.id,
    status: visit.status,
    startedAt: visit.startedAt,
    data: JSON.stringify(visit),
  });

  async function list<T>(schema: z.ZodType<T>, filter: string): Promise<T[]> {
    const found: T[] = [];
    for await (const entity of (await table()).listEntities<DataEntity>({ queryOptions: { filter } })) {
      found.push(parse(schema, entity as DataEntity));
    }
    return found;
  }

  async function update<T>(
    client: TableClient,
    partitionKey: string,
    rowKey: string,
    schema: z.ZodType<T>,
    change: (current: T) => T | undefined,
    entityOf: (next: T) => Record<string, unknown>,
  ): Promise<T | undefined> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const entity = await getEntityOrUndefined<DataEntity>(client, partitionKey, rowKey);
      if (!entity) return undefined;
      const current = parse(schema, entity);
      const next = change(current);
      if (!next) return current;
      try {
        await client.updateEntity({ partitionKey, rowKey, ...entityOf(next) }, 'Merge', { etag: entity.etag });
        return next;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new HalteamError(errorCodes.storageConflict, `${partitionKey} ${rowKey} kept changing`);
  }

  async function remove(partitionKey: string, rowKey: string): Promise<void> {
    try {
      await (await table()).deleteEntity(partitionKey, rowKey);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async function openPointer(personId: string) {
    return getEntityOrUndefined<{ visitId: string }>(await table(), 'open', personKey(personId));
  }

  return {
    async createVisit(visit) {
      const client = await table();
      for (let attempt = 0; attempt < 5; attempt++) {
        const pointer = await openPointer(visit.person.id);
        const open = pointer ? await this.getVisit(pointer.visitId) : undefined;
        if (open?.status === 'open') return { created: false, open };
        try {
          // The pointer first, conditionally: of two check-outs at once, one opens the visit. A crash
          // before the visit is written leaves a pointer to nothing, which the next check-out replaces.
          const row = { partitionKey: 'open', rowKey: personKey(visit.person.id), visitId: visit.id };
          if (pointer) await client.updateEntity(row, 'Replace', { etag: pointer.etag });
          else await client.createEntity(row);
          await client.createEntity(visitEntity(visit));
          return { created: true };
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
      throw new HalteamError(errorCodes.storageConflict, 'Check-out kept conflicting');
    },
    async getVisit(id) {
      const entity = await getEntityOrUndefined<DataEntity>(await table(), 'visit', toKey(id));
      return entity ? parse(visitSchema, entity) : undefined;
    },
    async openVisitOf(personId) {
      const pointer = await openPointer(personId);
      const visit = pointer ? await this.getVisit(pointer.visitId) : undefined;
      return visit?.status === 'open' ? visit : undefined;
    },
    async updateVisit(id, change) {
      return update(await table(), 'visit', toKey(id), visitSchema, change, (next) => {
        const { partitionKey: _p, rowKey: _r, ...rest } = visitEntity(next);
        return rest;
      });
    },
    visitsSince: (since) => list(visitSchema, odata`PartitionKey eq 'visit' and startedAt ge ${since.toISOString()}`),
    allVisits: () => list(visitSchema, odata`PartitionKey eq 'visit'`),
    deleteVisit: (id) => remove('visit', toKey(id)),

    async getProfile(personId) {
      const entity = await getEntityOrUndefined<DataEntity>(await table(), 'profile', personKey(personId));
      return entity ? parse(profileSchema, entity) : undefined;
    },
    async saveProfile(profile) {
      await (
        await table()
      ).upsertEntity(
        { partitionKey: 'profile', rowKey: personKey(profile.personId), data: JSON.stringify(profile) },
        'Replace',
      );
    },

    allProfiles: () => list(profileSchema, odata`PartitionKey eq 'profile'`),
    deleteProfile: (personId) => remove('profile', personKey(personId)),

    async saveSuspicion(suspicion) {
      await (
        await table()
      ).upsertEntity(
        {
          partitionKey: 'suspicion',
          rowKey: toKey(suspicion.id),
          createdAt: suspicion.createdAt,
          data: JSON.stringify(suspicion),
        },
        'Replace',
      );
    },
    async getSuspicion(id) {
      const entity = await getEntityOrUndefined<DataEntity>(await table(), 'suspicion', toKey(id));
      return entity ? parse(suspicionSchema, entity) : undefined;
    },
    async updateSuspicion(id, change) {
      return update(await table(), 'suspicion', toKey(id), suspicionSchema, change, (next: Suspicion) => ({
        data: JSON.stringify(next),
      }));
    },
    suspicionsSince: (since) =>
      list(suspicionSchema, odata`PartitionKey eq 'suspicion' and createdAt ge ${since.toISOString()}`),
    allSuspicions: () => list(suspicionSchema, odata`PartitionKey eq 'suspicion'`),
    deleteSuspicion: (id) => remove('suspicion', toKey(id)),
  };
}
