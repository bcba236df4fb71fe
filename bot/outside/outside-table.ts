import { createHash } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { z } from 'zod';
import { retryOnConflict, updateWithEtag, type EtagChange } from '../platform/storage/etag-update';
import { keysOf, readDataColumn, readRecord } from '../platform/storage/records';
import { getEntityOrUndefined, isNotFound, toKey, type TableProvider } from '../platform/storage/table-provider';
import type { OutsideStore } from './outside-store';
import { profileSchema, suspicionSchema, visitSchema, type Suspicion, type Visit } from './visit-model';

/**
 * One table `outside`: partition `visit` (a row per home visit; `personId`, `status` and `startedAt`
 * as columns for lookups), `open` (a row per person with an open visit, so two check-outs cannot both
 * open one), `profile` (a row per person) and `suspicion` (a row per vermoeden). Each record is JSON
 * in the `data` column with its `version`, parsed on every read.
 */
const tableName = 'outside';

const personKey = (personId: string) => createHash('sha256').update(personId).digest('hex').slice(0, 32);

const openPointerEntity = z.object({ visitId: z.string(), etag: z.string() });

export function createOutsideTable(tables: TableProvider): OutsideStore {
  const table = () => tables.table(tableName);

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
    for await (const entity of (await table()).listEntities<object>({ queryOptions: { filter } })) {
      found.push(readDataColumn(schema, entity, tableName));
    }
    return found;
  }

  async function read<T>(schema: z.ZodType<T>, partitionKey: string, rowKey: string): Promise<T | undefined> {
    const entity = await getEntityOrUndefined(await table(), partitionKey, rowKey);
    return entity ? readDataColumn(schema, entity, tableName) : undefined;
  }

  async function update<T>(
    partitionKey: string,
    rowKey: string,
    schema: z.ZodType<T>,
    change: (current: T) => T | undefined,
    columnsOf: (next: T) => Record<string, unknown>,
  ): Promise<T | undefined> {
    return updateWithEtag(
      await table(),
      partitionKey,
      rowKey,
      (current: T | undefined): EtagChange<T | undefined> => {
        const next = current === undefined ? undefined : change(current);
        return next === undefined
          ? { kind: 'none', result: current }
          : { kind: 'update', columns: columnsOf(next), result: next };
      },
      { parse: (entity) => readDataColumn(schema, entity, tableName), what: `${partitionKey} ${rowKey}` },
    );
  }

  async function remove(partitionKey: string, rowKey: string): Promise<void> {
    try {
      await (await table()).deleteEntity(partitionKey, rowKey);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async function openPointer(personId: string) {
    const rowKey = personKey(personId);
    const entity = await getEntityOrUndefined(await table(), 'open', rowKey);
    return entity ? readRecord(openPointerEntity, entity, { table: tableName, ...keysOf(entity) }) : undefined;
  }

  return {
    async createVisit(visit) {
      const client = await table();
      return retryOnConflict(
        async () => {
          const pointer = await openPointer(visit.person.id);
          const open = pointer ? await read(visitSchema, 'visit', toKey(pointer.visitId)) : undefined;
          if (open?.status === 'open') return { created: false, open };
          // The pointer first, conditionally: of two check-outs at once, one opens the visit. A crash
          // before the visit is written leaves a pointer to nothing, which the next check-out replaces.
          const row = { partitionKey: 'open', rowKey: personKey(visit.person.id), visitId: visit.id };
          if (pointer) await client.updateEntity(row, 'Replace', { etag: pointer.etag });
          else await client.createEntity(row);
          await client.createEntity(visitEntity(visit));
          return { created: true };
        },
        { what: 'Check-out' },
      );
    },
    getVisit: (id) => read(visitSchema, 'visit', toKey(id)),
    async openVisitOf(personId) {
      const pointer = await openPointer(personId);
      const visit = pointer ? await read(visitSchema, 'visit', toKey(pointer.visitId)) : undefined;
      return visit?.status === 'open' ? visit : undefined;
    },
    async updateVisit(id, change) {
      return update('visit', toKey(id), visitSchema, change, (next) => {
        const { partitionKey: _p, rowKey: _r, ...rest } = visitEntity(next);
        return rest;
      });
    },
    visitsSince: (since) => list(visitSchema, odata`PartitionKey eq 'visit' and startedAt ge ${since.toISOString()}`),
    allVisits: () => list(visitSchema, odata`PartitionKey eq 'visit'`),
    deleteVisit: (id) => remove('visit', toKey(id)),

    getProfile: (personId) => read(profileSchema, 'profile', personKey(personId)),
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
    getSuspicion: (id) => read(suspicionSchema, 'suspicion', toKey(id)),
    async updateSuspicion(id, change) {
      return update('suspicion', toKey(id), suspicionSchema, change, (next: Suspicion) => ({
        data: JSON.stringify(next),
      }));
    },
    suspicionsSince: (since) =>
      list(suspicionSchema, odata`PartitionKey eq 'suspicion' and createdAt ge ${since.toISOString()}`),
    allSuspicions: () => list(suspicionSchema, odata`PartitionKey eq 'suspicion'`),
    deleteSuspicion: (id) => remove('suspicion', toKey(id)),
  };
}
