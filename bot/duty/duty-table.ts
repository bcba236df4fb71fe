import type { Logger } from '../shared/logger';
import { odata } from '@azure/data-tables';
import { dutyStatementRecord, rosterDayRecord } from './duty-record';
import type { DutyStatement, RosterDay } from './duty-rules';
import type { DutyStore } from './duty-store';
import { ReadCache } from '../platform/storage/read-cache';
import { readDataColumn, writeRecord } from '../platform/storage/records';
import { getEntityOrUndefined, isNotFound, toKey, type TableProvider } from '../platform/storage/table-provider';

/** Halteam duty: one row per member (`statement`, their latest word) and one per roster day (`roster`). */
export function createDutyTable(tables: TableProvider): DutyStore {
  const tableName = 'halteamduty';
  const table = () => tables.table(tableName);

  return {
    async saveStatement(statement) {
      await (
        await table()
      ).upsertEntity(
        { partitionKey: 'statement', rowKey: toKey(statement.memberId), data: writeRecord(statement) },
        'Replace',
      );
    },
    async statements() {
      const found: DutyStatement[] = [];
      const entities = (await table()).listEntities<object>({
        queryOptions: { filter: odata`PartitionKey eq 'statement'` },
      });
      for await (const entity of entities) found.push(readDataColumn(dutyStatementRecord, entity, tableName));
      return found;
    },
    async saveRosterDay(day) {
      await (
        await table()
      ).upsertEntity({ partitionKey: 'roster', rowKey: day.date, data: writeRecord(day) }, 'Replace');
    },
    async removeRosterDay(date) {
      try {
        await (await table()).deleteEntity('roster', date);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    async rosterDay(date) {
      const entity = await getEntityOrUndefined(await table(), 'roster', date);
      return entity ? readDataColumn(rosterDayRecord, entity, tableName) : undefined;
    },
    async rosterFrom(date) {
      const found: RosterDay[] = [];
      const entities = (await table()).listEntities<object>({
        queryOptions: { filter: odata`PartitionKey eq 'roster' and RowKey ge ${date}` },
      });
      for await (const entity of entities) found.push(readDataColumn(rosterDayRecord, entity, tableName));
      return found.sort((a, b) => a.date.localeCompare(b.date));
    },
  };
}

/**
 * Duty is read for every alarm (who to mention) and written a few times a day: reads come from a
 * short cache (fresh 5 s, served stale up to 30 s while refreshing), and this instance's writes
 * clear it, so the alarm path does not wait for storage.
 */
export function withDutyCache(store: DutyStore, options: { logger: Logger; now?: () => number }): DutyStore {
  const cacheOptions = {
    freshMs: 5_000,
    staleMs: 30_000,
    now: options.now,
    onRefreshError: (error: unknown, key: string) =>
      options.logger.warn({ err: error, key }, 'duty could not be refreshed; using what was read before'),
  };
  const statements = new ReadCache<DutyStatement[]>(cacheOptions);
  const roster = new ReadCache<RosterDay | undefined>(cacheOptions);
  const afterWrite = async (write: Promise<void>) => {
    await write;
    statements.invalidate();
    roster.invalidate();
  };
  return {
    saveStatement: (statement) => afterWrite(store.saveStatement(statement)),
    statements: () => statements.get('all', () => store.statements()),
    saveRosterDay: (day) => afterWrite(store.saveRosterDay(day)),
    removeRosterDay: (date) => afterWrite(store.removeRosterDay(date)),
    rosterDay: (date) => roster.get(date, () => store.rosterDay(date)),
    rosterFrom: (date) => store.rosterFrom(date),
  };
}
