import { TableClient, TableServiceClient, RestError } from '@azure/data-tables';
import { errorCodes, HalteamError } from '../../shared/errors';

/**
 * Hands out TableClients for the application's tables, creating each table once on first use.
 * Every table name carries the configured prefix, so several deployments (or test runs) can share
 * one storage account.
 */
export interface TableProvider {
  table(name: string): Promise<TableClient>;
  /** Resolves when storage answers; used by /readyz. */
  ping(): Promise<void>;
}

export function createTableProvider(connectionString: string, prefix: string): TableProvider {
  const options = { allowInsecureConnection: isLoopback(connectionString) };
  const service = TableServiceClient.fromConnectionString(connectionString, options);
  const created = new Map<string, Promise<TableClient>>();

  async function ensure(fullName: string): Promise<TableClient> {
    const client = TableClient.fromConnectionString(connectionString, fullName, options);
    try {
      await client.createTable();
    } catch (error) {
      throw new HalteamError(errorCodes.storageUnavailable, `Cannot create table ${fullName}`, {}, { cause: error });
    }
    return client;
  }

  return {
    table(name) {
      const fullName = `${prefix}${name}`;
      let pending = created.get(fullName);
      if (!pending) {
        pending = ensure(fullName);
        created.set(fullName, pending);
        pending.catch(() => created.delete(fullName));
      }
      return pending;
    },
    async ping() {
      const pages = service.listTables().byPage({ maxPageSize: 1 });
      await pages.next();
    },
  };
}

function isLoopback(connectionString: string): boolean {
  return (
    /UseDevelopmentStorage=true/i.test(connectionString) ||
    /=https?:\/\/(127\.0\.0\.1|localhost)/i.test(connectionString)
  );
}

export function isStatus(error: unknown, ...statuses: number[]): boolean {
  return error instanceof RestError && error.statusCode !== undefined && statuses.includes(error.statusCode);
}

/** True when a conditional write lost a race (ETag mismatch) or a create found the row already there. */
export const isConflict = (error: unknown) => isStatus(error, 409, 412);
export const isNotFound = (error: unknown) => isStatus(error, 404);

/**
 * Reads an entity or returns undefined when it does not exist. Its properties are unknown until the
 * caller parses them (readRecord): only the ETag and the keys, which Table Storage itself sets, are typed.
 */
export async function getEntityOrUndefined(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<(Record<string, unknown> & { etag: string }) | undefined> {
  try {
    return await table.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Table keys may not contain / \ # ? or control characters. */
export function toKey(value: string): string {
  return [...value]
    .map((ch) => {
      const code = ch.charCodeAt(0);
      const forbidden = '/\\#?'.includes(ch) || code < 0x20 || (code >= 0x7f && code <= 0x9f);
      return forbidden ? `%${code.toString(16).padStart(2, '0')}` : ch;
    })
    .join('');
}

export function developmentConnectionString(host: string, port: number): string {
  const account = 'devstoreaccount1';
  const key = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
  return `DefaultEndpointsProtocol=http;AccountName=${account};AccountKey=${key};TableEndpoint=http://${host}:${port}/${account};`;
}
