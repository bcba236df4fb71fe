import { z } from 'zod';
import { readRecord, versioned, writeRecord } from '../../bot/platform/storage/records';
import { errorCodes, isHalteamError } from '../../bot/shared/errors';

const note = versioned(z.object({ text: z.string(), count: z.number() }));
const where = { table: 'notes', partitionKey: 'p', rowKey: 'r', column: 'data' };

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('readRecord', () => {
  it('reads a record written today, without its version', () => {
    const stored = writeRecord({ text: 'hallo', count: 2 });
    expect(JSON.parse(stored)).toEqual({ version: 1, text: 'hallo', count: 2 });
    expect(readRecord(note, stored, where)).toEqual({ text: 'hallo', count: 2 });
  });

  it('reads a record written before versions existed as version 1', () => {
    expect(readRecord(note, '{"text":"oud","count":1}', where)).toEqual({ text: 'oud', count: 1 });
  });

  it('reads a whole entity (an object) without parsing JSON', () => {
    const entity = z.object({ rowKey: z.string(), value: z.number() });
    expect(readRecord(entity, { rowKey: 'r', value: 3, etag: 'x' }, where)).toEqual({ rowKey: 'r', value: 3 });
  });

  it('refuses corrupt JSON with recordInvalid, naming the table and key', () => {
    const error = failure(() => readRecord(note, '{"text": "afgebroken', where));
    expect(isHalteamError(error, errorCodes.recordInvalid)).toBe(true);
    expect(error).toMatchObject({ details: { table: 'notes', partitionKey: 'p', rowKey: 'r', column: 'data' } });
  });

  it('refuses a record of the wrong shape with recordInvalid, without its values in the message', () => {
    const error = failure(() => readRecord(note, '{"text":"geheim","count":"drie"}', where));
    expect(isHalteamError(error, errorCodes.recordInvalid)).toBe(true);
    expect((error as Error).message).toContain('count');
    expect((error as Error).message).not.toContain('drie');
    expect((error as Error).message).not.toContain('geheim');
  });

  it('refuses a record of a version it does not know', () => {
    const error = failure(() => readRecord(note, '{"version":2,"text":"nieuw","count":1}', where));
    expect(isHalteamError(error, errorCodes.recordInvalid)).toBe(true);
  });
});
