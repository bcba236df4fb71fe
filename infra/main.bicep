// Halteam: everything the bot needs in one resource group.
//
//   App Service plan (Linux) + web app (Node 24 LTS, system-assigned managed identity)
//   Azure Bot (single tenant) with the Microsoft Teams channel
//   Storage account (Table Storage holds all data; the one source of truth for every instance)
//   Key Vault (bot secret, Graph secret, storage connection string), read through Key Vault references
//   Log Analytics workspace + Application Insights
//
// Deploy: see infra/README.md. Secrets arrive as @secure() parameters (from environment variables
// via main.bicepparam) and go straight into Key Vault; app settings only hold references.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('Azure region for the regional resources.')
param location string = resourceGroup().location

@description('Short name used in every resource name: lowercase letters and digits, starting with a letter.')
@minLength(3)
@maxLength(11)
param namePrefix string = 'halteam'

@description('App Service plan size. B1 is enough for one municipality; P0v3 adds more memory and zone options.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
  'P1mv3'
])
param appServiceSku string = 'B1'

@description('Number of web app instances. Two or more keep the bot up during restarts and platform updates.')
@minValue(1)
@maxValue(10)
param capacity int = 2

@description('Custom host name (e.g. halteam.gemeente.nl) once bound to the web app; empty uses <app>.azurewebsites.net.')
param customHostName string = ''

@description('Entra tenant of the bot\'s single-tenant app registration; empty uses the subscription\'s tenant.')
param tenantId string = ''

@description('Application (client) id of the bot\'s single-tenant Entra app registration.')
@minLength(36)
@maxLength(36)
param botAppId string

@description('Client secret of the bot\'s app registration. Stored in Key Vault only.')
@secure()
param botAppPassword string

@description('Tenant for Microsoft Graph calls; empty uses tenantId.')
param graphTenantId string = ''

@description('Client id of the app registration that calls Microsoft Graph; empty uses the bot\'s app registration.')
param graphClientId string = ''

@description('Client secret for Microsoft Graph; empty uses the bot\'s secret (same app registration). Stored in Key Vault only.')
@secure()
param graphClientSecret string = ''

@description('BOT_ADMINS: comma-separated users allowed to run admin commands such as "koppel halteam".')
@minLength(1)
param botAdmins string

@description('Prefix of the bot\'s table names (letters and digits).')
param storageTablePrefix string = 'halteam'

// Optional settings of the bot (bot/config/config-schema.ts), one parameter each, named after the
// setting (HALTEAM_MEMBERS: halteamMembers). All of them are strings that default to '': the app
// setting is then set but empty, and the bot treats an empty setting as not set and uses its own
// default (bot/config/load-config.ts; the defaults and what each setting does are in .env.example).
// So the template never repeats a default of the bot. The bot checks every value at start and stops
// with a message naming each bad setting.

@description('People the protocol names (Entra object ids, comma-separated; empty: see .env.example for what happens then).')
param halteamCoordinators string = ''
param reportPoTargets string = ''
param reportOovTargets string = ''
param overviewCoordinators string = ''
param overviewPo string = ''
param overviewMo string = ''

@description('HALTEAM_MEMBERS: the Halteam members (Entra object ids or Teams user ids, comma-separated); empty: every member of the Halteam channel\'s team.')
param halteamMembers string = ''

@description('TEAMS_APP_CATALOG_ID: the app\'s id in the organisation\'s Teams app catalog, to install it for managers and reception who never opened it; empty: they are reached only once they have.')
param teamsAppCatalogId string = ''

@description('RECEPTION_MEMBERS: reception\'s people (Entra object ids, comma-separated), mentioned and pushed at an alarm\'s second escalation; empty: nobody by name.')
param receptionMembers string = ''

@description('ALARM_DRILL_PUSHES: whether a test press (OEFENING) pushes the members on duty during working hours (true/false); empty: true.')
param alarmDrillPushes string = ''

