/**
 * What can be checked of the Bicep template without the Bicep CLI: every setting the bot requires
 * in production is set, secrets only ever come from Key Vault, nothing secret is in the repo, and
 * the parameters file matches the template. The lists come from the bot's configuration schema,
 * so a new required setting fails this test until the template sets it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { configSchema, productionRequiredSettings, secretSettings } from '../../bot/config/config-schema';
import { BicepFile, bracketProblem, propertyOf } from './bicep-reader';

const INFRA_DIR = path.resolve(__dirname, '..', '..', 'infra');
const template = new BicepFile(fs.readFileSync(path.join(INFRA_DIR, 'main.bicep'), 'utf8'));
const paramsFile = new BicepFile(fs.readFileSync(path.join(INFRA_DIR, 'main.bicepparam'), 'utf8'));

const appSettings = template.objectVariable('appSettings');
const params = template.params();
const paramNames = new Set(params.map((param) => param.name));
const secureParams = params.filter((param) => param.secure).map((param) => param.name);
const resources = template.resources();
const configNames = new Set(Object.keys(configSchema.shape));

/** App Service / Application Insights settings the bot itself does not read. */
const PLATFORM_SETTINGS = new Set([
  'WEBSITES_PORT',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'ApplicationInsightsAgent_EXTENSION_VERSION',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
]);

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

  it.each([...productionRequiredSettings])('sets %s, which the bot requires in production', (name) => {
    expect(appSettings.has(name)).toBe(true);
    expect(appSettings.get(name)).not.toMatch(/^''$/);
  });

  it('sets only settings the bot reads, besides known platform settings', () => {
    const unknown = [...appSettings.keys()].filter((name) => !configNames.has(name) && !PLATFORM_SETTINGS.has(name));
    expect(unknown).toEqual([]);
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
    expect(site?.body).toMatch(/linuxFxVersion:\s*'NODE\|20-lts'/);
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
