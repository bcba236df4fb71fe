import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { activityTypes } from '../../bot/alarms/push-alarm';
import { legalPaths } from '../../bot/legal';
import {
  ICON_REQUIREMENTS,
  SCHEMA_DIR,
  checkIcon,
  schemaPathFor,
  validateManifest,
} from '../../scripts/app-package-checks';
import {
  PACKAGE_FILE_NAME,
  PLACEHOLDER_APP_ID,
  PLACEHOLDER_HOST,
  buildAppPackage,
  loadEnv,
  resolveManifestValues,
} from '../../scripts/package-app';

const APP_ID = '3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';
const HOST = 'halteam.gemeente.example';

interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  version: string;
  icons: { color: string; outline: string };
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
  staticTabs: { entityId: string; contentUrl?: string; scopes: string[] }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  supportsChannelFeatures?: string;
  developer: Record<string, string>;
  name: { short: string };
}

let tempDir: string;

beforeEach(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'halteam-package-'));
});

afterEach(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

async function readZip(zipPath: string): Promise<{ names: string[]; manifest: Manifest; files: JSZip }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(zipPath));
  const names = Object.keys(zip.files).sort();
  const manifestFile = zip.file('manifest.json');
  if (!manifestFile) throw new Error('manifest.json missing from the zip root');
  const manifest = JSON.parse(await manifestFile.async('string')) as Manifest;
  return { names, manifest, files: zip };
}

