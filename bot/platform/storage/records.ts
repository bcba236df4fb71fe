import { z } from 'zod';
import { errorCodes, HalteamError } from '../../shared/errors';

/** Where a record was read, for the error that says it is invalid. */
export interface RecordPlace {
  table: string;
  partitionKey?: string;
  rowKey?: string;
  /** The JSON column, when the record is one column of the row. */
  column?: string;
}

/** The version every record is written with today. */
export const recordVersion = 1;

/**
 * Parses a record read from storage: a JSON column (a string, parsed first) or a whole entity (an
 * object). Storage is no less outside than a request: a row written by an older version, by hand or
 * half-way is refused with `recordInvalid` instead of travelling on with the wrong type.
 */
export function readRecord<T>(schema: z.ZodType<T>, raw: unknown, where: RecordPlace): T {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new HalteamError(
        errorCodes.recordInvalid,
        `Stored record in ${describe(where)} is not JSON`,
        { ...where },
        {
          cause: error,
        },
      );
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    // Paths and messages only: the values may be personal data.
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`);
    throw new HalteamError(
      errorCodes.recordInvalid,
      `Stored record in ${describe(where)} does not match its schema: ${issues.slice(0, 5).join('; ')}`,
      { ...where, issues },
    );
  }
  return parsed.data;
}

function describe(where: RecordPlace): string {
  const key = [where.partitionKey, where.rowKey].filter((part) => part !== undefined).join('/');
  return `${where.table}${key ? ` ${key}` : ''}${where.column ? ` (${where.column})` : ''}`;
}

/**
 * A JSON record with a version: `version` 1 is today's shape, and a record written before versions
 * existed (no `version`) is version 1 too. The version is checked and taken off, so the domain type
 * stays as it is; a later shape adds its migration from the version before here.
 */
export function versioned<T>(schema: z.ZodType<T>): z.ZodType<T> {
  return z.preprocess((value, context) => {
    if (!isObject(value)) return value;
    const { version = recordVersion, ...record } = value;
    if (version !== recordVersion) {
      context.addIssue({ code: 'custom', message: `unknown record version ${String(version)}`, path: ['version'] });
      return z.NEVER;
    }
    return record;
  }, schema);
}

/** The JSON a versioned record is stored as: always with its version. */
export function writeRecord(record: object): string {
  return JSON.stringify({ version: recordVersion, ...record });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The columns every entity read from a table carries besides its own. */
export const entityKeys = {
  partitionKey: z.string(),
  rowKey: z.string(),
  etag: z.string(),
};

/** An optional string column: Table Storage returns it absent, and some rows store '' for "none". */
export const optionalColumn = z.string().optional();

const dataColumn = z.object({ data: z.string() });

/** A record kept as JSON in the `data` column of an entity read from `table`. */
export function readDataColumn<T>(schema: z.ZodType<T>, entity: object, table: string): T {
  const where = { table, ...keysOf(entity) };
  return readRecord(schema, readRecord(dataColumn, entity, where).data, { ...where, column: 'data' });
}

/** The keys of an entity as read, for the error that names it. */
export function keysOf(entity: object): { partitionKey?: string; rowKey?: string } {
  const { partitionKey, rowKey } = entity as { partitionKey?: unknown; rowKey?: unknown };
  return {
    partitionKey: typeof partitionKey === 'string' ? partitionKey : undefined,
    rowKey: typeof rowKey === 'string' ? rowKey : undefined,
  };
}

/** Every key of every member of a union (keyof of a union gives only the keys all members share). */
type AllKeys<T> = T extends unknown ? keyof T : never;
type Unread<T, S extends z.ZodType> = Exclude<AllKeys<T>, AllKeys<z.output<S>>>;

/**
 * A stored record's schema, checked at compile time against its domain type both ways: what it reads
 * is a `T`, and it names every field of `T`. zod drops keys a schema does not name, so a field added
 * to the model but not to its schema would silently vanish on the first read back.
 */
export function recordSchema<T>() {
  return <S extends z.ZodType<T>>(
    schema: S & ([Unread<T, S>] extends [never] ? unknown : { fieldsTheSchemaDoesNotRead: Unread<T, S> }),
  ): S => schema;
}
