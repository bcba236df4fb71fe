/**
 * The build. Plain JavaScript, so that it runs before anything is compiled.
 *
 *   node scripts/build.js            `npm start`: brings dist/ (the bot) and tab/dist/ (the Overzicht tab)
 *                                    up to date, building only the part whose inputs changed
 *   node scripts/build.js --bot      dist/ only
 *   node scripts/build.js --clean    `npm run build`: removes dist/ and tab/dist/ and builds both from
 *                                    scratch (the production build of infra/README.md)
 *   --quiet                          says nothing when there is nothing to build
 *   --run <script> [args…]           then runs that script in this process with those arguments
 *                                    (`npm run button`: one Node start instead of two)
 *
 * A part is up to date when the fingerprints of its inputs and of its outputs (path, size and mtime of
 * each file) are those recorded in dist/.build-stamp.json after its last successful build, or when
 * only the inputs' mtimes changed and their bytes did not: checking costs milliseconds. Otherwise the
 * bot is compiled by `tsc -p tsconfig.build.json`, incremental (its tsbuildinfo lives in dist/, so it
 * goes with dist/), which type-checks and emits only what the change affects; the tab is bundled by
 * esbuild (scripts/build-tab.ts), whose inputs are the files esbuild read the last time, plus the
 * installed packages.
 */
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const tabDist = path.join(root, 'tab', 'dist');
const stampFile = path.join(dist, '.build-stamp.json');
/** Installed and locked package versions: a dependency update rebuilds both parts. */
const packages = ['package-lock.json', path.join('node_modules', '.package-lock.json')];

const say = (line) => process.stderr.write(`Bouwen:     ${line}\n`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1).replace('.', ',')} s`;

/**
 * Each file under `entries` (files or folders, relative to the root) as "path size mtime", hashed;
 * the newest mtime seen; and `contents()`, a hash of the files' paths and bytes, for when only mtimes
 * changed (a `touch`, a branch switched there and back).
 */
function fingerprint(entries, skip = () => false) {
  const lines = [];
  const files = [];
  let newest = 0;
  const visit = (relative) => {
    if (skip(relative)) return;
    let stat;
    try {
      stat = fs.statSync(path.join(root, relative));
    } catch {
      lines.push(`${relative} missing`);
      return;
    }
    if (stat.isDirectory()) {
      // Its entries, not its mtime (writing the stamp changes dist/'s): an added or removed file shows.
      for (const name of fs.readdirSync(path.join(root, relative)).sort()) visit(path.join(relative, name));
      return;
    }
    lines.push(`${relative} ${stat.size} ${stat.mtimeMs}`);
    files.push(relative);
    newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of entries) visit(entry);
  const contents = () => {
    const hash = createHash('sha256');
    for (const file of files) hash.update(`${file}\0`).update(fs.readFileSync(path.join(root, file)));
    return hash.digest('hex');
  };
  return { hash: createHash('sha256').update(lines.join('\n')).digest('hex'), newest, contents };
}

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return {};
  }
}

function writeStamp(stamp) {
  fs.mkdirSync(dist, { recursive: true });
  const temporary = `${stampFile}.${process.pid}`;
  fs.writeFileSync(temporary, `${JSON.stringify(stamp, null, 2)}\n`);
  fs.renameSync(temporary, stampFile);
}

const parts = {
  bot: {
    inputs: () => fingerprint(['bot', 'cards', 'scripts', 'tsconfig.json', 'tsconfig.build.json', ...packages]),
    outputs: () => fingerprint(['dist'], (relative) => relative.startsWith(path.join('dist', '.build-stamp.json'))),
    async build() {
      const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
      // tsc's report goes to stderr: the button CLI's output stays its own.
      const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
        cwd: root,
        stdio: ['ignore', 2, 2],
      });
      if (result.status !== 0) throw new Error('tsc vond fouten (zie hierboven).');
      return {};
    },
    what: () =>
      fs.existsSync(path.join(dist, 'tsconfig.build.tsbuildinfo')) ? 'bot (tsc, incrementeel)' : 'bot (tsc, volledig)',
  },
  tab: {
    inputs: (stamp) => fingerprint([...(stamp.tabInputs ?? ['tab']), 'scripts/build-tab.ts', ...packages]),
    outputs: () => fingerprint([path.join('tab', 'dist')]),
    async build() {
      const { buildTabWithInputs } = require(path.join(dist, 'scripts', 'build-tab.js'));
      const { inputs } = await buildTabWithInputs(root);
      return { tabInputs: inputs };
    },
    what: () => 'Overzicht-tab (esbuild)',
  },
};

const all = process.argv.slice(2);
const run = all.indexOf('--run');

async function build() {
  const args = run === -1 ? all : all.slice(0, run);
  const clean = args.includes('--clean');
  const quiet = args.includes('--quiet');
  const wanted = args.includes('--bot') ? ['bot'] : ['bot', 'tab'];
  const started = Date.now();

  if (clean) {
    fs.rmSync(dist, { recursive: true, force: true });
    fs.rmSync(tabDist, { recursive: true, force: true });
    say('alles opnieuw (dist/ en tab/dist/ gewist)');
  }
  const stamp = readStamp();
  let built = 0;
  for (const name of wanted) {
    const part = parts[name];
    const recorded = stamp[name] ?? {};
    const inputs = part.inputs(recorded);
    if (recorded.outputs === part.outputs().hash) {
      if (recorded.inputs === inputs.hash) continue;
      if (recorded.contents === inputs.contents()) {
        stamp[name] = { ...recorded, inputs: inputs.hash };
        writeStamp(stamp);
        continue;
      }
    }
    const partStarted = Date.now();
    const what = part.what();
    say(`${what}…`);
    const next = await part.build();
    // The tab's inputs are known only after its build (esbuild names them). Either way, an input
    // changed while building makes the next run build again.
    const after = part.inputs(next);
    const changed = after.newest > partStarted;
    next.inputs = changed ? 'changed while building' : after.hash;
    next.contents = changed ? 'changed while building' : after.contents();
    next.outputs = part.outputs().hash;
    stamp[name] = next;
    writeStamp(stamp);
    built++;
    say(`${what} klaar in ${seconds(partStarted)}`);
  }
  if (built === 0 && !quiet) say(`niets veranderd sinds de vorige build (${Date.now() - started} ms)`);
}

build().then(
  () => {
    if (run === -1) return;
    const script = path.resolve(root, all[run + 1]);
    process.argv = [process.argv[0], script, ...all.slice(run + 2)];
    require(script);
  },
  (error) => {
    say(`mislukt: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
