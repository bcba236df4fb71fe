/**
 * What can be checked of the Bicep template without the Bicep CLI: the web app's settings are
 * exactly the settings the bot reads (both ways), every setting the bot requires in production is
 * set, every optional one has a parameter whose default leaves the bot's own default, secrets only
 * ever come from Key Vault, nothing secret is in the repo, and the parameters file matches the
 * template. The lists come from the bot's configuration schema, so a new setting fails this test
 * until the template sets it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { configSchema, productionRequiredSettings, secretSettings } from '../../bot/config/config-schema';
import { loadConfig } from '../../bot/config/load-config';
import { BicepFile, bracketProblem, duplicatesIn, propertyOf } from './bicep-reader';

const INFRA_DIR = path.resolve(__dirname, '..', '..', 'infra');
const template = new BicepFile(fs.readFileSync(path.join(INFRA_DIR, 'main.bicep'), 'utf8'));
const paramsFile = new BicepFile(fs.readFileSync(path.join(INFRA_DIR, 'main.bicepparam'), 'utf8'));
const deployEnvExample = fs.readFileSync(path.join(INFRA_DIR, 'deploy.env.example'), 'utf8');

const appSettings = template.objectVariable('appSettings');
const params = template.params();
const paramNames = new Set(params.map((param) => param.name));
const secureParams = params.filter((param) => param.secure).map((param) => param.name);
const resources = template.resources();
const configNames = new Set(Object.keys(configSchema.shape));
const variableNames = new Set(template.variables());

/**
 * App Service / Application Insights settings the bot itself does not read: the only app settings
 * that are not keys of the bot's configuration schema.
 */
const PLATFORM_SETTINGS = new Set([
  'WEBSITES_PORT',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'ApplicationInsightsAgent_EXTENSION_VERSION',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
]);

/** Settings whose app setting is a parameter passed straight through: `NAME: someParam`. */
const settingParams = [...appSettings]
  .filter(([name, value]) => configNames.has(name) && paramNames.has(value))
  .map(([name, value]) => ({ name, param: params.find((candidate) => candidate.name === value)! }));

/** Optional settings: a parameter defaulting to '' (the bot then uses its own default). */
const optionalSettingParams = settingParams.filter(({ param }) => param.defaultValue === "''");

/** The names `deploy.env.example` lists (`NAME=` lines, commented out or not). */
const deployEnvNames = new Set([...deployEnvExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!));

const KEY_VAULT_REFERENCE = /^'@Microsoft\.KeyVault\(VaultName=\$\{keyVault\.name\};SecretName=([A-Za-z0-9-]+)\)'$/;

function keyVaultSecretNames(): string[] {
  return resources
    .filter((resource) => resource.type === 'Microsoft.KeyVault/vaults/secrets')
    .map((resource) => {
      expect(propertyOf(resource.body, 'parent')).toBe('keyVault');
      return (propertyOf(resource.body, 'name') ?? '').replace(/'/g, '');
    });
}

function listInfraFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listInfraFiles(full) : [full];
  });
}

