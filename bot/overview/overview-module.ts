import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/config-schema';
import { overviewRoutes, type OverviewSources } from './overview-routes';
import { createAuditTable } from './overview-audit-table';
import type { TableProvider } from '../platform/storage/table-provider';
import type { CapabilityModule } from '../shared/capability';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Roles } from '../shared/roles';
import { devAuthenticator, entraAuthenticator, type DevUser } from './overview-auth';
import { incidentCommand } from './incident-command';
import { incidentRows } from './overview-stats';
import type { OutsideOverviewSource } from './overview-outside';

export interface OverviewModuleDeps {
  config: AppConfig;
  /** For the overview's own table, the audit log of every read of incident data. */
  tables: TableProvider;
  /** What the overview reads of the other capabilities, wired by the composition root. */
  sources: OverviewSources;
  clock: Clock;
  logger: Logger;
  /** Who is coordinator, P&O or MO (OVERVIEW_* settings; BOT_ADMINS count as coordinators). */
  roles: Roles;
  /**
   * People the development sign-in offers besides the role holders and the managers on reports: the
   * playground's mock users, handed in by whoever composes the app for development (bot/dev/dev-main.ts
   * through createApp, or a test). Production passes none: this module never reads the playground file
   * itself, because that needs bot/dev/ and its dev dependency `yaml`, which a pruned build lacks.
   */
  devUsers?: readonly DevUser[];
  /** Home visits and suspicions (bot/outside). */
  outside?: OutsideOverviewSource;
}

/** Entra is configured when the bot has an app id and a tenant: then only SSO tokens sign in. */
export function entraConfigured(config: AppConfig): boolean {
  return Boolean(config.MICROSOFT_APP_ID && config.MICROSOFT_APP_TENANT_ID);
}

/** The project root (holds package.json), from the sources (ts-jest) or the build (dist/). */
function projectRoot(): string {
  const candidates = [path.resolve(__dirname, '..', '..'), path.resolve(__dirname, '..', '..', '..')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'package.json'))) ?? process.cwd();
}

/** The Overzicht tab: registration, alarm response times and buttons for manager, coordinator, P&O and MO. */
export function createOverviewModule(deps: OverviewModuleDeps): CapabilityModule {
  const { config } = deps;
  const { roles } = deps;
  const root = projectRoot();
  const { reports } = deps.sources;

  /** Development sign-in: the development users handed in, everyone with a role, and every manager on a report. */
  async function signInUsers(): Promise<DevUser[]> {
    const users = new Map<string, DevUser>();
    for (const user of deps.devUsers ?? []) users.set(user.aadObjectId, { ...user });
    for (const row of incidentRows(await reports())) {
      if (row.managerAadObjectId && !users.has(row.managerAadObjectId)) {
        users.set(row.managerAadObjectId, { aadObjectId: row.managerAadObjectId, name: row.managerName });
      }
    }
    const listed = [...roles.listed('overview-coordinator'), ...roles.listed('po'), ...roles.listed('mo')];
    for (const entry of listed) {
      const known = [...users.values()].some(
        (user) => user.aadObjectId.toLowerCase() === entry || user.email?.toLowerCase() === entry,
      );
      if (!known) users.set(entry, { aadObjectId: entry, name: entry });
    }
    return [...users.values()];
  }
  /** What the tab's sign-in list shows: no e-mail addresses. */
  const devUsers = async () => (await signInUsers()).map(({ aadObjectId, name }) => ({ aadObjectId, name }));

  const entra = entraConfigured(config);
  const authenticate =
    entra || config.NODE_ENV === 'production'
      ? entraAuthenticator(
          {
            tenantId: config.MICROSOFT_APP_TENANT_ID ?? '',
            appId: config.MICROSOFT_APP_ID ?? '',
            host: new URL(config.PUBLIC_BASE_URL).host,
            jwksUrl: config.OVERVIEW_JWKS_URL,
          },
          roles,
        )
      : devAuthenticator(roles, signInUsers);

  // What the tab's routes and the chat's `incident` command both read, and the one audit log they write.
  const sources = {
    ...deps.sources,
    audit: createAuditTable(deps.tables),
    clock: deps.clock,
    logger: deps.logger,
  };

  return {
    name: 'overview',
    // `incident AGR-…` in the personal chat (the tab's "Open in de chat"): the detail, same rules and audit.
    commands: [incidentCommand(sources)],
    routes: [
      overviewRoutes({
        authenticate,
        signIn: entra || config.NODE_ENV === 'production' ? 'entra' : 'development',
        devUsers,
        ...sources,
        tabDirectory: path.join(root, 'tab', 'dist'),
        botAppId: config.MICROSOFT_APP_ID,
        outside: deps.outside,
      }),
    ],
  };
}
