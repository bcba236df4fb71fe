/**
 * Builds the Teams app package: fills the placeholders in `manifest/manifest.json`, validates the
 * result against the vendored official schema, checks the icons and writes
 * `manifest/build/appPackage.zip` (manifest.json, color.png and outline.png at the zip root).
 *
 *   npm run package
 *
 * Placeholders are written `${{NAME}}` in the manifest template:
 * - `${{MICROSOFT_APP_ID}}`: the bot's Entra app (client) id, from MICROSOFT_APP_ID.
 * - `${{TEAMS_APP_ID}}`: the Teams app id, from TEAMS_APP_ID; defaults to MICROSOFT_APP_ID.
 * - `${{HOST}}`: the host part of PUBLIC_BASE_URL (the web app that serves the bot and the tab).
 * - `${{APP_VERSION}}`: APP_VERSION, or the version in package.json. Raise it for every upload.
 *
 * Values come from the environment, then from `.env` in the project root (real environment
 * variables win). Missing values get clearly fake defaults so a fresh clone still builds a valid
 * package; a warning says so, and such a package must not be uploaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import JSZip from 'jszip';
import { ICON_REQUIREMENTS, MANIFEST_DIR, checkIcon, validateManifest } from './app-package-checks';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const DEFAULT_OUT_DIR = path.join(MANIFEST_DIR, 'build');
export const PACKAGE_FILE_NAME = 'appPackage.zip';

/** Fake but schema-valid defaults used when the environment has no value. */
export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';
export const PLACEHOLDER_HOST = 'halteam.example.nl';

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^\d+\.\d+\.\d+$/;
const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;
/** Fixed timestamp for the zip entries so the same input gives the same bytes. */
const ZIP_DATE = new Date(Date.UTC(2024, 0, 1));

export type Env = Record<string, string | undefined>;

export interface ManifestValues {
  MICROSOFT_APP_ID: string;
  TEAMS_APP_ID: string;
  HOST: string;
  APP_VERSION: string;
}

export interface PackageOptions {
  /** The variables to read; defaults to the process environment merged over `.env`. */
  env?: Env;
  /** Folder to write `appPackage.zip` (and a copy of the filled manifest.json) into. */
  outDir?: string;
  /** Folder holding `manifest.json` and `icons/`. */
  manifestDir?: string;
}

export interface PackageResult {
  zipPath: string;
  manifest: Record<string, unknown>;
  values: ManifestValues;
  warnings: string[];
}

/** The process environment over the project's `.env` (real environment variables win). */
export function loadEnv(envFile = path.join(PROJECT_ROOT, '.env'), processEnv: Env = process.env): Env {
  const fromFile = fs.existsSync(envFile) ? dotenv.parse(fs.readFileSync(envFile)) : {};
  return { ...fromFile, ...processEnv };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function readPackageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '1.0.0';
}

