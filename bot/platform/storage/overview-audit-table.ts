import { randomUUID } from 'node:crypto';
import type { TableProvider } from './table-provider';

/** One read of an incident in the Overzicht tab: its detail, or a row of a CSV export. */
export interface DetailRead {
  at: Date;
  via?: 'detail' | 'export';
  viewerAadObjectId: string;
  viewerName: string;
  roles: string[];
  incident: string;
}

export interface AuditLog {
  recordRead(read: DetailRead): Promise<void>;
  /** Reads of one incident, oldest first. */
  readsOf(incident: string): Promise<DetailRead[]>;
}

/** Append-only: a row per read, partitioned by incident number so one incident's reads are one query. */
export function createAuditTable(tables: TableProvider): AuditLog {
  const table = () => tables.table('overviewaudit');
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
      const entities = (await table()).listEntities<Record<string, string>>({
        queryOptions: { filter: `PartitionKey eq '${incident.replace(/'/g, "''")}'` },
      });
      for await (const entity of entities) {
        reads.push({
          at: new Date(entity.at!),
          via: entity.via === 'export' ? 'export' : 'detail',
          viewerAadObjectId: entity.viewerAadObjectId!,
          viewerName: entity.viewerName!,
          roles: entity.roles ? entity.roles.split(',') : [],
          incident: entity.incident!,
        });
      }
      return reads.sort((a, b) => a.at.getTime() - b.at.getTime());
    },
  };
}