@description('PRIVACY_CONTACT: whom staff ask about their data (the privacy officer\'s e-mail address or web page), shown on /privacy; empty: a general text.')
param privacyContact string = ''

@description('WORKING_HOURS: working hours of the Halteam (HH:MM-HH:MM, Europe/Amsterdam); empty: 08:00-17:00.')
param workingHours string = ''

@description('EXTRA_CLOSING_DAYS: the municipality\'s own closing days besides weekends, public holidays and 5 May (YYYY-MM-DD or yearly MM-DD, comma-separated); empty: none.')
param extraClosingDays string = ''

@description('DAGSTART_DIGEST_TIME: time of the daily dagstart digest (HH:MM, Europe/Amsterdam); empty: 08:30.')
param dagstartDigestTime string = ''

@description('ALARM_FIRST_ESCALATION_SECONDS: seconds before every Halteam member is called when too few come; empty: 60.')
param alarmFirstEscalationSeconds string = ''

@description('ALARM_SECOND_ESCALATION_SECONDS: seconds after that before reception is alerted and 112 is advised; empty: 120.')
param alarmSecondEscalationSeconds string = ''

@description('ALARM_RESPONDERS_NEEDED: responders the protocol wants on their way (1-6); empty: 2.')
param alarmRespondersNeeded string = ''

@description('BUTTON_HEARTBEAT_MAX_HOURS: a button whose heartbeat is older is listed by "knoppen"; empty: 26.')
param buttonHeartbeatMaxHours string = ''

@description('BUTTON_PRESSES_PER_MINUTE: presses one button may send per minute before the webhook answers 429; empty: 30.')
param buttonPressesPerMinute string = ''

@description('ALARM_DELIVERY_LEASE_SECONDS: how long the instance that stored an alarm owns its card and escalations; empty: 10.')
param alarmDeliveryLeaseSeconds string = ''

@description('ALARM_SWEEP_MS: how often every instance looks for alarm work another left undone (ms); empty: 2000.')
param alarmSweepMs string = ''

@description('MEASURES_RETENTION_MONTHS: months the aggressor\'s personal data are kept after the last measure ends (1-120); empty: 24.')
param measuresRetentionMonths string = ''

@description('HOME_VISIT_GRACE_MINUTES: minutes after a home visit\'s end time before the Halteam is alarmed (0-120); empty: 10.')
param homeVisitGraceMinutes string = ''

@description('SCHEDULER_POLL_MS: how often the scheduler looks for due jobs (ms); empty: 1000.')
param schedulerPollMs string = ''

@description('SCHEDULER_LEASE_SECONDS: how long a claimed job is leased; empty: 15.')
param schedulerLeaseSeconds string = ''

@description('GRAPH_BASE_URL: Microsoft Graph endpoint (sovereign clouds); empty: https://graph.microsoft.com/v1.0.')
param graphBaseUrl string = ''

@description('TEAMS_SERVICE_URL_HOSTS: extra Bot Connector hosts the bot\'s token may go to (sovereign clouds; host names or *.-suffixes, comma-separated); empty: Teams\' public and US government hosts only.')
param teamsServiceUrlHosts string = ''

@description('OVERVIEW_JWKS_URL: where the tenant\'s token signing keys are published; empty: Microsoft\'s endpoint for the tenant.')
param overviewJwksUrl string = ''

