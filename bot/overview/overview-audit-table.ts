import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { keysOf, readRecord } from '../platform/storage/records';
import type { TableProvider } from '../platform/storage/table-provider';

/** One read of an incident: its detail in the Overzicht tab, a row of a CSV export, or `incident` in the chat. */
export interface DetailRead {
  at: Date;
  via?: 'detail' | 'export' | 'chat';
  viewerAadObjectId: string;
  viewerName: string;
  roles: string[];
  incident: string;
}

/**
 * One read of the incident list in the Overzicht tab: it holds descriptions and names where the
 * viewer may see them, so who asked, when, with which filter and for how many incidents is kept.
 */
export interface ListRead {
  at: Date;
  viewerAadObjectId: string;
  viewerName: string;
  roles: string[];
  /** The filter as asked (query parameter → value); empty for the whole list. */
  filter: Record<string, string>;
  /** How many incidents the answer held. */
  rows: number;
}

export interface AuditLog {
  recordRead(read: DetailRead): Promise<void>;
  /** Reads of one incident, oldest first. */
  readsOf(incident: string): Promise<DetailRead[]>;
  recordListRead(read: ListRead): Promise<void>;
  /** Reads of the incident list, oldest first. */
  listReads(): Promise<ListRead[]>;
}

/** The partition of list reads; incident numbers (AGR-…) never take this name. */
const listPartition = 'list';
const tableName = 'overviewaudit';

const readColumns = {
  at: z.string(),
  viewerAadObjectId: z.string(),
  viewerName: z.string(),
  /** Comma-separated; '' for none. */
  roles: z.string().optional(),
};
/** A detail read; rows from before `via` existed were detail reads. */
const detailReadEntity = z.object({ ...readColumns, via: z.string().optional(), incident: z.string() });
const listReadEntity = z.object({ ...readColumns, filter: z.string().optional(), rows: z.number() });
const listFilter = z.record(z.string(), z.string());

/** Append-only: a row per read, partitioned by incident number so one incident's reads are one query. */
export function createAuditTable(tables: TableProvider): AuditLog {
  const table = () => tables.table(tableName);
  return {
    async recordRead(read) {
      await (
        await table()
      ).createEntity({
        partitionKey: read.incident,
        rowKey: `${read.at.toISOString()}-${randomUUID()}`,
        at: read.at.toISOString(),
        via: read.via ?? 'detail',
        viewerAadObjectId: read.viewerAadObjectId,
        viewerName: read.viewerName,
        roles: read.roles.join(','),
        incident: read.incident,
      });
    },
    async readsOf(incident) {
      const reads: DetailRead[] = [];
      const entities = (await table()).listEntities<object>({
        queryOptions: { filter: `PartitionKey eq '${incident.replace(/'/g, "''")}'` },
      });
      for await (const found of entities) {
        const entity = readRecord(detailReadEntity, found, { table: tableName, ...keysOf(found) });
        reads.push({
          at: new Date(entity.at),
          via: entity.via === 'export' || entity.via === 'chat' ? entity.via : 'detail',
          viewerAadObjectId: entity.viewerAadObjectId,
          viewerName: entity.viewerName,
          roles: entity.roles ? entity.roles.split(',') : [],
          incident: entity.incident,
        });
      }
      return reads.sort((a, b) => a.at.getTime() - b.at.getTime());
    },
    async recordListRead(read) {
      await (
        await table()
      ).createEntity({
        partitionKey: listPartition,
        rowKey: `${read.at.toISOString()}-${randomUUID()}`,
        at: read.at.toISOString(),
        via: 'list',
        viewerAadObjectId: read.viewerAadObjectId,
        viewerName: read.viewerName,
        roles: read.roles.join(','),
        filter: JSON.stringify(read.filter),
        rows: read.rows,
      });
    },
    async listReads() {
      const reads: ListRead[] = [];
      const entities = (await table()).listEntities<object>({
        queryOptions: { filter: `PartitionKey eq '${listPartition}'` },
      });
      for await (const found of entities) {
        const where = { table: tableName, ...keysOf(found) };
        const entity = readRecord(listReadEntity, found, where);
        reads.push({
          at: new Date(entity.at),
          viewerAadObjectId: entity.viewerAadObjectId,
          viewerName: entity.viewerName,
          roles: entity.roles ? entity.roles.split(',') : [],
          filter: readRecord(listFilter, entity.filter ?? '{}', { ...where, column: 'filter' }),
          rows: entity.rows,
        });
      }
      return reads.sort((a, b) => a.at.getTime() - b.at.getTime());
    },
  };
}
