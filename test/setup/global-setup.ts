import path from 'node:path';
import { startAzurite } from '../../bot/dev/azurite-process';

/** One in-memory Azurite for the whole run; each test file uses its own table prefix. */
export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite({ projectRoot: path.resolve(__dirname, '../..') });
  process.env.TEST_STORAGE_CONNECTION_STRING = azurite.connectionString;
  (globalThis as { __azurite?: typeof azurite }).__azurite = azurite;
}
