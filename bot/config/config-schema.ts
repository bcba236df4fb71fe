import { z } from 'zod';
import { closingDayProblem } from '../shared/working-days';

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim().length > 0 ? value.trim() : undefined));

const seconds = (fallback: number) => z.coerce.number().int().positive().max(3600).default(fallback);

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24 hour clock)')
  .default('08:30');

/**
 * Every setting the bot reads, by its environment variable name. The infra test checks that the
 * Bicep template sets each one listed in `productionRequiredSettings`.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PUBLIC_BASE_URL: z.url().default('http://localhost:3978'),

    STORAGE_CONNECTION_STRING: z.string().min(1, 'required: the Table Storage connection string'),
    STORAGE_TABLE_PREFIX: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,29}$/, 'letters and digits only, starting with a letter')
      .default('halteam'),

    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
    /**
     * Extra hosts the bot's token may be sent to as a Bot Connector service URL, besides Teams' public and
     * US government hosts (sovereign clouds): host names or `*.`-suffixes, comma-separated, https only.
     */
    TEAMS_SERVICE_URL_HOSTS: csv.refine(
      (hosts) =>
        hosts.every((host) => /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i.test(host)),
      'expected host names with at least one dot, such as smba.example.cn or *.botframework.azure.cn, comma-separated',
    ),

    GRAPH_TENANT_ID: optionalText,
    GRAPH_CLIENT_ID: optionalText,
    GRAPH_CLIENT_SECRET: optionalText,
    GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com/v1.0'),
    /**
     * The app's id in the organisation's Teams app catalog: with it, a person who never opened the app
     * (a manager, reception) gets it installed through Graph so the bot can message them.
     */
    TEAMS_APP_CATALOG_ID: optionalText,

    BOT_ADMINS: csv,
    TIME_ZONE: z.literal('Europe/Amsterdam').default('Europe/Amsterdam'),

    ALARM_FIRST_ESCALATION_SECONDS: seconds(60),
    ALARM_SECOND_ESCALATION_SECONDS: seconds(120),
    ALARM_RESPONDERS_NEEDED: z.coerce.number().int().min(1).max(6).default(2),
    BUTTON_HEARTBEAT_MAX_HOURS: z.coerce.number().int().positive().default(26),
    BUTTON_PRESSES_PER_MINUTE: z.coerce.number().int().positive().default(30),
    /** How long the instance that stored an alarm owns its card and escalation work before another may take it over. */
    ALARM_DELIVERY_LEASE_SECONDS: seconds(10),
    /** How often every instance looks for alarms whose card or escalation another instance left undone. */
    ALARM_SWEEP_MS: z.coerce.number().int().min(100).max(60_000).default(2000),

    /** Reception's people (Entra object ids): @mentioned and pushed at an alarm's second escalation. */
    RECEPTION_MEMBERS: csv,
    /** Whether a test press (OEFENING) pushes the members on duty during working hours (never outside them). */
    ALARM_DRILL_PUSHES: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),

    REPORT_PO_TARGETS: csv,
    REPORT_OOV_TARGETS: csv,
    /** Months the aggressor's personal data are kept after the incident's last measure ends (purge). */
    MEASURES_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(24),

    /** Minutes after a home visit's end time, past "Alles goed?", before the Halteam is alarmed. */
    HOME_VISIT_GRACE_MINUTES: z.coerce.number().int().min(0).max(120).default(10),

    DAGSTART_DIGEST_TIME: clockTime,
    WORKING_HOURS: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM-HH:MM, e.g. 08:00-17:00')
      .refine((value) => value.length !== 11 || value.slice(0, 5) < value.slice(6), 'the end must be after the start')
      .default('08:00-17:00'),
    /** The municipality's own closing days, besides weekends, public holidays and 5 May: YYYY-MM-DD or yearly MM-DD. */
    EXTRA_CLOSING_DAYS: csv.superRefine((days, ctx) => {
      const problems = days.map(closingDayProblem).filter((problem) => problem !== undefined);
      if (problems.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `expected dates YYYY-MM-DD or yearly days MM-DD, separated by commas (e.g. 2026-12-24,12-31): ${problems.join('; ')}`,
        });
      }
    }),
    HALTEAM_MEMBERS: csv,
    HALTEAM_COORDINATORS: csv,
    SCHEDULER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    SCHEDULER_LEASE_SECONDS: seconds(15),

    OVERVIEW_COORDINATORS: csv,
    OVERVIEW_PO: csv,
    OVERVIEW_MO: csv,
    OVERVIEW_JWKS_URL: z.url().optional(),

    /** Whom staff ask about their data (the privacy officer): an e-mail address or a web page, shown on /privacy. */
    PRIVACY_CONTACT: z
      .string()
      .trim()
      .refine(
        (value) => z.email().safeParse(value).success || z.url({ protocol: /^https?$/ }).safeParse(value).success,
        'expected an e-mail address or an http(s) URL',
      )
      .optional(),
  })
  .superRefine((config, ctx) => {
    const bot = [config.MICROSOFT_APP_ID, config.MICROSOFT_APP_PASSWORD, config.MICROSOFT_APP_TENANT_ID];
    const botSet = bot.filter(Boolean).length;
    if (config.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && botSet > 0 && botSet < 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_ID'],
        message: 'set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID together, or none of them',
      });
    }
    const graph = [config.GRAPH_TENANT_ID, config.GRAPH_CLIENT_ID, config.GRAPH_CLIENT_SECRET];
    const graphSet = graph.filter(Boolean).length;
    if (graphSet > 0 && graphSet < 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['GRAPH_CLIENT_ID'],
        message: 'set GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET together, or none of them',
      });
    }
    if (config.NODE_ENV === 'production') {
      for (const name of productionRequiredSettings) {
        if (!config[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required in production' });
      }
      if (config.BOT_ADMINS.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['BOT_ADMINS'], message: 'required in production' });
      }
    }
  });

export type AppConfig = z.output<typeof configSchema>;
export type ConfigInput = Partial<Record<keyof z.input<typeof configSchema>, string>>;

/** Settings a production deployment must provide (the dev launcher and tests fill or omit the rest). */
export const productionRequiredSettings = [
  'STORAGE_CONNECTION_STRING',
  'PUBLIC_BASE_URL',
  'MICROSOFT_APP_ID',
  'MICROSOFT_APP_PASSWORD',
  'MICROSOFT_APP_TENANT_ID',
  'GRAPH_TENANT_ID',
  'GRAPH_CLIENT_ID',
  'GRAPH_CLIENT_SECRET',
] as const satisfies readonly (keyof AppConfig)[];

/** Settings whose values never appear in logs. */
export const secretSettings = new Set<string>([
  'STORAGE_CONNECTION_STRING',
  'MICROSOFT_APP_PASSWORD',
  'GRAPH_CLIENT_SECRET',
]);
