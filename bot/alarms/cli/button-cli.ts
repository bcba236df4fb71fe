/**
 * `npm run button -- <command>`: the button registry for IT, and a stand-in for the hardware.
 *   add <id> --kind <noodknop|paniekknop> --location "<text>" [--token]
 *   list
 *   rotate <id>
 *   press <id> [--test] [--heartbeat] [--url <bot url>]
 * Reads STORAGE_CONNECTION_STRING (and .env); without it, the local Azurite that `npm start` runs.
 */
import '../../config/env-file';
import { randomUUID } from 'node:crypto';
import { Command, Option } from 'commander';
import { loadConfig } from '../../config/load-config';
import { createAlarmTable } from '../alarm-table';
import { createTableProvider, developmentConnectionString } from '../../platform/storage/table-provider';
import { systemClock } from '../../shared/clock';
import { isHalteamError } from '../../shared/errors';
import { addButton, buttonRefreshMs, rotateButtonSecret, rotationGraceMs } from '../button-admin';
import { buttonKinds, type ButtonKind } from '../button-model';
import { signButtonRequest } from '../webhook-auth';

function storeFromEnvironment() {
  const env = { ...process.env };
  env.STORAGE_CONNECTION_STRING ||= developmentConnectionString('127.0.0.1', Number(env.AZURITE_TABLE_PORT ?? 10002));
  const config = loadConfig(env);
  return {
    config,
    store: createAlarmTable(createTableProvider(config.STORAGE_CONNECTION_STRING, config.STORAGE_TABLE_PREFIX)),
  };
}

const out = (line = '') => process.stdout.write(`${line}\n`);
const when = (iso?: string) => (iso ? new Date(iso).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }) : '-');

const program = new Command('button').description('Alarm buttons: register, list, rotate secrets, press (test)');

program
  .command('add')
  .argument('<id>', 'button id, e.g. balie-noord-3')
  .addOption(new Option('--kind <kind>', 'noodknop or paniekknop').choices([...buttonKinds]).makeOptionMandatory())
  .requiredOption('--location <text>', 'where a person can walk to, e.g. "Publieksbalie 3, gebouw Noord"')
  .option('--token', 'token mode: the hardware sends Authorization: Bearer <secret> instead of signing')
  .action(async (id: string, options: { kind: ButtonKind; location: string; token?: boolean }) => {
    const { store } = storeFromEnvironment();
    const { result, button } = await addButton(
      { id, kind: options.kind, location: options.location, authMode: options.token ? 'token' : 'signature' },
      { store, clock: systemClock },
    );
    if (result === 'exists') {
      out(`Button ${id} already exists (${button.location}). Use "rotate ${id}" for a new secret.`);
      process.exitCode = 1;
      return;
    }
    out(`Button ${button.id} registered: ${button.kind}, ${button.location}`);
    out(`Webhook URL:  <PUBLIC_BASE_URL>/api/buttons/${button.id}/events`);
    out(`Secret:       ${button.secret}`);
    out(
      button.authMode === 'token'
        ? 'Mode:         token (Authorization: Bearer <secret>)'
        : 'Mode:         Standard Webhooks signature',
    );
    out('Store the secret in the device now; it is not shown again (rotate issues a new one).');
  });

program.command('list').action(async () => {
  const { store } = storeFromEnvironment();
  const buttons = await store.listButtons();
  if (buttons.length === 0) {
    out('No buttons registered yet.');
    return;
  }
  const rows = buttons.map((button) => [
    button.id,
    button.kind,
    button.authMode === 'token' ? 'token' : 'signature',
    when(button.lastPressAt),
    when(button.lastTestAt),
    when(button.lastHeartbeatAt),
    button.location,
  ]);
  const header = ['id', 'kind', 'mode', 'last press', 'last test', 'last heartbeat', 'location'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  for (const row of [header, ...rows])
    out(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
});

program
  .command('rotate')
  .argument('<id>')
  .option('--now', 'the old secret stops working at once (it leaked, or the device is lost)')
  .action(async (id: string, options: { now?: boolean }) => {
    const { store } = storeFromEnvironment();
    const button = await rotateButtonSecret(id, { store, clock: systemClock }, { revokeOld: options.now === true });
    out(`New secret for ${id}: ${button.secret}`);
    out(
      options.now
        ? `The previous secret is revoked: running bots refuse it within ${buttonRefreshMs / 1000} seconds.`
        : `The previous secret keeps working for ${rotationGraceMs / 3_600_000} hours, until the device has the new one.`,
    );
  });

program
  .command('press')
  .argument('<id>')
  .option('--test', 'a test press: the card says OEFENING, no escalation')
  .option('--heartbeat', 'a heartbeat instead of a press')
  .option('--url <url>', 'the bot, default PUBLIC_BASE_URL or http://localhost:3978')
  .action(async (id: string, options: { test?: boolean; heartbeat?: boolean; url?: string }) => {
    const { config, store } = storeFromEnvironment();
    const button = await store.getButton(id, { fresh: true });
    if (!button) {
      out(`Unknown button ${id}. "npm run button -- list" shows the registered ones.`);
      process.exitCode = 1;
      return;
    }
    const now = new Date();
    const body = JSON.stringify({
      type: options.heartbeat ? 'heartbeat' : options.test ? 'test' : 'press',
      pressedAt: now.toISOString(),
    });
    const webhookId = `msg_${randomUUID()}`;
    const headers: Record<string, string> =
      button.authMode === 'token'
        ? { authorization: `Bearer ${button.secret}`, 'webhook-id': webhookId }
        : signButtonRequest(button.secret, webhookId, now, body);
    const url = `${(options.url ?? config.PUBLIC_BASE_URL).replace(/\/$/, '')}/api/buttons/${encodeURIComponent(id)}/events`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    out(`${response.status} ${await response.text()}`);
    if (response.status !== 202) process.exitCode = 1;
  });

program.parseAsync().catch((error: unknown) => {
  out(isHalteamError(error) || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
