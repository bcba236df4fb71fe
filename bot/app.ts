import type { AlarmSettings } from './alarms';
import type restify from 'restify';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from './config/config-schema';
import { createAlarmsModule } from './alarms';
import { alarmFactsFrom, offerReportCard, registeredLocations } from './alarms';
import { koppelCommand } from './bindings';
import { createDagstartModule } from './dagstart';
import { createDutyModule } from './duty';
import { createDutyRoster, createTeamRoster } from './duty';
import { createDagstartTable } from './dagstart';
import { createDutyTable, withDutyCache } from './duty';
import { helpCommand, helpMessage } from './help';
import { withinWorkingHours } from './duty';
import { createActivityFeed } from './platform/graph/activity-feed';
import { createAppInstaller } from './platform/graph/app-installation';
import { createServer } from './platform/http/create-server';
import { DurableScheduler } from './platform/scheduler/durable-scheduler';
import { createAlarmTable } from './alarms';
import { createFlowStateTable } from './platform/teams/flow-state-table';
import { createConversationTable } from './platform/storage/conversation-table';
import {
  createAggressorRecords,
  createDraftTable,
  createIncidentCounter,
  createReportTable,
  listAllReports,
  createSubmittedReportReader,
} from './reports';
import { createTableProvider, type TableProvider } from './platform/storage/table-provider';
import { createAdapter, processActivities } from './platform/teams/create-adapter';
import { createFlowRunner, createStateEraser } from './platform/teams/flow-runner';
import { HalteamBot } from './platform/teams/halteam-bot';
import type { RateWindow } from './platform/teams/conversation-pacer';
import { createTeamsMessenger, type TeamsMessengerOptions } from './platform/teams/teams-messenger';
import type { CapabilityModule } from './shared/capability';
import { systemClock, type Clock } from './shared/clock';
import { createMemberDirectory } from './shared/directory';
import type { Command } from './shared/commands';
import type { ConversationStore } from './shared/conversation-store';
import { capabilityLogger, createLogger, type Logger } from './shared/logger';
import type { Messenger } from './shared/messenger';
import { createRoles, type Roles } from './shared/roles';
import { createWorkingCalendar, parseWorkingHours } from './shared/working-days';
import { createOverviewModule } from './overview';
import type { DevUser } from './overview';
import { createReportsModule, type ReportsModule } from './reports';
import { createAftercareModule, type AftercareModule } from './aftercare';
import { createCalendar } from './aftercare';
import { createAftercareTable } from './aftercare';
import { bansInForce, createMeasuresModule, type MeasuresModule } from './measures';
import { createMeasureTable } from './measures';
import { createLegalModule } from './legal';
import { forgetPersonAlarmAddress, raisePersonAlarm } from './alarms';
import { createOutsideModule, createOutsideTable, type OutsideModule } from './outside';

export interface AppOverrides {
  clock?: Clock;
  logger?: Logger;
  instanceId?: string;
  messengerRetry?: TeamsMessengerOptions['retry'];
  /** Per-conversation send limits (Teams' own by default); only benchmarks change them. */
  messengerPacing?: RateWindow[];
  /** Start the scheduler's poll loop (tests drive `scheduler.tick()` themselves when false). */
  runScheduler?: boolean;
  /** Retries for the alarm's writes after its card is posted; tests shorten them. */
  alarmStorageRetry?: AlarmSettings['storageRetry'];
  /** Users the overview's development sign-in offers (the playground's); development only, see bot/dev/dev-main.ts. */
  devUsers?: readonly DevUser[];
}

