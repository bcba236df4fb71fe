import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * Builds the Overzicht tab (tab/src, React + Fluent UI) into tab/dist: one script, one stylesheet and
 * the page, served by the bot at /tab/. Runs in about a second; `npm run build` and the browser test call it.
 */
export async function buildTab(root = projectRoot()): Promise<string> {
  return (await buildTabWithInputs(root)).out;
}

/**
 * The same build, also naming the files it read (relative to `root`, node_modules left out): what
 * scripts/build.js checks to skip the tab when none of them changed.
 */
export async function buildTabWithInputs(root = projectRoot()): Promise<{ out: string; inputs: string[] }> {
  const out = path.join(root, 'tab', 'dist');
  fs.mkdirSync(out, { recursive: true });
  const { metafile } = await build({
    entryPoints: [path.join(root, 'tab', 'src', 'main.tsx')],
    outfile: path.join(out, 'overview.js'),
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'iife',
    target: ['chrome110', 'edge110', 'safari16'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    metafile: true,
  });
  fs.writeFileSync(
    path.join(out, 'overview.css'),
    'body{margin:0;font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif}\n@media print{[role=search] button,[data-testid=dev-sign-in]{display:none}}\n',
  );
  fs.copyFileSync(path.join(root, 'tab', 'index.html'), path.join(out, 'index.html'));
  // esbuild names inputs relative to its working directory.
  const inputs = Object.keys(metafile.inputs)
    .map((input) => path.relative(root, path.resolve(input)))
    .filter((input) => !input.split(path.sep).includes('node_modules'));
  return { out, inputs: [...inputs, path.join('tab', 'index.html')].sort() };
}

/** The folder with package.json, from scripts/ (ts-node) or dist/scripts/ (the build). */
function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

if (require.main === module) {
  buildTab().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
