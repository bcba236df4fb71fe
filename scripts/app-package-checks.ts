/**
 * Offline checks for the Teams app package: the manifest against the official JSON schema of its
 * version (vendored under `manifest/schema/`, see its README), and the icons' sizes and colours.
 * Used by `npm run package` and by the tests in `test/ship/`.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';

export const MANIFEST_DIR = path.resolve(__dirname, '..', 'manifest');
export const SCHEMA_DIR = path.join(MANIFEST_DIR, 'schema');

/** The vendored schema file for a manifest version, e.g. `MicrosoftTeams.v1.30.schema.json`. */
export function schemaPathFor(manifestVersion: string): string {
  return path.join(SCHEMA_DIR, `MicrosoftTeams.v${manifestVersion}.schema.json`);
}

/**
 * Validates a filled manifest against the schema of its `manifestVersion`. Returns the problems as
 * readable lines; an empty array means valid.
 */
export function validateManifest(manifest: unknown): string[] {
  const version = (manifest as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (typeof version !== 'string') return ['manifestVersion is missing'];
  const schemaPath = schemaPathFor(version);
  if (!fs.existsSync(schemaPath)) {
    return [
      `no vendored schema for manifest version ${version} (expected ${path.relative(process.cwd(), schemaPath)})`,
    ];
  }
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // The Teams schemas are JSON Schema draft-04. `strict: false` because Ajv's strict mode flags
  // style issues in Microsoft's schema (keywords without a matching `type`), not in our manifest.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`,
  );
}

export interface IconRequirement {
  width: number;
  height: number;
  /** Outline icons: every pixel must be fully transparent or pure white (any alpha). */
  whiteOnTransparent?: boolean;
}

export const ICON_REQUIREMENTS = {
  color: { width: 192, height: 192 },
  outline: { width: 32, height: 32, whiteOnTransparent: true },
} as const satisfies Record<string, IconRequirement>;

/** Checks one PNG against its requirement. Returns the problems; an empty array means fine. */
export function checkIcon(name: string, data: Buffer, requirement: IconRequirement): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(data);
  } catch (error) {
    return [`${name}: not a readable PNG (${(error as Error).message})`];
  }
  const problems: string[] = [];
  if (png.width !== requirement.width || png.height !== requirement.height) {
    problems.push(`${name}: is ${png.width}×${png.height}, expected ${requirement.width}×${requirement.height}`);
  }
  if (requirement.whiteOnTransparent) {
    let offending = 0;
    let visible = 0;
    for (let offset = 0; offset < png.data.length; offset += 4) {
      const alpha = png.data[offset + 3]!;
      if (alpha === 0) continue;
      visible += 1;
      if (png.data[offset] !== 255 || png.data[offset + 1] !== 255 || png.data[offset + 2] !== 255) offending += 1;
    }
    if (offending > 0) problems.push(`${name}: ${offending} visible pixels are not white`);
    if (visible === 0) problems.push(`${name}: has no visible pixels`);
    if (visible === png.width * png.height) problems.push(`${name}: has no transparent background`);
  }
  return problems;
}
