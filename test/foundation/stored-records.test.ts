import { z } from 'zod';
import { createAftercareTable } from '../../bot/aftercare/aftercare-table';
import { createAlarmTable } from '../../bot/alarms/alarm-table';
import { createDagstartTable } from '../../bot/dagstart/dagstart-table';
import { createDutyTable } from '../../bot/duty/duty-table';
import { createMeasureTable } from '../../bot/measures/measure-table';
import { createAuditTable } from '../../bot/overview/overview-audit-table';
import { DurableScheduler } from '../../bot/platform/scheduler/durable-scheduler';
import { createConversationTable } from '../../bot/platform/storage/conversation-table';
import { createTableProvider, type TableProvider } from '../../bot/platform/storage/table-provider';
import { createDraftTable, createReportTable } from '../../bot/reports/report-table';
import { ManualClock } from '../../bot/shared/clock';
import { errorCodes } from '../../bot/shared/errors';
import { defineJob } from '../../bot/shared/jobs';
import { createLogger } from '../../bot/shared/logger';
import { uniquePrefix } from '../support/test-app';

function provider(): TableProvider {
  const connectionString = process.env.TEST_STORAGE_CONNECTION_STRING;
  if (!connectionString) throw new Error('Azurite did not start (jest global set-up)');
  return createTableProvider(connectionString, uniquePrefix());
}

const at = '2026-11-24T08:00:00.000Z';
const alarmColumns = { status: 'open', receivedAt: at, cardState: 'pending', deliveryLeaseUntil: '' };

/** Per table: a bad row written straight into storage, and the read of it through the capability's store. */
const cases: {
  name: string;
  table: string;
  row: { partitionKey: string; rowKey: string } & Record<string, unknown>;
  read: (tables: TableProvider) => Promise<unknown>;
}[] = [
  {
    name: 'an alarm whose data is cut off',
    table: 'alarms',
    row: { partitionKey: 'knop-1', rowKey: 'alarm-a1', data: '{"id":"a1","status":"op', ...alarmColumns },
    read: (tables) => createAlarmTable(tables).getAlarm('knop-1', 'a1'),
  },
  {
    name: 'an alarm without its presses',
    table: 'alarms',
    row: { partitionKey: 'knop-1', rowKey: 'alarm-a2', data: '{"id":"a2","status":"open"}', ...alarmColumns },
    read: (tables) => createAlarmTable(tables).getAlarm('knop-1', 'a2'),
  },
  {
    name: 'a button of an unknown kind',
    table: 'alarms',
    row: {
      partitionKey: 'knop-2',
      rowKey: 'button',
      kind: 'deurbel',
      location: 'Balie',
      authMode: 'token',
      secret: 's',
      createdAt: at,
    },
    read: (tables) => createAlarmTable(tables).getButton('knop-2'),
  },
  {
    name: 'a report whose data is no report',
    table: 'reports',
    row: {
      partitionKey: 'report',
      rowKey: 'AGR-2026-0001',
      kind: 'report',
      data: '{"number":"AGR-2026-0001"}',
      draftId: 'd1',
      alarmId: '',
      aggressorKey: '',
      occurredAt: at,
      submittedAt: at,
      deliveryState: 'pending',
      delivered: '[]',
    },
    read: (tables) => createReportTable(tables).get('AGR-2026-0001'),
  },
  {
    name: 'a draft whose data is not JSON',
    table: 'reportdrafts',
    row: { partitionKey: 'draft', rowKey: 'd1', data: 'niet-json', lastActivityAt: at, remindedAt: '' },
    read: (tables) => createDraftTable(tables).get('d1'),
  },
  {
    name: 'a measure with a number for its kind',
    table: 'measures',
    row: { partitionKey: 'measure', rowKey: 'm1', number: 'AGR-1', letterKey: 'k', data: '{"id":"m1","kind":3}' },
    read: (tables) => createMeasureTable(tables).get('m1'),
  },
  {
    name: 'a damage claim without an amount',
    table: 'measures',
    row: { partitionKey: 'damage', rowKey: 'AGR-1', data: '{"number":"AGR-1"}' },
    read: (tables) => createMeasureTable(tables).getDamage('AGR-1'),
  },
  {
    name: 'an aftercare plan without talks',
    table: 'aftercare',
    row: { partitionKey: 'aftercare', rowKey: 'AGR-1', managerId: 'm', data: '{"number":"AGR-1","state":"offered"}' },
    read: (tables) => createAftercareTable(tables).get('AGR-1'),
  },
  {
    name: 'a roster day whose members are no list',
    table: 'halteamduty',
    row: {
      partitionKey: 'roster',
      rowKey: '2026-11-24',
      data: '{"date":"2026-11-24","memberIds":"Anne","by":"c","at":"x"}',
    },
    read: (tables) => createDutyTable(tables).rosterDay('2026-11-24'),
  },
  {
    name: 'a dagstart card without where it was posted',
    table: 'dagstart',
    row: { partitionKey: 'card', rowKey: 'AGR-1', data: '{"entry":{"number":"AGR-1"}}' },
    read: (tables) => createDagstartTable(tables).getCard('AGR-1'),
  },
  {
    name: 'a user reference that is not JSON',
    table: 'conversations',
    row: { partitionKey: 'user', rowKey: 'u1', reference: '{kapot' },
    read: (tables) => createConversationTable(tables).getUserReference('u1'),
  },
  {
    name: 'an audit row without who read',
    table: 'overviewaudit',
    row: { partitionKey: 'AGR-1', rowKey: 'r1', at, incident: 'AGR-1' },
    read: (tables) => createAuditTable(tables).readsOf('AGR-1'),
  },
  {
    name: 'a job with an unknown status',
    table: 'jobs',
    row: {
      partitionKey: 'job',
      rowKey: 'j1',
      kind: 'note',
      payload: '{}',
      dueAt: at,
      status: 'misschien',
      attempts: 0,
    },
    read: (tables) =>
      new DurableScheduler({
        tables,
        clock: new ManualClock(new Date(at)),
        logger: createLogger('silent'),
        pollMs: 50,
        leaseMs: 1000,
      }).cancel('j1'),
  },
];

