// Parameters for infra/main.bicep. Nothing secret lives here: identifiers and secrets are read from
// environment variables at deployment time (same names as the bot's settings; see infra/README.md).
using './main.bicep'

param namePrefix = 'halteam'
param appServiceSku = 'B1'
param capacity = 2
param storageSku = 'Standard_LRS'
param customHostName = readEnvironmentVariable('HALTEAM_CUSTOM_HOST', '')

param tenantId = readEnvironmentVariable('MICROSOFT_APP_TENANT_ID', '')
param botAppId = readEnvironmentVariable('MICROSOFT_APP_ID')
param botAppPassword = readEnvironmentVariable('MICROSOFT_APP_PASSWORD')

// Empty: Graph calls use the bot's own app registration and secret.
param graphTenantId = readEnvironmentVariable('GRAPH_TENANT_ID', '')
param graphClientId = readEnvironmentVariable('GRAPH_CLIENT_ID', '')
param graphClientSecret = readEnvironmentVariable('GRAPH_CLIENT_SECRET', '')

param botAdmins = readEnvironmentVariable('BOT_ADMINS')
param halteamCoordinators = readEnvironmentVariable('HALTEAM_COORDINATORS', '')
param reportPoTargets = readEnvironmentVariable('REPORT_PO_TARGETS', '')
param reportOovTargets = readEnvironmentVariable('REPORT_OOV_TARGETS', '')
param overviewCoordinators = readEnvironmentVariable('OVERVIEW_COORDINATORS', '')
param overviewPo = readEnvironmentVariable('OVERVIEW_PO', '')
param overviewMo = readEnvironmentVariable('OVERVIEW_MO', '')
param halteamMembers = readEnvironmentVariable('HALTEAM_MEMBERS', '')
param receptionMembers = readEnvironmentVariable('RECEPTION_MEMBERS', '')
param teamsAppCatalogId = readEnvironmentVariable('TEAMS_APP_CATALOG_ID', '')
param alarmDrillPushes = readEnvironmentVariable('ALARM_DRILL_PUSHES', '')
param privacyContact = readEnvironmentVariable('PRIVACY_CONTACT', '')

// Optional tuning, same names as the bot's settings. Empty (or not set): the bot's own default.
param workingHours = readEnvironmentVariable('WORKING_HOURS', '')
param extraClosingDays = readEnvironmentVariable('EXTRA_CLOSING_DAYS', '')
param dagstartDigestTime = readEnvironmentVariable('DAGSTART_DIGEST_TIME', '')
param alarmFirstEscalationSeconds = readEnvironmentVariable('ALARM_FIRST_ESCALATION_SECONDS', '')
param alarmSecondEscalationSeconds = readEnvironmentVariable('ALARM_SECOND_ESCALATION_SECONDS', '')
param alarmRespondersNeeded = readEnvironmentVariable('ALARM_RESPONDERS_NEEDED', '')
param buttonHeartbeatMaxHours = readEnvironmentVariable('BUTTON_HEARTBEAT_MAX_HOURS', '')
param buttonPressesPerMinute = readEnvironmentVariable('BUTTON_PRESSES_PER_MINUTE', '')
param alarmDeliveryLeaseSeconds = readEnvironmentVariable('ALARM_DELIVERY_LEASE_SECONDS', '')
param alarmSweepMs = readEnvironmentVariable('ALARM_SWEEP_MS', '')
param measuresRetentionMonths = readEnvironmentVariable('MEASURES_RETENTION_MONTHS', '')
param homeVisitGraceMinutes = readEnvironmentVariable('HOME_VISIT_GRACE_MINUTES', '')
param schedulerPollMs = readEnvironmentVariable('SCHEDULER_POLL_MS', '')
param schedulerLeaseSeconds = readEnvironmentVariable('SCHEDULER_LEASE_SECONDS', '')
param graphBaseUrl = readEnvironmentVariable('GRAPH_BASE_URL', '')
param teamsServiceUrlHosts = readEnvironmentVariable('TEAMS_SERVICE_URL_HOSTS', '')
param overviewJwksUrl = readEnvironmentVariable('OVERVIEW_JWKS_URL', '')

param storageTablePrefix = 'halteam'
param logLevel = 'info'
