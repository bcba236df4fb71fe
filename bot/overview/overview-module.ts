import fs from 'node:fs';
import path from 'node:path';
import type { AlarmStore } from '../alarms/alarm-store';
import type { AppConfig } from '../config/config-schema';
import { overviewRoutes } from './overview-routes';
import { createAftercareTable } from '../aftercare/aftercare-table';
import { createMeasureTable } from '../measures/measure-table';
import { createAuditTable } from './overview-audit-table';
import { listAllReports } from '../reports/report-table';
import type { TableProvider } from '../platform/storage/table-provider';
import type { CapabilityModule } from '../shared/capability';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { RoleSettings } from './overview-access';
import { devAuthenticator, entraAuthenticator, type DevUser } from './overview-auth';
import { incidentCommand } from './incident-command';
import { incidentRows } from './overview-stats';
import type { OutsideOverviewSource } from './overview-outside';

export interface OverviewModuleDeps {
  config: AppConfig;
  tables: TableProvider;
  alarms: AlarmStore;
  clock: Clock;
  logger: Logger;
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
  const roles: RoleSettings = {
    // BOT_ADMINS run the bot for the Halteam coordinator and count as coordinators.
    coordinators: [...config.OVERVIEW_COORDINATORS, ...config.BOT_ADMINS],
    po: config.OVERVIEW_PO,
    mo: config.OVERVIEW_MO,
  };
  const root = projectRoot();
  const reports = () => listAllReports(deps.tables);
  const aftercare = createAftercareTable(deps.tables);
  const measures = createMeasureTable(deps.tables);

  /** Development sign-in: the development users handed in, everyone with a role, and every manager on a report. */
  async function devUsers(): Promise<DevUser[]> {
    const users = new Map<string, DevUser>();
    for (const user of deps.devUsers ?? [])
      users.set(user.aadObjectId, { aadObjectId: user.aadObjectId, name: user.name });
    for (const row of incidentRows(await reports())) {
      if (row.managerAadObjectId && !users.has(row.managerAadObjectId)) {
        users.set(row.managerAadObjectId, { aadObjectId: row.managerAadObjectId, name: row.managerName });
      }
    }
    for (const id of [...roles.coordinators, ...roles.po, ...roles.mo]) {
      if (!users.has(id)) users.set(id, { aadObjectId: id, name: id });
    }
    return [...users.values()];
  }

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
      : devAuthenticator(roles, devUsers);

  // What the tab's routes and the chat's `incident` command both read, and the one audit log they write.
  const sources = {
    reports,
    measures: () => measures.all(),
    aftercarePlans: () => aftercare.all(),
    alarms: deps.alarms,
    audit: createAuditTable(deps.tables),
    clock: deps.clock,
    logger: deps.logger,
  };

  return {
    name: 'overview',
    // `incident AGR-…` in the personal chat (the tab's "Open in de chat"): the detail, same rules and audit.
    commands: [incidentCommand({ roles, ...sources })],
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