describe('records read back from storage', () => {
  it.each(cases)('refuses $name with recordInvalid instead of handing on a wrongly typed object', async (example) => {
    const tables = provider();
    await (await tables.table(example.table)).upsertEntity(example.row, 'Replace');
    await expect(example.read(tables)).rejects.toMatchObject({
      code: errorCodes.recordInvalid,
      details: { table: example.table },
    });
  });

  it('reads rows written before records had a version, and writes new ones with version 1', async () => {
    const tables = provider();
    const duty = createDutyTable(tables);
    const day = { date: '2026-11-24', memberIds: ['anne'], by: 'coordinator', at };
    const table = await tables.table('halteamduty');
    await table.upsertEntity({ partitionKey: 'roster', rowKey: day.date, data: JSON.stringify(day) }, 'Replace');
    expect(await duty.rosterDay(day.date)).toEqual(day);

    await duty.saveRosterDay({ ...day, memberIds: ['bram'] });
    const stored = await table.getEntity<{ data: string }>('roster', day.date);
    expect(JSON.parse(stored.data)).toEqual({ version: 1, ...day, memberIds: ['bram'] });
    expect(await duty.rosterDay(day.date)).toEqual({ ...day, memberIds: ['bram'] });
  });

  it('runs the other due jobs when one stored job is unreadable, and reports that one', async () => {
    const tables = provider();
    const lines: { msg?: string; code?: string }[] = [];
    const logger = createLogger('error', { write: (line: string) => void lines.push(JSON.parse(line)) });
    const clock = new ManualClock(new Date(at));
    const scheduler = new DurableScheduler({ tables, clock, logger, pollMs: 50, leaseMs: 10_000 });
    const runs: string[] = [];
    scheduler.register(
      defineJob({ kind: 'note', payload: z.object({ text: z.string() }) }).runBy(async (payload) => {
        runs.push(payload.text);
      }),
    );
    await scheduler.schedule({ id: 'good', kind: 'note', dueAt: new Date(at), payload: { text: 'goed' } });
    await (
      await tables.table('jobs')
    ).createEntity({
      partitionKey: 'job',
      rowKey: 'bad',
      kind: 'note',
      dueAt: at,
      status: 'pending',
      attempts: 'twee',
    });

    expect(await scheduler.tick()).toBe(1);
    expect(runs).toEqual(['goed']);
    expect(lines).toContainEqual(expect.objectContaining({ code: errorCodes.recordInvalid }));
  });
});
