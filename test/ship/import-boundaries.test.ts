import { execFile } from 'node:child_process';
import path from 'node:path';

/**
 * The import boundary in eslint.config.mjs: what ships (bot/ except bot/dev/, tab/) never imports
 * dev, test or bench code, which needs dev dependencies a production install does not have (issue 15:
 * the pruned build stopped with "Cannot find module 'yaml'"). The rule is ESLint's own
 * `no-restricted-imports`; these tests prove it fires, where it must not, and that the tree is clean.
 */
const projectRoot = path.resolve(__dirname, '../..');

/**
 * ESLint's Node API, run in a child Node: it loads eslint.config.mjs with import(), which Jest's
 * module loader refuses (no --experimental-vm-modules). One child lints every snippet and the tree.
 */
const runner = `
import { ESLint } from 'eslint';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { snippets } = JSON.parse(input);
const rule = 'no-restricted-imports';
const eslint = new ESLint({ ruleFilter: ({ ruleId }) => ruleId === rule });
const messages = (result) =>
  result.messages.filter((m) => m.ruleId === rule).map((m) => ({ file: result.filePath, line: m.line, text: m.message }));
const out = { snippets: [], tree: [], treeFiles: 0 };
for (const { file, code } of snippets) out.snippets.push(messages((await eslint.lintText(code, { filePath: file }))[0]));
const tree = await eslint.lintFiles(['bot', 'tab']);
out.treeFiles = tree.length;
out.tree = tree.flatMap(messages);
process.stdout.write(JSON.stringify(out));
`;

interface Found {
  file: string;
  line: number;
  text: string;
}

function lint(
  snippets: { file: string; code: string }[],
): Promise<{ snippets: Found[][]; tree: Found[]; treeFiles: number }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', runner],
      { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
    child.stdin?.end(
      JSON.stringify({ snippets: snippets.map((s) => ({ ...s, file: path.join(projectRoot, s.file) })) }),
    );
  });
}

const refused: [string, string][] = [
  ['bot/overview/overview-module.ts', "import { readMockTenant } from '../dev/mock-tenant';"],
  ['bot/main.ts', "import { startAzurite } from './dev/azurite-process';"],
  ['bot/overview/overview-module.ts', "export { readMockTenant } from '../dev/mock-tenant';"],
  ['bot/app.ts', "import type { TestApp } from '../test/support/test-app';"],
  ['bot/alarms/alarm-rules.ts', "import { run } from '../../bench/alarm-bench';"],
  ['tab/src/api.ts', "import { sanne } from '../overview/overview-seed';"],
];

const allowed: [string, string][] = [
  ['bot/dev/dev-main.ts', "import { readMockTenant } from './mock-tenant';"],
  ['bot/dev/start.ts', "import { loadConfig } from '../config/load-config';"],
  ['test/overview/overview-api.test.ts', "import { readMockTenant } from '../../bot/dev/mock-tenant';"],
  ['bot/overview/overview-module.ts', "import { incidentRows } from './overview-stats';"],
  ['bot/shared/devices.ts', "import { devAuthenticator } from '../overview/overview-auth';"],
];

let linted: Awaited<ReturnType<typeof lint>>;

beforeAll(async () => {
  linted = await lint(
    [...refused, ...allowed].map(([file, code]) => ({ file, code: `${code}\nexport const used = 1;\n` })),
  );
}, 60_000);

describe('import boundary: production code never imports dev, test or bench code', () => {
  it.each(refused.map(([file, code], index) => [file, code, index] as const))(
    'refuses it in %s: %s',
    (_file, _code, index) => {
      const found = linted.snippets[index]!;
      expect(found).toHaveLength(1);
      expect(found[0]!.text).toContain('must not import dev, test or bench code');
    },
  );

  it.each(allowed.map(([file, code], index) => [file, code, refused.length + index] as const))(
    'allows it in %s: %s',
    (_file, _code, index) => {
      expect(linted.snippets[index]).toEqual([]);
    },
  );

  it('holds in the tree today (bot/ and tab/)', () => {
    expect(linted.treeFiles).toBeGreaterThan(50);
    expect(linted.tree.map((found) => `${path.relative(projectRoot, found.file)}:${found.line} ${found.text}`)).toEqual(
      [],
    );
  });
});
