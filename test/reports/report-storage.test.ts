import { createFlowStateTable } from '../../bot/platform/teams/flow-state-table';
import { createDraftTable, createIncidentCounter, createReportTable } from '../../bot/reports/report-table';
import { createTableProvider, type TableProvider } from '../../bot/platform/storage/table-provider';
import type { ReportDraft } from '../../bot/reports/report-form';
import { submitReport } from '../../bot/reports/submit-report';
import { ManualClock } from '../../bot/shared/clock';
import { errorCodes, isHalteamError } from '../../bot/shared/errors';
import { uniquePrefix } from '../support/test-app';

function tables(): TableProvider {
  const connectionString = process.env.TEST_STORAGE_CONNECTION_STRING;
  if (!connectionString) throw new Error('Azurite did not start (jest global set-up)');
  return createTableProvider(connectionString, uniquePrefix());
}

const person = { id: 'user-id-0', name: 'Sanne de Vries' };
function draft(draftId: string, aggressor = 'klantnummer 123456'): ReportDraft {
  return {
    draftId,
    reporter: person,
    subject: { kind: 'self' },
    occurredAt: '2026-03-03T13:03:00.000Z',
    place: { kind: 'telefoon' },
    forms: ['verbaal-geweld'],
    description: 'Een beller schold mij uit.',
    injury: false,
    damage: false,
    weapons: false,
    police: 'nee',
    aggressor: { kind: 'known', identification: aggressor },
    witnesses: { kind: 'none' },
    manager: { id: 'user-id-2', name: 'Lotte Jansen' },
    nameInDagstart: true,
    source: { kind: 'chat' },
  };
}

describe('incident numbers', () => {
  it('never gives two of many concurrent allocations the same number', async () => {
    const counter = createIncidentCounter(tables());
    const numbers = await Promise.all(Array.from({ length: 40 }, () => counter.next(2026)));
    expect(new Set(numbers).size).toBe(40);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    expect(await counter.next(2027)).toBe(1);
    expect(await counter.next(2026)).toBe(41);
  });

  it('gives concurrent submissions of different drafts different numbers, and one draft one report', async () => {
    const provider = tables();
    const deps = {
      store: createReportTable(provider),
      counter: createIncidentCounter(provider),
      clock: new ManualClock(new Date('2026-03-03T13:10:00Z')),
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => submitReport(draft(`draft-${index}`), deps)),
    );
    const numbers = results.map((result) => result.report.number);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.every((number) => /^AGR-2026-00(0[1-9]|1\d|20)$/.test(number))).toBe(true);

    const twice = await Promise.all([submitReport(draft('same'), deps), submitReport(draft('same'), deps)]);
    expect(twice.map((result) => result.kind).sort()).toEqual(['already', 'submitted']);
    expect(twice[0]?.report.number).toBe(twice[1]?.report.number);
    expect(await deps.store.byDraft('same')).toMatchObject({ number: twice[0]?.report.number });
  });

  it('finds earlier reports about the same aggressor by client number, whatever else was typed', async () => {
    const provider = tables();
    const deps = {
      store: createReportTable(provider),
      counter: createIncidentCounter(provider),
      clock: new ManualClock(new Date('2026-03-03T13:10:00Z')),
    };
    await submitReport(draft('a', 'Jan Klaassen, klantnummer 123456'), deps);
    await submitReport(draft('b', 'Piet Puk'), deps);
    const earlier = await deps.store.byAggressor('nr:123456', new Date('2025-03-01T00:00:00Z'));
    expect(earlier.map((incident) => incident.number)).toEqual(['AGR-2026-0001']);
    expect(await deps.store.byAggressor('naam:piet puk', new Date('2025-03-01T00:00:00Z'))).toHaveLength(1);
  });
});

describe('flow state in Table Storage', () => {
  it('keeps state bigger than one table property, and forgets it on delete', async () => {
    const storage = createFlowStateTable(tables());
    const story = 'Hij schreeuwde. '.repeat(9_000); // 144,000 characters: more than 64 KiB
    await storage.write('msteams/a:1', { state: { story } }, '*');
    const read = await storage.read('msteams/a:1');
    expect((read?.value as { state: { story: string } }).state.story).toBe(story);
    expect(read?.etag).toEqual(expect.any(String));
    expect(await storage.read('msteams/unknown')).toBeUndefined();
    await storage.delete('msteams/a:1');
    await storage.delete('msteams/unknown');
    expect(await storage.read('msteams/a:1')).toBeUndefined();
  });

  it('writes over a version only with its ETag: a lost race is HT1102, not a silent overwrite', async () => {
    const storage = createFlowStateTable(tables());
    const key = 'msteams/a:2';
    await storage.write(key, { step: 'where' });
    const [first, second] = [await storage.read(key), await storage.read(key)];
    await storage.write(key, { step: 'forms' }, first?.etag);
    const lost = await storage.write(key, { step: 'description' }, second?.etag).catch((error: unknown) => error);
    expect(isHalteamError(lost, errorCodes.storageConflict)).toBe(true);
    const created = await storage.write(key, { step: 'victim' }).catch((error: unknown) => error);
    expect(isHalteamError(created, errorCodes.storageConflict)).toBe(true);
    const deleted = await storage.delete(key, second?.etag).catch((error: unknown) => error);
    expect(isHalteamError(deleted, errorCodes.storageConflict)).toBe(true);
    expect((await storage.read(key))?.value).toEqual({ step: 'forms' });
    await storage.write(key, { step: 'injury' }, '*');
    expect((await storage.read(key))?.value).toEqual({ step: 'injury' });
  });

  it('keeps keys with characters Table Storage forbids in row keys apart', async () => {
    const storage = createFlowStateTable(tables());
    await storage.write('a/b#c?d', { value: 1 });
    await storage.write('a%2fb#c?d', { value: 2 });
    expect((await storage.read('a/b#c?d'))?.value).toEqual({ value: 1 });
    expect((await storage.read('a%2fb#c?d'))?.value).toEqual({ value: 2 });
  });
});

describe('draft records', () => {
  it('are touched, marked reminded and removed; a removed draft stays removed', async () => {
    const drafts = createDraftTable(tables());
    await drafts.save({
      draftId: 'd1',
      user: person,
      conversation: { channelId: 'msteams', id: 'a:personal-user-id-0' },
      startedAt: '2026-03-03T13:10:00.000Z',
      lastActivityAt: '2026-03-03T13:10:00.000Z',
    });
    await drafts.touch('d1', new Date('2026-03-03T14:00:00Z'));
    await drafts.markReminded('d1', new Date('2026-03-04T14:00:00Z'));
    expect(await drafts.get('d1')).toMatchObject({
      lastActivityAt: '2026-03-03T14:00:00.000Z',
      remindedAt: '2026-03-04T14:00:00.000Z',
    });
    await drafts.remove('d1');
    await drafts.touch('d1', new Date('2026-03-05T14:00:00Z'));
    expect(await drafts.get('d1')).toBeUndefined();
  });
});