/** Works out the placeholder values from the environment; throws on values Teams would reject. */
export function resolveManifestValues(env: Env): { values: ManifestValues; warnings: string[] } {
  const warnings: string[] = [];

  let appId = nonEmpty(env.MICROSOFT_APP_ID);
  if (!appId) {
    appId = PLACEHOLDER_APP_ID;
    warnings.push(`MICROSOFT_APP_ID is not set: using the fake id ${PLACEHOLDER_APP_ID}.`);
  } else if (!GUID.test(appId)) {
    throw new Error(`MICROSOFT_APP_ID must be a GUID (the app registration's client id), got "${appId}"`);
  }

  const teamsAppId = nonEmpty(env.TEAMS_APP_ID) ?? appId;
  if (!GUID.test(teamsAppId)) throw new Error(`TEAMS_APP_ID must be a GUID, got "${teamsAppId}"`);

  let host: string;
  const baseUrl = nonEmpty(env.PUBLIC_BASE_URL);
  if (!baseUrl) {
    host = PLACEHOLDER_HOST;
    warnings.push(`PUBLIC_BASE_URL is not set: using the fake host ${PLACEHOLDER_HOST}.`);
  } else {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new Error(`PUBLIC_BASE_URL is not a URL: "${baseUrl}"`);
    }
    host = url.host;
    if (url.protocol !== 'https:') {
      warnings.push(`PUBLIC_BASE_URL is not https (${baseUrl}): Teams only loads the tab and sign-in over https.`);
    }
    if (url.pathname !== '/' || url.search || url.hash) {
      warnings.push(`PUBLIC_BASE_URL has a path (${baseUrl}): the manifest uses only its host, ${host}.`);
    }
  }

  const version = nonEmpty(env.APP_VERSION) ?? readPackageVersion();
  if (!SEMVER.test(version)) throw new Error(`APP_VERSION must look like 1.2.3, got "${version}"`);

  if (appId === PLACEHOLDER_APP_ID || host === PLACEHOLDER_HOST) {
    warnings.push(
      'This package uses placeholder values and will not work in Teams. Set MICROSOFT_APP_ID and ' +
        'PUBLIC_BASE_URL in .env or the environment (see infra/README.md) and run npm run package again.',
    );
  }
  return { values: { MICROSOFT_APP_ID: appId, TEAMS_APP_ID: teamsAppId, HOST: host, APP_VERSION: version }, warnings };
}

/** Replaces every `${{NAME}}` in the manifest template; an unknown name is an error. */
export function fillManifest(template: string, values: ManifestValues): Record<string, unknown> {
  const lookup = values as unknown as Record<string, string>;
  const filled = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = lookup[name];
    if (value === undefined) throw new Error(`manifest.json uses an unknown placeholder \${{${name}}}`);
    // Values are inserted into JSON strings: escape them as JSON would.
    return JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(filled) as Record<string, unknown>;
}

/** Fills, validates and zips the Teams app package. Throws when the result would be invalid. */
export async function buildAppPackage(options: PackageOptions = {}): Promise<PackageResult> {
  const manifestDir = options.manifestDir ?? MANIFEST_DIR;
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const env = options.env ?? loadEnv();

  const { values, warnings } = resolveManifestValues(env);
  const manifest = fillManifest(fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'), values);
  // The template's `$schema` may stay: the Teams schema allows it.
  const problems = validateManifest(manifest);

  const icons = manifest.icons as { color: string; outline: string };
  const iconFiles: [string, Buffer][] = [];
  for (const kind of ['color', 'outline'] as const) {
    const fileName = icons[kind];
    const iconPath = path.join(manifestDir, 'icons', fileName);
    if (!fs.existsSync(iconPath)) {
      problems.push(`${kind} icon ${fileName} is missing (expected ${iconPath})`);
      continue;
    }
    const data = fs.readFileSync(iconPath);
    problems.push(...checkIcon(fileName, data, ICON_REQUIREMENTS[kind]));
    iconFiles.push([fileName, data]);
  }
  if (problems.length > 0) {
    throw new Error(`The Teams app package is not valid:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }

  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const zip = new JSZip();
  zip.file('manifest.json', manifestText, { date: ZIP_DATE });
  for (const [fileName, data] of iconFiles) zip.file(fileName, data, { date: ZIP_DATE });
  const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });

  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, PACKAGE_FILE_NAME);
  fs.writeFileSync(zipPath, content);
  fs.writeFileSync(path.join(outDir, 'manifest.json'), manifestText);
  return { zipPath, manifest, values, warnings };
}

async function main(): Promise<void> {
  const result = await buildAppPackage();
  for (const warning of result.warnings) console.warn(`WARNING: ${warning}`);
  const { TEAMS_APP_ID, MICROSOFT_APP_ID, HOST, APP_VERSION } = result.values;
  console.log(
    `Wrote ${path.relative(process.cwd(), result.zipPath)}: Teams app ${TEAMS_APP_ID} version ${APP_VERSION}, ` +
      `bot ${MICROSOFT_APP_ID}, host ${HOST}. The manifest is valid against the v${String(result.manifest.manifestVersion)} schema.`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