describe('infra/main.bicep', () => {
  it('is well formed enough to read: balanced brackets, closed strings', () => {
    expect(bracketProblem(template.code)).toBeUndefined();
    expect(bracketProblem(paramsFile.code)).toBeUndefined();
    expect(appSettings.size).toBeGreaterThan(0);
  });

  it('declares every parameter, variable, resource, output and app setting once', () => {
    expect(template.duplicateDeclarations()).toEqual([]);
    expect(paramsFile.duplicateDeclarations()).toEqual([]);
    expect(duplicatesIn(template.objectVariableEntries('appSettings').map(([name]) => name))).toEqual([]);
  });

  it.each([...productionRequiredSettings])('sets %s, which the bot requires in production', (name) => {
    expect(appSettings.has(name)).toBe(true);
    expect(appSettings.get(name)).not.toMatch(/^''$/);
  });

  it('sets every setting the bot reads (every key of bot/config/config-schema.ts)', () => {
    const missing = [...configNames].filter((name) => !appSettings.has(name));
    expect(missing).toEqual([]);
  });

  it('sets only settings the bot reads, besides the platform settings listed in this test', () => {
    const unknown = [...appSettings.keys()].filter((name) => !configNames.has(name) && !PLATFORM_SETTINGS.has(name));
    expect(unknown).toEqual([]);
    // The exception list is not stale: each platform setting is still set.
    expect([...PLATFORM_SETTINGS].filter((name) => !appSettings.has(name))).toEqual([]);
  });

  it('builds every setting from declared parameters, variables and resources only', () => {
    const declared = new Set([...paramNames, ...variableNames, ...resources.map((resource) => resource.symbol)]);
    const undeclared: string[] = [];
    for (const [name, value] of appSettings) {
      // Outside string literals, an identifier that is not a function call or a property is a reference.
      const code = value.replace(/'(?:\\.|[^'\\])*'/g, "''");
      for (const match of code.matchAll(/(?<![.\w])([A-Za-z_]\w*)\b(?!\s*\()/g)) {
        const identifier = match[1]!;
        if (!declared.has(identifier) && !['true', 'false', 'null'].includes(identifier)) {
          undeclared.push(`${name}: ${identifier}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });

  it("gives every optional setting a parameter, empty by default, and empty means the bot's own default", () => {
    // Settings the template derives or fixes itself (production mode, the container's port, the host,
    // the app registration, Key Vault references, the one time zone), not from a parameter of their own.
    const fixedOrDerived = new Set([
      'NODE_ENV',
      'PORT',
      'PUBLIC_BASE_URL',
      'STORAGE_CONNECTION_STRING',
      'MICROSOFT_APP_PASSWORD',
      'MICROSOFT_APP_TENANT_ID',
      'MICROSOFT_APP_TYPE',
      'GRAPH_TENANT_ID',
      'GRAPH_CLIENT_ID',
      'GRAPH_CLIENT_SECRET',
      'TIME_ZONE',
    ]);
    const withoutParam = [...configNames].filter(
      (name) => !fixedOrDerived.has(name) && !settingParams.some((setting) => setting.name === name),
    );
    expect(withoutParam).toEqual([]);

    // A deployment must give these (required parameters); every other setting is optional.
    const requiredByDeployment = new Set<string>([...productionRequiredSettings, 'BOT_ADMINS']);
    const optional = settingParams.filter(({ name }) => !requiredByDeployment.has(name));
    for (const { name, param } of settingParams.filter(({ name }) => requiredByDeployment.has(name))) {
      expect({ name, default: param.defaultValue }).toEqual({ name, default: undefined });
    }

    // One way for all optional settings: a string parameter that defaults to ''. Two keep the bot's
    // default as a visible value instead: LOG_LEVEL (an @allowed list) and the table prefix (also an
    // output, which the button CLI needs); those must equal the schema's default.
    const visibleDefaults = optional
      .filter(({ param }) => param.defaultValue !== "''")
      .map(({ name, param }) => `${name}: ${param.name} = ${param.defaultValue ?? '(none)'}`);
    expect(visibleDefaults).toEqual([
      "LOG_LEVEL: logLevel = 'info'",
      "STORAGE_TABLE_PREFIX: storageTablePrefix = 'halteam'",
    ]);
    for (const { name, param } of optional.filter(({ param }) => param.defaultValue !== "''")) {
      const schemaDefault = configSchema.shape[name as keyof typeof configSchema.shape].parse(undefined) as unknown;
      expect({ name, default: param.defaultValue }).toEqual({ name, default: `'${String(schemaDefault)}'` });
    }
    for (const { param } of optionalSettingParams) {
      expect({ param: param.name, type: param.type }).toEqual({ param: param.name, type: 'string' });
    }

    // The bot ignores an empty setting: a deployment with every optional parameter left empty
    // starts with the same configuration as one without those settings at all.
    const required = { STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' };
    const emptied = Object.fromEntries(optionalSettingParams.map(({ name }) => [name, '']));
    expect(optionalSettingParams.length).toBeGreaterThanOrEqual(20);
    expect(loadConfig({ ...required, ...emptied })).toEqual(loadConfig(required));
  });

  it('runs the bot in production mode with BOT_ADMINS from a required parameter', () => {
    expect(appSettings.get('NODE_ENV')).toBe("'production'");
    const botAdmins = appSettings.get('BOT_ADMINS');
    expect(botAdmins).toMatch(/^\w+$/);
    const param = params.find((candidate) => candidate.name === botAdmins);
    expect(param).toBeDefined();
    expect(param?.defaultValue).toBeUndefined();
    expect(appSettings.get('MICROSOFT_APP_TYPE')).toBe("'SingleTenant'");
  });

  // Every secret the template sets, and every secret the bot requires, comes from Key Vault.
  const secretsToCheck = [...secretSettings].filter(
    (name) => appSettings.has(name) || (productionRequiredSettings as readonly string[]).includes(name),
  );

  it.each(secretsToCheck)('reads the secret %s from Key Vault through a reference', (name) => {
    const value = appSettings.get(name);
    expect(value).toMatch(KEY_VAULT_REFERENCE);
    const secretName = KEY_VAULT_REFERENCE.exec(value ?? '')?.[1];
    expect(keyVaultSecretNames()).toContain(secretName);
  });

  it('inlines no secret in app settings or outputs', () => {
    const secretSources = [...secureParams, 'listKeys', 'AccountKey', 'ConnectionString=', 'secretUriWithVersion'];
    for (const [name, value] of appSettings) {
      if (secretSettings.has(name)) continue;
      for (const source of secretSources)
        expect({ name, value, usesSecret: value.includes(source) }).toEqual({
          name,
          value,
          usesSecret: false,
        });
    }
    for (const output of template.outputs()) {
      expect(secretSettings.has(output.name)).toBe(false);
      for (const source of [...secureParams, 'listKeys', 'Secret', '.properties.value']) {
        expect({ output: output.name, usesSecret: output.value.includes(source) }).toEqual({
          output: output.name,
          usesSecret: false,
        });
      }
    }
  });

  it('uses secure parameters and the storage key only inside Key Vault secrets', () => {
    const secretBlocks = resources.filter((resource) => resource.type === 'Microsoft.KeyVault/vaults/secrets');
    const insideSecret = (offset: number) =>
      secretBlocks.some((resource) => offset > resource.start && offset < resource.end);
    const uses = [...secureParams.map((name) => new RegExp(`\\b${name}\\b`, 'g')), /listKeys\(/g];
    for (const pattern of uses) {
      for (const match of template.code.matchAll(pattern)) {
        const declaration = /^param\s/.test(template.code.slice(template.code.lastIndexOf('\n', match.index) + 1));
        if (declaration) continue;
        expect({ use: match[0], insideKeyVaultSecret: insideSecret(match.index) }).toEqual({
          use: match[0],
          insideKeyVaultSecret: true,
        });
      }
    }
    for (const param of params.filter((candidate) => candidate.secure)) {
      expect([undefined, "''"]).toContain(param.defaultValue);
    }
    expect(secureParams).toEqual(expect.arrayContaining(['botAppPassword', 'graphClientSecret']));
  });

  it('builds the storage connection string from the account key into Key Vault', () => {
    const storageSecret = resources.find(
      (resource) => resource.type === 'Microsoft.KeyVault/vaults/secrets' && resource.body.includes('listKeys()'),
    );
    expect(storageSecret?.body).toMatch(/AccountKey=\$\{storage\.listKeys\(\)\.keys\[0\]\.value\}/);
    const secretName = KEY_VAULT_REFERENCE.exec(appSettings.get('STORAGE_CONNECTION_STRING') ?? '')?.[1];
    expect(propertyOf(storageSecret!.body, 'name')).toBe(`'${secretName}'`);
  });

  it('has the resources the issue asks for', () => {
    const byType = (type: string) => resources.filter((resource) => resource.type === type);
    const [plan] = byType('Microsoft.Web/serverfarms');
    expect(plan?.body).toMatch(/reserved:\s*true/);
    expect(plan?.body).toMatch(/capacity:\s*capacity/);

    const [site] = byType('Microsoft.Web/sites');
    expect(site?.body).toMatch(/linuxFxVersion:\s*'NODE\|24-lts'/);
    expect(site?.body).toMatch(/type:\s*'SystemAssigned'/);
    expect(site?.body).toMatch(/httpsOnly:\s*true/);
    expect(site?.body).toMatch(/healthCheckPath:/);

    const settings = byType('Microsoft.Web/sites/config').find((resource) => resource.body.includes("'appsettings'"));
    expect(propertyOf(settings!.body, 'properties')).toBe('appSettings');

    const [bot] = byType('Microsoft.BotService/botServices');
    expect(bot?.body).toMatch(/msaAppType:\s*'SingleTenant'/);
    expect(bot?.body).toMatch(/msaAppTenantId:/);
    expect(bot?.body).toMatch(/endpoint:\s*'\$\{publicBaseUrl\}\/api\/messages'/);
    expect(byType('Microsoft.BotService/botServices/channels')[0]?.body).toMatch(/channelName:\s*'MsTeamsChannel'/);

    expect(byType('Microsoft.Storage/storageAccounts')).toHaveLength(1);
    expect(byType('Microsoft.Storage/storageAccounts/tableServices')).toHaveLength(1);
    const [vault] = byType('Microsoft.KeyVault/vaults');
    expect(vault?.body).toMatch(/enableRbacAuthorization:\s*true/);
    expect(vault?.body).toMatch(/name:\s*'standard'/);
    expect(byType('Microsoft.Insights/components')).toHaveLength(1);

    // The web app's identity may read the vault's secrets (Key Vault Secrets User).
    const [roleAssignment] = byType('Microsoft.Authorization/roleAssignments');
    expect(roleAssignment?.body).toMatch(/scope:\s*keyVault/);
    expect(roleAssignment?.body).toMatch(/site\.identity\.principalId/);
    expect(template.code).toContain("'4633458b-17de-408a-b874-0445c86b69e6'");
  });

  it('names its outputs after the settings the bot reads, including those npm run package needs', () => {
    const outputs = template.outputs();
    const settingOutputs = outputs.filter((output) => /^[A-Z][A-Z0-9_]*$/.test(output.name));
    for (const output of settingOutputs) expect(configNames.has(output.name)).toBe(true);
    expect(settingOutputs.map((output) => output.name)).toEqual(
      expect.arrayContaining(['PUBLIC_BASE_URL', 'MICROSOFT_APP_ID', 'MICROSOFT_APP_TENANT_ID']),
    );
  });
});

describe('infra/main.bicepparam', () => {
  const assigned = paramsFile.assignments();

  it('belongs to main.bicep and sets only parameters the template declares', () => {
    expect(paramsFile.code).toMatch(/^using '\.\/main\.bicep'$/m);
    const undeclared = [...assigned.keys()].filter((name) => !paramNames.has(name));
    expect(undeclared).toEqual([]);
  });

  it('sets every parameter that has no default', () => {
    const missing = params.filter((param) => param.defaultValue === undefined && !assigned.has(param.name));
    expect(missing.map((param) => param.name)).toEqual([]);
  });

  it('reads every optional setting from the environment variable of the same name, as deploy.env.example lists it', () => {
    const listed = [...deployEnvExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!);
    expect(duplicatesIn(listed)).toEqual([]);
    expect(optionalSettingParams.length).toBeGreaterThan(0);
    for (const { name, param } of optionalSettingParams) {
      expect({ name, assigned: assigned.get(param.name) }).toEqual({
        name,
        assigned: `readEnvironmentVariable('${name}', '')`,
      });
      expect({ name, inDeployEnv: deployEnvNames.has(name) }).toEqual({ name, inDeployEnv: true });
    }
  });

  it('takes secrets from the environment at deployment, never as literals', () => {
    for (const name of secureParams) {
      const value = assigned.get(name);
      if (value === undefined) continue;
      expect(value).toMatch(/^readEnvironmentVariable\('[A-Z0-9_]+'(?:,\s*'')?\)$/);
    }
  });
});

describe('infra/ holds nothing secret', () => {
  const suspicious: [string, RegExp][] = [
    ['storage account key', /AccountKey=(?!\$\{)[A-Za-z0-9+/=]{20,}/],
    ['SAS token', /[?&]sig=[A-Za-z0-9%+/=]{20,}/],
    ['Entra client secret', /[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/],
    ['webhook secret', /whsec_[A-Za-z0-9+/=]{16,}/],
    ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
    ['instrumentation key', /InstrumentationKey=[0-9a-f]{8}-/i],
    ['password literal', /(password|secret)\s*[:=]\s*'[^'$\s]{8,}'/i],
  ];

  it.each(listInfraFiles(INFRA_DIR).map((file) => path.relative(INFRA_DIR, file)))('%s', (file) => {
    const text = fs.readFileSync(path.join(INFRA_DIR, file), 'utf8');
    const found = suspicious.filter(([, pattern]) => pattern.test(text)).map(([what]) => what);
    expect(found).toEqual([]);
  });
});