export interface App {
  config: AppConfig;
  alarms: ReturnType<typeof createAlarmsModule>;
  reports: ReportsModule;
  /** The dagstart: `dagstart.updateMeasure(number, text)` shows a measure on the incident's card. */
  dagstart: ReturnType<typeof createDagstartModule>;
  /** Aftercare: `aftercare.overdue` counts missing nazorgformulieren for the dagstart. */
  aftercare: AftercareModule;
  /** Measures against the aggressor: `measures.forIncident(number)` for the incident's timeline. */
  measures: MeasuresModule;
  /** Work outside the building: `outside.summary(since)` counts home visits (no addresses). */
  outside: OutsideModule;
  server: restify.Server;
  scheduler: DurableScheduler;
  messenger: Messenger;
  conversations: ConversationStore;
  tables: TableProvider;
  logger: Logger;
  clock: Clock;
  /** Listens on config.PORT (0: a free port) and returns the URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Who holds which role, from the settings. Every list holds Entra object ids or e-mail addresses.
 * BOT_ADMINS run the bot for the Halteam coordinator: they count as coordinators everywhere.
 */
export function rolesFrom(config: AppConfig): Roles {
  return createRoles({
    admin: config.BOT_ADMINS,
    'halteam-coordinator': [...config.BOT_ADMINS, ...config.HALTEAM_COORDINATORS],
    'overview-coordinator': [...config.OVERVIEW_COORDINATORS, ...config.BOT_ADMINS],
    po: config.OVERVIEW_PO,
    mo: config.OVERVIEW_MO,
  });
}

/** The composition root: every dependency is built here and handed in, nothing is a global. */
export function createApp(config: AppConfig, overrides: AppOverrides = {}): App {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const clock = overrides.clock ?? systemClock;
  const roles = rolesFrom(config);
  const tables = createTableProvider(config.STORAGE_CONNECTION_STRING, config.STORAGE_TABLE_PREFIX);
  const conversations = createConversationTable(tables);
  const adapter = createAdapter(config, capabilityLogger(logger, 'teams'));
  const botAppId = config.MICROSOFT_APP_ID ?? '';
  // A personal chat with someone who never opened the app: installed for them through Graph.
  const appInstaller = createAppInstaller(config, { logger: capabilityLogger(logger, 'graph') });
  const messenger = createTeamsMessenger({
    installApp: appInstaller ? (aadObjectId) => appInstaller.personalChat(aadObjectId) : undefined,
    adapter,
    conversations,
    botAppId,
    serviceUrls: adapter.serviceUrls,
    logger: capabilityLogger(logger, 'messenger'),
    retry: overrides.messengerRetry,
    pacing: overrides.messengerPacing,
  });
  const scheduler = new DurableScheduler({
    tables,
    clock,
    logger: capabilityLogger(logger, 'scheduler'),
    pollMs: config.SCHEDULER_POLL_MS,
    leaseMs: config.SCHEDULER_LEASE_SECONDS * 1000,
    instanceId: overrides.instanceId,
  });

  const roster = createTeamRoster({ messenger, logger: capabilityLogger(logger, 'duty') });
  // Who of the Halteam is on duty (dienst/afwezig, the coordinator's roster, working hours).
  const dutyLogger = capabilityLogger(logger, 'duty');
  const dutyStore = withDutyCache(createDutyTable(tables), { logger: capabilityLogger(logger, 'duty') });
  const workingHours = parseWorkingHours(config.WORKING_HOURS);
  // The one calendar of working days: weekends, public holidays, 5 May and EXTRA_CLOSING_DAYS.
  const workingDays = createWorkingCalendar(config.EXTRA_CLOSING_DAYS);
  const dutyRoster = createDutyRoster({
    team: roster,
    store: dutyStore,
    clock,
    hours: workingHours,
    workingDays,
    configuredMembers: config.HALTEAM_MEMBERS,
    logger: dutyLogger,
  });
  const duty = createDutyModule({
    roster: dutyRoster,
    store: dutyStore,
    messenger,
    scheduler,
    clock,
    hours: workingHours,
    workingDays,
    logger: dutyLogger,
  });
  const alarmStore = createAlarmTable(tables);
  // Pushes to phones (Teams activity feed) through Graph or its stand-in; none without either.
  const activityFeed = createActivityFeed(config, { logger: capabilityLogger(logger, 'graph') });
  const alarms = createAlarmsModule({
    config,
    storageRetry: overrides.alarmStorageRetry,
    store: alarmStore,
    messenger,
    roster: dutyRoster,
    scheduler,
    clock,
    logger: capabilityLogger(logger, 'alarms'),
    offerReport: offerReportCard(messenger),
    workingTime: (at) => withinWorkingHours(at, workingHours, workingDays),
    feed: activityFeed,
    owner: scheduler.instanceId,
    background: overrides.runScheduler !== false,
  });

  const aftercareStore = createAftercareTable(tables);
  // Aftercare (Bijlage 5): the three talks in the manager's Outlook through Microsoft Graph (or the
  // local Graph stand-in when GRAPH_BASE_URL points at it and no credentials are set).
  const aftercare = createAftercareModule({
    store: aftercareStore,
    calendar: createCalendar(config, { logger: capabilityLogger(logger, 'graph') }),
    messenger,
    scheduler,
    clock,
    logger: capabilityLogger(logger, 'aftercare'),
    workingDays,
    reports: createReportTable(tables),
  });

  const measureStore = createMeasureTable(tables);
  const dagstart = createDagstartModule({
    messenger,
    store: createDagstartTable(tables),
    reports: createSubmittedReportReader(tables),
    alarms: alarmStore,
    roster: dutyRoster,
    bans: bansInForce(measureStore),
    overdueAftercare: aftercare.overdue,
    scheduler,
    clock,
    digestTime: config.DAGSTART_DIGEST_TIME,
    workingDays,
    logger: capabilityLogger(logger, 'dagstart'),
  });

  // The state of conversation flows (the report conversation) lives in Table Storage, so it survives restarts.
  const flowState = createFlowStateTable(tables);
  // The directory: the Halteam team's members. A Microsoft Graph directory (GRAPH_* settings) is a
  // later issue; it replaces this line.
  const directory = createMemberDirectory(() => roster.members());
  const reportsLogger = capabilityLogger(logger, 'reports');
  const reports = createReportsModule({
    config,
    store: createReportTable(tables),
    counter: createIncidentCounter(tables),
    drafts: createDraftTable(tables),
    messenger,
    directory,
    scheduler,
    clock,
    logger: reportsLogger,
    locations: registeredLocations(alarmStore),
    alarmFacts: alarmFactsFrom(alarmStore),
    forgetConversation: createStateEraser(flowState),
    followUps: [dagstart.followUp, aftercare.followUp],
    workingDays,
    workingHours,
  });

  const measures = createMeasuresModule({
    store: measureStore,
    reports: createReportTable(tables),
    messenger,
    conversations,
    scheduler,
    clock,
    logger: capabilityLogger(logger, 'measures'),
    dagstart,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    aggressorRecords: createAggressorRecords(tables),
    retentionMonths: config.MEASURES_RETENTION_MONTHS,
  });

  // Work outside the building (Hoofdstuk 4): home visits, an alarm from Teams, vermoeden agressie.
  const outside = createOutsideModule({
    store: createOutsideTable(tables),
    messenger,
    scheduler,
    clock,
    logger: capabilityLogger(logger, 'outside'),
    directory,
    raiseAlarm: (request) => raisePersonAlarm(request, alarms.deps),
    forgetAlarmAddress: (personId, alarmId, note) => forgetPersonAlarmAddress(personId, alarmId, alarms.deps, note),
    locations: registeredLocations(alarmStore),
    settings: { graceMinutes: config.HOME_VISIT_GRACE_MINUTES, retentionMonths: config.MEASURES_RETENTION_MONTHS },
  });

  const capabilities: CapabilityModule[] = [
    alarms,
    createOverviewModule({
      config,
      tables,
      sources: {
        reports: () => listAllReports(tables),
        measures: () => measureStore.all(),
        aftercarePlans: () => aftercareStore.all(),
        alarms: alarmStore,
      },
      clock,
      logger: capabilityLogger(logger, 'overview'),
      roles,
      devUsers: overrides.devUsers,
      outside,
    }),
    reports,
    duty,
    dagstart,
    aftercare,
    measures,
    outside,
    createLegalModule(config),
    {
      name: 'bindings',
      commands: [
        koppelCommand({
          conversations,
          clock,
          logger: capabilityLogger(logger, 'bindings'),
        }),
      ],
    },
  ];

  const commands: Command[] = [];
  commands.push(
    helpCommand(() => commands),
    ...capabilities.flatMap((capability) => capability.commands ?? []),
  );
  for (const job of capabilities.flatMap((capability) => capability.jobs ?? [])) scheduler.register(job);

  const bot = new HalteamBot({
    commands,
    cardActions: capabilities.flatMap((capability) => capability.cardActions ?? []),
    conversations,
    roles,
    logger: capabilityLogger(logger, 'bot'),
    welcome: (kind) => helpMessage(commands, kind),
    flows: createFlowRunner({ store: flowState, flows: reports.flows, logger: capabilityLogger(logger, 'flows') }),
  });

  const server = createServer({
    processActivity: processActivities(adapter, (context) => bot.run(context)),
    logger: capabilityLogger(logger, 'http'),
    routes: capabilities.flatMap((capability) => capability.routes ?? []),
    isReady: async () => {
      try {
        await tables.ping();
        return { ready: true };
      } catch (error) {
        logger.warn({ err: error }, 'storage not reachable');
        return { ready: false, reason: 'storage unreachable' };
      }
    },
  });

  return {
    config,
    alarms,
    reports,
    dagstart,
    aftercare,
    measures,
    outside,
    server,
    scheduler,
    messenger,
    conversations,
    tables,
    logger,
    clock,
    async start() {
      // Presses are accepted first: nothing slow at start (Teams or storage away, many open alarms)
      // may keep the webhook closed. Without an app id nothing authenticates requests, so the bot
      // then serves this machine only.
      const host = config.MICROSOFT_APP_ID ? '0.0.0.0' : '127.0.0.1';
      await new Promise<void>((resolve) => server.listen(config.PORT, host, resolve));
      if (overrides.runScheduler !== false) scheduler.start();
      // Independent start-up work (re-drives, next digests, …) runs side by side.
      await Promise.all(capabilities.map((capability) => capability.onStart?.()));
      const port = (server.address() as AddressInfo).port;
      return `http://127.0.0.1:${port}`;
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const capability of capabilities) await capability.onStop?.();
      await scheduler.stop();
    },
  };
}
