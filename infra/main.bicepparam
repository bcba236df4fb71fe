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
param storageTablePrefix = 'halteam'
param logLevel = 'info'
