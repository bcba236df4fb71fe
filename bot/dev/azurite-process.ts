import path from 'node:path';
import fs from 'node:fs';
import { developmentConnectionString } from '../platform/storage/table-provider';
import { freePort, startChild, waitForPort, type ManagedChild } from './child-process';

export interface RunningAzurite {
  child: ManagedChild;
  port: number;
  connectionString: string;
}

/**
 * Starts Azurite's table service from the `azurite` npm package on loopback, telemetry off.
 * `location` keeps data on disk (npm start); without it, data lives in memory (tests).
 */
export async function startAzurite(options: {
  location?: string;
  port?: number;
  projectRoot: string;
}): Promise<RunningAzurite> {
  const port = options.port ?? (await freePort());
  const main = path.join(options.projectRoot, 'node_modules/azurite/dist/src/table/main.js');
  const args = [
    main,
    '--tableHost',
    '127.0.0.1',
    '--tablePort',
    String(port),
    '--disableTelemetry',
    '--skipApiVersionCheck',
    '--silent',
  ];
  if (options.location) {
    fs.mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child = startChild('azurite', process.execPath, args, { cwd: options.location ?? options.projectRoot });
  await Promise.race([
    waitForPort(port, 20_000),
    child.exited.then((code) => {
      throw new Error(`Azurite exited with ${code} before it listened on port ${port}`);
    }),
  ]);
  return { child, port, connectionString: developmentConnectionString('127.0.0.1', port) };
}