@description('Storage redundancy. Standard_LRS is enough; Standard_ZRS survives a zone outage.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param storageSku string = 'Standard_LRS'

@description('Bot log level (LOG_LEVEL).')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
param logLevel string = 'info'

@description('Azure Bot pricing tier. Teams is a standard channel: free on both tiers.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

@description('Where the Azure Bot resource keeps its data: global, or westeurope for EU data residency (needs the bot SDK on the EU endpoints).')
@allowed([
  'global'
  'westeurope'
])
param botLocation string = 'global'

@description('Path App Service probes on every instance; an instance that fails it gets no traffic and is replaced after an hour. /readyz also checks the bot can reach Table Storage; /healthz only that the process answers.')
param healthCheckPath string = '/readyz'

@description('Daily ingestion cap for logs in GB (-1: no cap). Protects the monthly bill.')
param logDailyCapGb int = 1

@description('Key Vault purge protection. Cannot be switched off once on; keep it on in production.')
param enableKeyVaultPurgeProtection bool = true

param tags object = {
  app: 'halteam'
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id)
var compactPrefix = toLower(replace(namePrefix, '-', ''))
var planName = '${namePrefix}-plan-${suffix}'
var webAppName = '${namePrefix}-${suffix}'
var botName = '${namePrefix}-bot-${suffix}'
var storageAccountName = take('${compactPrefix}${suffix}', 24)
var keyVaultName = take('${namePrefix}-kv-${suffix}', 24)
var logWorkspaceName = '${namePrefix}-logs-${suffix}'
var appInsightsName = '${namePrefix}-insights-${suffix}'

var effectiveTenantId = empty(tenantId) ? subscription().tenantId : tenantId
var effectiveGraphTenantId = empty(graphTenantId) ? effectiveTenantId : graphTenantId
var effectiveGraphClientId = empty(graphClientId) ? botAppId : graphClientId

// Key Vault Secrets User: read secret values (what Key Vault references need).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// ---------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------

resource logWorkspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logWorkspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
    workspaceCapping: {
      dailyQuotaGb: logDailyCapGb
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logWorkspace.id
    IngestionMode: 'LogAnalytics'
  }
}

// ---------------------------------------------------------------------------------------------
// Storage: Table Storage holds all of the bot's data
// ---------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The bot connects with a connection string (kept in Key Vault), which needs the account key.
    allowSharedKeyAccess: true
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {}
}

// ---------------------------------------------------------------------------------------------
// Key Vault: the only place secrets live
// ---------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enableKeyVaultPurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource storageConnectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'StorageConnectionString'
  properties: {
    contentType: 'Table Storage connection string, built from the account key at deployment'
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'MicrosoftAppPassword'
  properties: {
    contentType: 'Client secret of the bot app registration'
    value: botAppPassword
  }
}

resource graphSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'GraphClientSecret'
  properties: {
    contentType: 'Client secret for Microsoft Graph'
    value: empty(graphClientSecret) ? botAppPassword : graphClientSecret
  }
}

// ---------------------------------------------------------------------------------------------
// App Service
// ---------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: capacity
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Every instance serves every request: no sticky sessions, state lives in Table Storage.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'node dist/bot/main.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: healthCheckPath
      webSocketsEnabled: false
    }
  }
}

// Deploy with Entra credentials (az webapp deploy), never with basic publishing credentials.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource webAppReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, site.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
  }
}

// The bot logs JSON lines to stdout; send them (and HTTP logs) to the Log Analytics workspace.
resource siteDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logWorkspace.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

var publicBaseUrl = empty(customHostName) ? 'https://${site.properties.defaultHostName}' : 'https://${customHostName}'

