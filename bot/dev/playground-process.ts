import path from 'node:path';
import { startChild, waitForOutput, type ManagedChild } from './child-process';

export interface RunningPlayground {
  child: ManagedChild;
  port: number;
  url: string;
}

/**
 * Starts the Microsoft 365 Agents Playground (a local Teams) pointed at the bot, with the committed
 * mock tenant. It picks another port silently when the asked one is taken, so the port is read from
 * its "Listening on" line.
 */
export async function startPlayground(options: {
  projectRoot: string;
  botEndpoint: string;
  port: number;
  configPath?: string;
  logFile?: string;
}): Promise<RunningPlayground> {
  const cli = path.join(options.projectRoot, 'node_modules/@microsoft/m365agentsplayground/cli.js');
  const child = startChild(
    'playground',
    process.execPath,
    [cli, '-e', options.botEndpoint, '-c', 'msteams', '-p', String(options.port), '--disable-telemetry'],
    {
      cwd: options.projectRoot,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        NO_PROXY: 'localhost,127.0.0.1',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH:
          options.configPath ?? path.join(options.projectRoot, '.m365agentsplayground.yml'),
        M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile ?? path.join(options.projectRoot, '.data/playground.log'),
      },
    },
  );
  const match = await waitForOutput(child, /Listening on (?:port )?(\d+)/i, 30_000);
  const port = Number(match[1]);
  return { child, port, url: `http://localhost:${port}` };
}
