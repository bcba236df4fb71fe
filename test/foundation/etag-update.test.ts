import { z } from 'zod';
import { updateWithEtag, type EtagChange } from '../../bot/platform/storage/etag-update';
import { readRecord } from '../../bot/platform/storage/records';
import { createTableProvider } from '../../bot/platform/storage/table-provider';
import { uniquePrefix } from '../support/test-app';

const row = z.object({ items: z.string() });

function provider() {
  const connectionString = process.env.TEST_STORAGE_CONNECTION_STRING;
  if (!connectionString) throw new Error('Azurite did not start (jest global set-up)');
  return createTableProvider(connectionString, uniquePrefix());
}

describe('updateWithEtag', () => {
  it('lets two writers racing for one row both land their changes', async () => {
    const table = await provider().table('race');
    let changes = 0;
    const append = (item: string) =>
      updateWithEtag(
        table,
        'p',
        'r',
        (current: { items: string } | undefined): EtagChange<void> => {
          changes++;
          const items = current ? [...(JSON.parse(current.items) as string[]), item] : [item];
          return current
            ? { kind: 'update', columns: { items: JSON.stringify(items) }, result: undefined }
            : { kind: 'create', columns: { items: JSON.stringify(items) }, result: undefined };
        },
        { parse: (entity) => readRecord(row, entity, { table: 'race' }), attempts: 50, what: 'race row' },
      );
    const writer = async (name: string) => {
      for (let index = 0; index < 15; index++) await append(`${name}${index}`);
    };

    await Promise.all([writer('a'), writer('b')]);

    const stored = readRecord(row, await table.getEntity('p', 'r'), { table: 'race' });
    const items = JSON.parse(stored.items) as string[];
    expect(items).toHaveLength(30);
    expect(new Set(items)).toEqual(new Set([...Array(15).keys()].flatMap((index) => [`a${index}`, `b${index}`])));
    // Some reads were overtaken by the other writer and done again: the race really happened.
    expect(changes).toBeGreaterThan(30);
  });

  it('writes nothing when the change says so, and deletes with the ETag it read', async () => {
    const table = await provider().table('rows');
    await table.createEntity({ partitionKey: 'p', rowKey: 'r', items: '[]' });
    const parse = (entity: object) => readRecord(row, entity, { table: 'rows' });

    const kept = await updateWithEtag(table, 'p', 'r', () => ({ kind: 'none', result: 'kept' }), {
      parse,
      what: 'row',
    });
    expect(kept).toBe('kept');
    await updateWithEtag(table, 'p', 'r', () => ({ kind: 'delete', result: undefined }), { parse, what: 'row' });
    const gone = await updateWithEtag(table, 'p', 'r', (current) => ({ kind: 'none', result: current }), {
      parse,
      what: 'row',
    });
    expect(gone).toBeUndefined();
  });
});