// Exactly the settings the bot reads (bot/config/config-schema.ts), plus the platform settings at the
// end; test/ship/infra.test.ts checks the two lists match both ways. Secrets are Key Vault
// references, resolved by App Service with the web app's managed identity.
var appSettings = {
  NODE_ENV: 'production'
  // App Service routes traffic to this port inside the Node container.
  PORT: '8080'
  WEBSITES_PORT: '8080'
  PUBLIC_BASE_URL: publicBaseUrl
  LOG_LEVEL: logLevel
  STORAGE_CONNECTION_STRING: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=StorageConnectionString)'
  STORAGE_TABLE_PREFIX: storageTablePrefix
  MICROSOFT_APP_ID: botAppId
  MICROSOFT_APP_PASSWORD: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=MicrosoftAppPassword)'
  MICROSOFT_APP_TENANT_ID: effectiveTenantId
  MICROSOFT_APP_TYPE: 'SingleTenant'
  TEAMS_SERVICE_URL_HOSTS: teamsServiceUrlHosts
  GRAPH_TENANT_ID: effectiveGraphTenantId
  GRAPH_CLIENT_ID: effectiveGraphClientId
  GRAPH_CLIENT_SECRET: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=GraphClientSecret)'
  GRAPH_BASE_URL: graphBaseUrl
  BOT_ADMINS: botAdmins
  TIME_ZONE: 'Europe/Amsterdam'
  // Optional settings: '' (the parameters' default) leaves the bot's own default.
  HALTEAM_MEMBERS: halteamMembers
  RECEPTION_MEMBERS: receptionMembers
  TEAMS_APP_CATALOG_ID: teamsAppCatalogId
  ALARM_DRILL_PUSHES: alarmDrillPushes
  HALTEAM_COORDINATORS: halteamCoordinators
  REPORT_PO_TARGETS: reportPoTargets
  REPORT_OOV_TARGETS: reportOovTargets
  OVERVIEW_COORDINATORS: overviewCoordinators
  OVERVIEW_PO: overviewPo
  OVERVIEW_MO: overviewMo
  OVERVIEW_JWKS_URL: overviewJwksUrl
  PRIVACY_CONTACT: privacyContact
  WORKING_HOURS: workingHours
  EXTRA_CLOSING_DAYS: extraClosingDays
  DAGSTART_DIGEST_TIME: dagstartDigestTime
  ALARM_FIRST_ESCALATION_SECONDS: alarmFirstEscalationSeconds
  ALARM_SECOND_ESCALATION_SECONDS: alarmSecondEscalationSeconds
  ALARM_RESPONDERS_NEEDED: alarmRespondersNeeded
  BUTTON_HEARTBEAT_MAX_HOURS: buttonHeartbeatMaxHours
  BUTTON_PRESSES_PER_MINUTE: buttonPressesPerMinute
  ALARM_DELIVERY_LEASE_SECONDS: alarmDeliveryLeaseSeconds
  ALARM_SWEEP_MS: alarmSweepMs
  MEASURES_RETENTION_MONTHS: measuresRetentionMonths
  HOME_VISIT_GRACE_MINUTES: homeVisitGraceMinutes
  SCHEDULER_POLL_MS: schedulerPollMs
  SCHEDULER_LEASE_SECONDS: schedulerLeaseSeconds
  // Platform settings, not read by the bot:
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

// Set after the secrets and the role assignment exist, so the references resolve at first start.
resource siteSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
  dependsOn: [
    storageConnectionStringSecret
    botPasswordSecret
    graphSecret
    webAppReadsSecrets
    tableService
  ]
}

// ---------------------------------------------------------------------------------------------
// Azure Bot with the Teams channel
// ---------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: botLocation
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'Halteam'
    description: 'Alarm, melding en nazorg bij agressie'
    endpoint: '${publicBaseUrl}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: effectiveTenantId
    publicNetworkAccess: 'Enabled'
    disableLocalAuth: false
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botLocation
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs: named after the bot's settings, so they can go straight into .env for `npm run package`
// (no secrets among them).
// ---------------------------------------------------------------------------------------------

output PUBLIC_BASE_URL string = publicBaseUrl
output MICROSOFT_APP_ID string = botAppId
output MICROSOFT_APP_TENANT_ID string = effectiveTenantId
output MICROSOFT_APP_TYPE string = 'SingleTenant'
output GRAPH_TENANT_ID string = effectiveGraphTenantId
output GRAPH_CLIENT_ID string = effectiveGraphClientId
output STORAGE_TABLE_PREFIX string = storageTablePrefix
output webAppName string = site.name
output keyVaultName string = keyVault.name
output storageAccountName string = storage.name
output botName string = bot.name
output appInsightsName string = appInsights.name
