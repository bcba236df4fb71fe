import { odata, type TableClient } from '@azure/data-tables';
import { aggressorKey, type EarlierIncident, type IncidentReport } from './report-model';
import {
  counterEntity,
  deliveredColumn,
  draftEntity,
  draftIndexEntity,
  draftRecord,
  reportEntity,
  reportRecord,
  samePersonColumn,
} from './report-record';
import { factsOf, type ReportFacts } from './repeat-rules';
import type { DraftStore, IncidentCounter, ReportStore, StoredReport } from './report-store';
import type { AggressorRecords } from '../measures';
import { errorCodes, HalteamError } from '../shared/errors';
import { updateWithEtag, type EtagChange } from '../platform/storage/etag-update';
import { keysOf, readRecord, writeRecord, type RecordPlace } from '../platform/storage/records';
import {
  getEntityOrUndefined,
  isConflict,
  isNotFound,
  toKey,
  type TableProvider,
} from '../platform/storage/table-provider';

/** Table Storage keeps at most 32K characters in a string property. */
const maxDataChars = 32_000;

/**
 * One partition holds every report (a municipality registers tens a year, not thousands): the report
 * row (row key = its number) and a `draft-…` row per submitted draft. Both are written in one
 * entity-group transaction, so a draft can never become two reports.
 */
interface ReportEntity {
  partitionKey: 'report';
  rowKey: string;
  kind: 'report';
  data: string;
  draftId: string;
  alarmId: string;
  aggressorKey: string;
  occurredAt: string;
  submittedAt: string;
  deliveryState: StoredReport['deliveryState'];
  delivered: string;
  samePerson?: string;
}
type StoredReportEntity = ReturnType<typeof parseReportEntity>;

interface DraftIndexEntity {
  partitionKey: 'report';
  rowKey: string;
  kind: 'draft';
  number: string;
}

const draftRow = (draftId: string) => `draft-${toKey(draftId)}`;

const placeOf = (entity: { partitionKey: string; rowKey: string }): RecordPlace => ({
  table: 'reports',
  partitionKey: entity.partitionKey,
  rowKey: entity.rowKey,
});
const parseReportEntity = (entity: object) => readRecord(reportEntity, entity, { table: 'reports', ...keysOf(entity) });

const reportOf = (entity: StoredReportEntity) =>
  readRecord(reportRecord, entity.data, { ...placeOf(entity), column: 'data' });
const answersOf = (entity: Pick<StoredReportEntity, 'partitionKey' | 'rowKey' | 'samePerson'>) =>
  readRecord(samePersonColumn, entity.samePerson || '[]', { ...placeOf(entity), column: 'samePerson' });
const deliveredOf = (entity: StoredReportEntity) =>
  readRecord(deliveredColumn, entity.delivered || '[]', { ...placeOf(entity), column: 'delivered' });

/** The report as submitted, with the manager's same-person answers (kept in their own column). */
function withAnswers(entity: StoredReportEntity): IncidentReport {
  const report = reportOf(entity);
  const answers = answersOf(entity);
  return answers.length > 0 ? { ...report, samePerson: answers } : report;
}

