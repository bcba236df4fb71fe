import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

/** The repository root (holds package.json, bot/, cards/). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * Where builds and the suite's lock live: under node_modules so that the build's `require('botbuilder')`
 * finds the project's packages, and ignored by git, ESLint and Prettier.
 */
export const faultsCacheDir = path.join(repoRoot, 'node_modules', '.cache', 'halteam-faults');

function listFiles(dir: string, suffix: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(full, suffix));
    else if (entry.isFile() && entry.name.endsWith(suffix) && !entry.name.endsWith('.d.ts')) found.push(full);
  }
  return found.sort();
}

let built: Promise<string> | undefined;

/**
 * Builds the bot the way `tsc -p tsconfig.build.json` lays out dist/ (rootDir is the repository, so
 * `<out>/bot/main.js` and `<out>/cards/*.json`), but with esbuild transpiling file by file without
 * bundling: well under a second instead of tsc's type check. Card templates are imported JSON
 * (`import template from '../../cards/alarm.json'`), so they are copied next to `bot/` and resolve as
 * they do in dist/. The output is keyed by a hash of the sources: test files of one run (and later
 * runs with unchanged sources) share one build. Returns the entry point (`<out>/bot/main.js`).
 */
export function buildBot(): Promise<string> {
  // HALTEAM_FAULTS_BOT=dist/bot/main.js runs the suite against a build made elsewhere (e.g. `npm run build`).
  const prebuilt = process.env.HALTEAM_FAULTS_BOT;
  if (prebuilt) return Promise.resolve(path.resolve(repoRoot, prebuilt));
  built ??= build();
  return built;
}

async function build(): Promise<string> {
  const started = Date.now();
  const sources = listFiles(path.join(repoRoot, 'bot'), '.ts');
  const cards = listFiles(path.join(repoRoot, 'cards'), '.json');
  const hash = createHash('sha256').update(`${esbuild.version}|${process.version}`);
  for (const file of [...sources, ...cards]) {
    hash.update(path.relative(repoRoot, file));
    hash.update(fs.readFileSync(file));
  }
  const key = hash.digest('hex').slice(0, 16);
  const outDir = path.join(faultsCacheDir, `build-${key}`);
  const entry = path.join(outDir, 'bot', 'main.js');
  if (fs.existsSync(path.join(outDir, '.complete'))) return entry;

  fs.mkdirSync(faultsCacheDir, { recursive: true });
  const staging = path.join(faultsCacheDir, `staging-${process.pid}-${randomUUID().slice(0, 8)}`);
  try {
    await esbuild.build({
      entryPoints: sources,
      outdir: staging,
      outbase: repoRoot,
      bundle: false,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: false,
      logLevel: 'silent',
      tsconfig: path.join(repoRoot, 'tsconfig.json'),
    });
    for (const card of cards) {
      const target = path.join(staging, path.relative(repoRoot, card));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(card, target);
    }
    fs.writeFileSync(path.join(staging, '.complete'), new Date().toISOString());
    try {
      fs.renameSync(staging, outDir);
    } catch (error) {
      // Another test file built the same sources at the same moment: theirs is as good.
      if (!fs.existsSync(path.join(outDir, '.complete'))) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  removeOldBuilds(outDir);
  const elapsed = Date.now() - started;
  if (elapsed > 10_000) process.stderr.write(`fault suite: building the bot took ${elapsed} ms\n`);
  return entry;
}

/** Keeps the cache small: builds of older sources go once they are an hour old. */
function removeOldBuilds(keep: string): void {
  for (const entry of fs.readdirSync(faultsCacheDir)) {
    const full = path.join(faultsCacheDir, entry);
    if (full === keep || !/^(build|staging)-/.test(entry)) continue;
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > 3_600_000) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
}