describe('Teams app package', () => {
  it('builds a package from real settings whose manifest is valid against the vendored official schema', async () => {
    const result = await buildAppPackage({
      env: { MICROSOFT_APP_ID: APP_ID, PUBLIC_BASE_URL: `https://${HOST}` },
      outDir: tempDir,
    });
    expect(result.warnings).toEqual([]);
    expect(result.zipPath).toBe(path.join(tempDir, PACKAGE_FILE_NAME));

    const { names, manifest } = await readZip(result.zipPath);
    expect(names).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(validateManifest(manifest)).toEqual([]);

    // The vendored schema is the one the manifest names, and it pins the same manifest version.
    const schema = JSON.parse(fs.readFileSync(schemaPathFor(manifest.manifestVersion), 'utf8')) as {
      properties: { manifestVersion: { const: string } };
    };
    expect(schema.properties.manifestVersion.const).toBe(manifest.manifestVersion);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.25);
  });

  it('vendors only the schema the manifest uses, byte for byte the file the README names', () => {
    const template = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'manifest', 'manifest.json'), 'utf8'),
    ) as {
      manifestVersion: string;
    };
    const schemaPath = schemaPathFor(template.manifestVersion);
    expect(fs.readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.json'))).toEqual([path.basename(schemaPath)]);
    const readme = fs.readFileSync(path.join(SCHEMA_DIR, 'README.md'), 'utf8');
    const sha256 = createHash('sha256').update(fs.readFileSync(schemaPath)).digest('hex');
    expect(readme).toContain(sha256);
    expect(readme).toContain(`v${template.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('declares the activity types the alarm pushes send, with a template that names the place', async () => {
    const { manifest } = await buildAppPackage({ env: { MICROSOFT_APP_ID: APP_ID }, outDir: tempDir });
    const declared = (
      manifest as unknown as { activities?: { activityTypes: { type: string; templateText: string }[] } }
    ).activities?.activityTypes;
    expect(declared?.map((entry) => entry.type).sort()).toEqual(Object.values(activityTypes).sort());
    for (const entry of declared ?? []) expect(entry.templateText).toContain('{locatie}');
    expect(validateManifest(manifest)).toEqual([]);
  });

  it('can be added to private and shared channels (supportsChannelFeatures, manifest 1.25 and later)', async () => {
    const { manifest } = await buildAppPackage({ env: { MICROSOFT_APP_ID: APP_ID }, outDir: tempDir });
    expect((manifest as unknown as Manifest).supportsChannelFeatures).toBe('tier1');
    expect(validateManifest({ ...manifest, supportsChannelFeatures: 'tier9' }).join('\n')).toMatch(
      /supportsChannelFeatures/,
    );
  });

  it('fills every placeholder: bot id, SSO resource, tab URL and valid domains on the host', async () => {
    const { manifest } = await buildAppPackage({
      env: { MICROSOFT_APP_ID: APP_ID, PUBLIC_BASE_URL: `https://${HOST}/`, APP_VERSION: '2.3.4' },
      outDir: tempDir,
    });
    expect(JSON.stringify(manifest)).not.toContain('${{');
    const typed = manifest as unknown as Manifest;
    expect(typed.id).toBe(APP_ID);
    expect(typed.version).toBe('2.3.4');
    expect(typed.name.short).toBe('Halteam');
    expect(typed.bots[0]!.botId).toBe(APP_ID);
    expect(typed.bots[0]!.scopes).toEqual(expect.arrayContaining(['personal', 'team']));
    expect(typed.webApplicationInfo).toEqual({ id: APP_ID, resource: `api://${HOST}/botid-${APP_ID}` });
    expect(typed.validDomains).toEqual([HOST]);
    const tab = typed.staticTabs.find((candidate) => candidate.contentUrl);
    expect(tab?.contentUrl).toBe(`https://${HOST}/tab/index.html`);
    // The privacy and terms pages the bot serves itself (bot/legal, test/legal).
    expect(typed.developer.websiteUrl).toBe(`https://${HOST}/`);
    expect(typed.developer.privacyUrl).toBe(`https://${HOST}${legalPaths.privacy}`);
    expect(typed.developer.termsOfUseUrl).toBe(`https://${HOST}${legalPaths.terms}`);
    expect([legalPaths.privacy, legalPaths.terms]).toEqual(['/privacy', '/voorwaarden']);
  });

  it('uses TEAMS_APP_ID for the app id when it is set', async () => {
    const teamsAppId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    const { manifest } = await buildAppPackage({
      env: { MICROSOFT_APP_ID: APP_ID, TEAMS_APP_ID: teamsAppId, PUBLIC_BASE_URL: `https://${HOST}` },
      outDir: tempDir,
    });
    expect((manifest as unknown as Manifest).id).toBe(teamsAppId);
    expect((manifest as unknown as Manifest).bots[0]!.botId).toBe(APP_ID);
  });

  it('still builds a valid package without settings, with fake defaults and a warning', async () => {
    const result = await buildAppPackage({ env: {}, outDir: tempDir });
    const { manifest } = await readZip(result.zipPath);
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest.bots[0]!.botId).toBe(PLACEHOLDER_APP_ID);
    expect(manifest.validDomains).toEqual([PLACEHOLDER_HOST]);
    expect(result.warnings.join('\n')).toMatch(/MICROSOFT_APP_ID is not set/);
    expect(result.warnings.join('\n')).toMatch(/PUBLIC_BASE_URL is not set/);
    expect(result.warnings.join('\n')).toMatch(/will not work in Teams/);
  });

  it('warns when the public URL is not https', () => {
    const { values, warnings } = resolveManifestValues({
      MICROSOFT_APP_ID: APP_ID,
      PUBLIC_BASE_URL: 'http://localhost:3978',
    });
    expect(values.HOST).toBe('localhost:3978');
    expect(warnings.join('\n')).toMatch(/not https/);
  });

  it('refuses values Teams would reject', () => {
    expect(() => resolveManifestValues({ MICROSOFT_APP_ID: 'not-a-guid' })).toThrow(/must be a GUID/);
    expect(() => resolveManifestValues({ MICROSOFT_APP_ID: APP_ID, PUBLIC_BASE_URL: 'halteam' })).toThrow(/not a URL/);
    expect(() => resolveManifestValues({ MICROSOFT_APP_ID: APP_ID, APP_VERSION: 'v1' })).toThrow(/APP_VERSION/);
  });

  it('reads .env but lets real environment variables win', () => {
    const envFile = path.join(tempDir, '.env');
    fs.writeFileSync(envFile, `MICROSOFT_APP_ID=${APP_ID}\nPUBLIC_BASE_URL=https://from-dotenv.example\n`);
    const env = loadEnv(envFile, { PUBLIC_BASE_URL: 'https://from-env.example' });
    expect(env.MICROSOFT_APP_ID).toBe(APP_ID);
    expect(env.PUBLIC_BASE_URL).toBe('https://from-env.example');
    expect(loadEnv(path.join(tempDir, 'missing.env'), {})).toEqual({});
  });

  it('lists the Dutch bot commands per scope, at most 10 each', async () => {
    const { manifest } = await buildAppPackage({ env: { MICROSOFT_APP_ID: APP_ID }, outDir: tempDir });
    const lists = (manifest as unknown as Manifest).bots[0]!.commandLists;
    const titles = (scope: string) =>
      lists.find((list) => list.scopes.includes(scope))?.commands.map((command) => command.title) ?? [];
    expect(titles('personal')).toEqual([
      'alarm',
      'help',
      'melden',
      'huisbezoek',
      'terug',
      'vermoeden',
      'nazorg',
      'maatregel',
      'dienst',
      'afwezig',
    ]);
    expect(titles('team')).toEqual([
      'help',
      'koppel halteam',
      'koppel dagstart',
      'wie',
      'knoppen',
      'verboden',
      'check',
      'dienst',
      'afwezig',
    ]);
    for (const list of lists) expect(list.commands.length).toBeLessThanOrEqual(10);
  });

  it('ships icons of the required sizes, the outline white on transparent', async () => {
    const { zipPath } = await buildAppPackage({ env: {}, outDir: tempDir });
    const { manifest, files } = await readZip(zipPath);
    const color = await files.file(manifest.icons.color)!.async('nodebuffer');
    const outline = await files.file(manifest.icons.outline)!.async('nodebuffer');

    const colorPng = PNG.sync.read(color);
    expect([colorPng.width, colorPng.height]).toEqual([192, 192]);
    const outlinePng = PNG.sync.read(outline);
    expect([outlinePng.width, outlinePng.height]).toEqual([32, 32]);

    let visible = 0;
    let transparent = 0;
    for (let offset = 0; offset < outlinePng.data.length; offset += 4) {
      const [red, green, blue, alpha] = outlinePng.data.subarray(offset, offset + 4);
      if (alpha === 0) {
        transparent += 1;
        continue;
      }
      visible += 1;
      expect([red, green, blue]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(0);
    expect(transparent).toBeGreaterThan(0);

    expect(checkIcon('color.png', color, ICON_REQUIREMENTS.color)).toEqual([]);
    expect(checkIcon('outline.png', outline, ICON_REQUIREMENTS.outline)).toEqual([]);
  });

  it('has checks that catch a broken manifest or icon', async () => {
    const { manifest } = await buildAppPackage({ env: {}, outDir: tempDir });
    const broken = structuredClone(manifest) as unknown as Manifest;
    broken.bots[0]!.botId = 'not-a-guid';
    expect(validateManifest(broken).join('\n')).toMatch(/botId/);
    expect(validateManifest({ ...manifest, unknownField: true }).join('\n')).toMatch(/additional properties/);

    const redOutline = new PNG({ width: 32, height: 32 });
    redOutline.data.fill(0);
    redOutline.data.set([255, 0, 0, 255], 0);
    expect(checkIcon('outline.png', PNG.sync.write(redOutline), ICON_REQUIREMENTS.outline)).toEqual([
      'outline.png: 1 visible pixels are not white',
    ]);
    const small = new PNG({ width: 96, height: 96 });
    expect(checkIcon('color.png', PNG.sync.write(small), ICON_REQUIREMENTS.color)).toEqual([
      'color.png: is 96×96, expected 192×192',
    ]);
  });
});