export function createReportTable(tables: TableProvider): ReportStore {
  const table = () => tables.table('reports');

  async function readReport(client: TableClient, number: string): Promise<StoredReportEntity | undefined> {
    const found = await getEntityOrUndefined(client, 'report', toKey(number));
    return found ? parseReportEntity(found) : undefined;
  }

  async function byDraft(draftId: string): Promise<IncidentReport | undefined> {
    const client = await table();
    const rowKey = draftRow(draftId);
    const found = await getEntityOrUndefined(client, 'report', rowKey);
    if (!found) return undefined;
    const index = readRecord(draftIndexEntity, found, { table: 'reports', partitionKey: 'report', rowKey });
    const entity = await readReport(client, index.number);
    return entity ? withAnswers(entity) : undefined;
  }

  async function list(filter: string): Promise<StoredReportEntity[]> {
    return listReportEntities(tables, filter);
  }

  return {
    async create(report) {
      const client = await table();
      const data = writeRecord(report);
      if (data.length > maxDataChars) {
        throw new HalteamError(errorCodes.invalidInput, `Report ${report.number} is too large to store`, {
          chars: data.length,
        });
      }
      const entity: ReportEntity = {
        partitionKey: 'report',
        rowKey: toKey(report.number),
        kind: 'report',
        data,
        draftId: report.draftId,
        alarmId: report.source.kind === 'alarm' ? report.source.alarmId : '',
        aggressorKey: aggressorKey(report.aggressor) ?? '',
        occurredAt: report.occurredAt,
        submittedAt: report.submittedAt,
        deliveryState: 'pending',
        delivered: '[]',
      };
      const index: DraftIndexEntity = {
        partitionKey: 'report',
        rowKey: draftRow(report.draftId),
        kind: 'draft',
        number: report.number,
      };
      try {
        await client.submitTransaction([
          ['create', { ...index }],
          ['create', { ...entity }],
        ]);
        return { kind: 'created', report };
      } catch (error) {
        const existing = await byDraft(report.draftId);
        if (existing) return { kind: 'exists', report: existing };
        if (isConflict(error)) {
          throw new HalteamError(
            errorCodes.storageConflict,
            `Incident number ${report.number} is taken`,
            {},
            { cause: error },
          );
        }
        throw error;
      }
    },

    async get(number) {
      const entity = await readReport(await table(), number);
      if (!entity) return undefined;
      return {
        report: withAnswers(entity),
        delivered: deliveredOf(entity),
        deliveryState: entity.deliveryState,
      };
    },

    byDraft,

    async byAlarm(alarmId) {
      const entities = await list(odata`PartitionKey eq 'report' and kind eq 'report' and alarmId eq ${alarmId}`);
      return entities.map(withAnswers);
    },

    async byAggressor(key, since) {
      const entities = await list(
        odata`PartitionKey eq 'report' and kind eq 'report' and aggressorKey eq ${key} and occurredAt ge ${since.toISOString()}`,
      );
      return entities.map((entity): EarlierIncident => ({ number: entity.rowKey, occurredAt: entity.occurredAt }));
    },

    async factsSince(since) {
      const entities = await list(
        odata`PartitionKey eq 'report' and kind eq 'report' and occurredAt ge ${since.toISOString()}`,
      );
      return entities.map((entity): ReportFacts => {
        const facts = factsOf(withAnswers(entity));
        // After the retention purge the report no longer names anyone (aggressorKey is emptied).
        return entity.aggressorKey ? facts : { ...facts, identification: undefined };
      });
    },

    async answerSamePerson(number, answer) {
      return updateWithEtag(
        await table(),
        'report',
        toKey(number),
        (entity: StoredReportEntity | undefined): EtagChange<IncidentReport | undefined> => {
          if (!entity) return { kind: 'none', result: undefined };
          const answers = answersOf(entity).filter((given) => given.number !== answer.number);
          const samePerson = JSON.stringify([...answers, answer]);
          return { kind: 'update', columns: { samePerson }, result: withAnswers({ ...entity, samePerson }) };
        },
        { parse: parseReportEntity, attempts: 8, what: `Answer for ${number}` },
      );
    },

    async markDelivered(number, target) {
      await updateWithEtag(
        await table(),
        'report',
        toKey(number),
        (entity: StoredReportEntity | undefined): EtagChange<void> => {
          if (!entity) return { kind: 'none', result: undefined };
          const delivered = deliveredOf(entity);
          if (delivered.includes(target)) return { kind: 'none', result: undefined };
          return { kind: 'update', columns: { delivered: JSON.stringify([...delivered, target]) }, result: undefined };
        },
        { parse: parseReportEntity, attempts: 8, what: `Delivery of ${number}` },
      );
    },

    async markDone(number) {
      await (
        await table()
      ).updateEntity({ partitionKey: 'report', rowKey: toKey(number), deliveryState: 'done' }, 'Merge');
    },
  };
}

/**
 * A counter row per year, incremented with the ETag it was read with (If-Match). Of two concurrent
 * increments one wins and the other reads again, so no two submissions share a number.
 */
export function createIncidentCounter(
  tables: TableProvider,
  options: { maxAttempts?: number; sleep?: (ms: number) => Promise<void> } = {},
): IncidentCounter {
  const table = () => tables.table('reportcounters');
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  return {
    async next(year) {
      const rowKey = String(year);
      return updateWithEtag(
        await table(),
        'counter',
        rowKey,
        (counter: { value: number } | undefined): EtagChange<number> =>
          counter
            ? { kind: 'update', columns: { value: counter.value + 1 }, result: counter.value + 1 }
            : { kind: 'create', columns: { value: 1 }, result: 1 },
        {
          parse: (entity) =>
            readRecord(counterEntity, entity, { table: 'reportcounters', partitionKey: 'counter', rowKey }),
          // Every submission of a busy moment races for this one row: many short tries.
          attempts: options.maxAttempts ?? 200,
          pause: (attempt) => sleep(Math.round(Math.random() * Math.min(50, attempt * 2))),
          what: `Incident number for ${year}`,
        },
      );
    },
  };
}

