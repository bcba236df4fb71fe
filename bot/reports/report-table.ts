import { odata, type TableClient } from '@azure/data-tables';
import {
  aggressorKey,
  type EarlierIncident,
  type IncidentReport,
  type SamePersonAnswer,
} from './report-model';
import { factsOf, type ReportFacts } from './repeat-rules';
import type { DraftRecord, DraftStore, IncidentCounter, ReportStore, StoredReport } from './report-store';
import type { AggressorRecords } from '../measures/retention';
import { errorCodes, HalteamError } from '../shared/errors';
import { getEntityOrUndefined, isConflict, isNotFound, toKey, type TableProvider } from '../platform/storage/table-provider';

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
  /** JSON of SamePersonAnswer[]: the manager's answers for repeat detection, beside the report as submitted. */
  samePerson?: string;
}

interface DraftIndexEntity {
  partitionKey: 'report';
  rowKey: string;
  kind: 'draft';
  number: string;
}

const draftRow = (draftId: string) => `draft-${toKey(draftId)}`;

/** The report as submitted, with the manager's same-person answers (kept in their own column). */
function withAnswers(entity: Pick<ReportEntity, 'data' | 'samePerson'>): IncidentReport {
  const report = JSON.parse(entity.data) as IncidentReport;
  const answers = JSON.parse(entity.samePerson || '[]') as SamePersonAnswer[];
  return answers.length > 0 ? { ...report, samePerson: answers } : report;
}

export function createReportTable(tables: TableProvider): ReportStore {
  const table = () => tables.table('reports');

  async function readReport(client: TableClient, number: string) {
    return getEntityOrUndefined<ReportEntity>(client, 'report', toKey(number));
  }

  async function byDraft(draftId: string): Promise<IncidentReport | undefined> {
    const client = await table();
    const index = await getEntityOrUndefined<DraftIndexEntity>(client, 'report', draftRow(draftId));
    if (!index) return undefined;
    const entity = await readReport(client, index.number);
    return entity ? withAnswers(entity) : undefined;
  }

  async function list(filter: string): Promise<ReportEntity[]> {
    const found: ReportEntity[] = [];
    for await (const entity of (await table()).listEntities<ReportEntity>({ queryOptions: { filter } })) {
      found.push(entity as ReportEntity);
    }
    return found;
  }

  return {
    async create(report) {
      const client = await table();
      const data = JSON.stringify(report);
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
        delivered: JSON.parse(entity.delivered || '[]') as string[],
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
      const client = await table();
      for (let attempt = 0; attempt < 8; attempt++) {
        const entity = await readReport(client, number);
        if (!entity) return undefined;
        const answers = (JSON.parse(entity.samePerson || '[]') as SamePersonAnswer[]).filter(
          (given) => given.number !== answer.number,
        );
        const samePerson = JSON.stringify([...answers, answer]);
        try {
          await client.updateEntity({ partitionKey: 'report', rowKey: entity.rowKey, samePerson }, 'Merge', {
            etag: entity.etag,
          });
          return withAnswers({ data: entity.data, samePerson });
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
      throw new HalteamError(errorCodes.storageConflict, `Answer for ${number} kept conflicting`);
    },

    async markDelivered(number, target) {
      const client = await table();
      for (let attempt = 0; attempt < 8; attempt++) {
        const entity = await readReport(client, number);
        if (!entity) return;
        const delivered = JSON.parse(entity.delivered || '[]') as string[];
        if (delivered.includes(target)) return;
        try {
          await client.updateEntity(
            { partitionKey: 'report', rowKey: entity.rowKey, delivered: JSON.stringify([...delivered, target]) },
            'Merge',
            { etag: entity.etag },
          );
          return;
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
      throw new HalteamError(errorCodes.storageConflict, `Delivery of ${number} kept conflicting`);
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
  const maxAttempts = options.maxAttempts ?? 200;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  return {
    async next(year) {
      const client = await table();
      const rowKey = String(year);
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const entity = await getEntityOrUndefined<{ value: number }>(client, 'counter', rowKey);
        try {
          if (!entity) {
            await client.createEntity({ partitionKey: 'counter', rowKey, value: 1 });
            return 1;
          }
          const value = Number(entity.value) + 1;
          await client.updateEntity({ partitionKey: 'counter', rowKey, value }, 'Merge', { etag: entity.etag });
          return value;
        } catch (error) {
          if (!isConflict(error)) throw error;
          await sleep(Math.round(Math.random() * Math.min(50, 2 + attempt * 2)));
        }
      }
      throw new HalteamError(errorCodes.storageConflict, `Could not allocate an incident number for ${year}`);
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

  return {
    async get(draftId) {
      const entity = await getEntityOrUndefined<DraftEntity>(await table(), 'draft', toKey(draftId));
      if (!entity) return undefined;
      const record = JSON.parse(entity.data) as DraftRecord;
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
        data: JSON.stringify(record),
        lastActivityAt: record.lastActivityAt,
        remindedAt: record.remindedAt ?? '',
      };
      await (await table()).upsertEntity(entity, 'Replace');
    },
    async touch(draftId, at) {
      try {
        await (
          await table()
        ).updateEntity({ partitionKey: 'draft', rowKey: toKey(draftId), lastActivityAt: at.toISOString() }, 'Merge');
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    async markReminded(draftId, at) {
      try {
        await (
          await table()
        ).updateEntity({ partitionKey: 'draft', rowKey: toKey(draftId), remindedAt: at.toISOString() }, 'Merge');
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
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
      const found: IncidentReport[] = [];
      const filter = odata`PartitionKey eq 'report' and kind eq 'report' and submittedAt gt ${since.toISOString()}`;
      for await (const entity of (await tables.table('reports')).listEntities<ReportEntity>({
        queryOptions: { filter },
      })) {
        found.push(JSON.parse(entity.data) as IncidentReport);
      }
      return found.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    },
  };
}

/** Every submitted report, for the Overzicht read models (tens a year: one partition, read whole). */
export async function listAllReports(tables: TableProvider): Promise<IncidentReport[]> {
  const client = await tables.table('reports');
  const reports: IncidentReport[] = [];
  const filter = odata`PartitionKey eq 'report' and kind eq 'report'`;
  for await (const entity of client.listEntities<Pick<ReportEntity, 'data' | 'samePerson'>>({
    queryOptions: { filter },
  })) {
    reports.push(withAnswers(entity));
  }
  return reports;
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
      const found: { number: string; occurredAt: string }[] = [];
      const filter = odata`PartitionKey eq 'report' and kind eq 'report' and aggressorKey ne ''`;
      for await (const entity of (await table()).listEntities<ReportEntity>({ queryOptions: { filter } })) {
        found.push({ number: entity.rowKey as string, occurredAt: entity.occurredAt as string });
      }
      return found;
    },
    async anonymise(number) {
      const client = await table();
      for (let attempt = 0; attempt < 8; attempt++) {
        const entity = await getEntityOrUndefined<ReportEntity>(client, 'report', toKey(number));
        if (!entity) return;
        const report = JSON.parse(entity.data) as IncidentReport;
        const anonymised: IncidentReport = {
          ...report,
          aggressor: { kind: 'known', identification: 'verwijderd na de bewaartermijn' },
          description: 'Verwijderd na de bewaartermijn.',
        };
        try {
          await client.updateEntity(
            { partitionKey: 'report', rowKey: entity.rowKey, data: JSON.stringify(anonymised), aggressorKey: '' },
            'Merge',
            { etag: entity.etag },
          );
          return;
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
      throw new HalteamError(errorCodes.storageConflict, `Report ${number} kept changing during the purge`);
    },
  };
}