interface DraftEntity {
  partitionKey: 'draft';
  rowKey: string;
  data: string;
  lastActivityAt: string;
  remindedAt: string;
}

/** Drafts in progress: who, where the conversation is, when it started and was last touched. */
export function createDraftTable(tables: TableProvider): DraftStore {
  const table = () => tables.table('reportdrafts');

  /** Sets columns of a draft; a draft already sent or dropped is left gone. */
  async function mergeIntoDraft(draftId: string, columns: Record<string, string>): Promise<void> {
    try {
      await (await table()).updateEntity({ partitionKey: 'draft', rowKey: toKey(draftId), ...columns }, 'Merge');
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  return {
    async get(draftId) {
      const rowKey = toKey(draftId);
      const found = await getEntityOrUndefined(await table(), 'draft', rowKey);
      if (!found) return undefined;
      const where = { table: 'reportdrafts', partitionKey: 'draft', rowKey };
      const entity = readRecord(draftEntity, found, where);
      const record = readRecord(draftRecord, entity.data, { ...where, column: 'data' });
      return {
        ...record,
        lastActivityAt: entity.lastActivityAt || record.lastActivityAt,
        remindedAt: entity.remindedAt || undefined,
      };
    },
    async save(record) {
      const entity: DraftEntity = {
        partitionKey: 'draft',
        rowKey: toKey(record.draftId),
        data: writeRecord(record),
        lastActivityAt: record.lastActivityAt,
        remindedAt: record.remindedAt ?? '',
      };
      await (await table()).upsertEntity(entity, 'Replace');
    },
    async touch(draftId, at) {
      await mergeIntoDraft(draftId, { lastActivityAt: at.toISOString() });
    },
    async markReminded(draftId, at) {
      await mergeIntoDraft(draftId, { remindedAt: at.toISOString() });
    },
    async remove(draftId) {
      try {
        await (await table()).deleteEntity('draft', toKey(draftId));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
}

/** Reads reports by submission time (the dagstart digest: incidents since the last digest). */
export function createSubmittedReportReader(tables: TableProvider): {
  submittedSince(since: Date): Promise<IncidentReport[]>;
} {
  return {
    async submittedSince(since) {
      const filter = odata`PartitionKey eq 'report' and kind eq 'report' and submittedAt gt ${since.toISOString()}`;
      const found = (await listReportEntities(tables, filter)).map(reportOf);
      return found.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    },
  };
}

/** Every submitted report, for the Overzicht read models (tens a year: one partition, read whole). */
export async function listAllReports(tables: TableProvider): Promise<IncidentReport[]> {
  return (await listReportEntities(tables, odata`PartitionKey eq 'report' and kind eq 'report'`)).map(withAnswers);
}

/**
 * The retention purge's view of the reports (bot/measures/retention.ts): which reports still name an
 * aggressor, and removing that (with the free description, which may name them too). The report stays
 * for statistics; repeat detection no longer finds it.
 */
export function createAggressorRecords(tables: TableProvider): AggressorRecords {
  const table = () => tables.table('reports');
  return {
    async withAggressor() {
      const filter = odata`PartitionKey eq 'report' and kind eq 'report' and aggressorKey ne ''`;
      return (await listReportEntities(tables, filter)).map((entity) => ({
        number: entity.rowKey,
        occurredAt: entity.occurredAt,
      }));
    },
    async anonymise(number) {
      await updateWithEtag(
        await table(),
        'report',
        toKey(number),
        (entity: StoredReportEntity | undefined): EtagChange<void> => {
          if (!entity) return { kind: 'none', result: undefined };
          const anonymised: IncidentReport = {
            ...reportOf(entity),
            aggressor: { kind: 'known', identification: 'verwijderd na de bewaartermijn' },
            description: 'Verwijderd na de bewaartermijn.',
          };
          return { kind: 'update', columns: { data: writeRecord(anonymised), aggressorKey: '' }, result: undefined };
        },
        { parse: parseReportEntity, attempts: 8, what: `Report ${number} (retention purge)` },
      );
    },
  };
}

async function listReportEntities(tables: TableProvider, filter: string): Promise<StoredReportEntity[]> {
  const found: StoredReportEntity[] = [];
  for await (const entity of (await tables.table('reports')).listEntities<object>({ queryOptions: { filter } })) {
    found.push(parseReportEntity(entity));
  }
  return found;
}
