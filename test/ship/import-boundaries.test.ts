import { execFile } from 'node:child_process';
import path from 'node:path';

/**
 * The import boundaries in eslint.config.mjs (ARCHITECTURE.md): what ships (bot/ except bot/dev/,
 * tab/) never imports dev, test or bench code, which needs dev dependencies a production install does
 * not have (issue 15: the pruned build stopped with "Cannot find module 'yaml'"); a capability imports
 * another only through its index.ts; bot/platform/ imports no capability; the kernel bot/shared/
 * imports nothing outside itself (issue 16). The rule is ESLint's own `no-restricted-imports`; these
 * tests prove it fires, where it must not, and that the tree is clean.
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

const devCode = 'must not import dev, test or bench code';
const throughIndex = 'imports another only through its index.ts';
const platformGeneric = 'bot/platform/ is generic infrastructure and imports no capability';
const kernelAlone = 'bot/shared/ is the kernel and imports nothing outside itself';

const refused: [string, string, string][] = [
  ['bot/overview/overview-module.ts', "import { readMockTenant } from '../dev/mock-tenant';", devCode],
  ['bot/main.ts', "import { startAzurite } from './dev/azurite-process';", devCode],
  ['bot/overview/overview-module.ts', "export { readMockTenant } from '../dev/mock-tenant';", devCode],
  ['bot/app.ts', "import type { TestApp } from '../test/support/test-app';", devCode],
  ['bot/alarms/alarm-rules.ts', "import { run } from '../../bench/alarm-bench';", devCode],
  ['tab/src/api.ts', "import { sanne } from '../../test/overview/overview-seed';", devCode],
  ['bot/measures/measure-rules.ts', "import { sanctionAdviceFor } from '../reports/repeats';", throughIndex],
  ['bot/alarms/cli/button-cli.ts', "import type { IncidentReport } from '../../reports/report-model';", throughIndex],
  ['bot/dagstart/digest.ts', "export { createAlarmTable } from '../alarms/alarm-table';", throughIndex],
  ['bot/platform/http/create-server.ts', "import { createAlarmsModule } from '../../alarms';", platformGeneric],
  ['bot/platform/storage/table-provider.ts', "import type { Alarm } from '../../alarms/alarm-model';", platformGeneric],
  ['bot/shared/clock.ts', "import { isConflict } from '../platform/storage/table-provider';", kernelAlone],
  ['bot/shared/clock.ts', "import type { Config } from '../config/config-schema';", kernelAlone],
];

const allowed: [string, string][] = [
  ['bot/dev/dev-main.ts', "import { readMockTenant } from './mock-tenant';"],
  ['bot/dev/start.ts', "import { loadConfig } from '../config/load-config';"],
  ['test/overview/overview-api.test.ts', "import { readMockTenant } from '../../bot/dev/mock-tenant';"],
  ['test/overview/overview-api.test.ts', "import { rolesOf } from '../../bot/overview/overview-access';"],
  ['bot/overview/overview-module.ts', "import { incidentRows } from './overview-stats';"],
  ['bot/measures/measure-rules.ts', "import { sanctionAdviceFor } from '../reports';"],
  ['bot/alarms/cli/button-cli.ts', "import { alarmRules } from '../alarm-rules';"],
  ['bot/platform/teams/halteam-bot.ts', "import type { Command } from '../../shared/commands';"],
  ['bot/shared/roles.ts', "import type { Person } from './people';"],
  ['bot/app.ts', "import { createOverviewModule } from './overview';"],
];

let linted: Awaited<ReturnType<typeof lint>>;

beforeAll(async () => {
  linted = await lint(
    [...refused.map(([file, code]) => [file, code] as const), ...allowed].map(([file, code]) => ({
      file,
      code: `${code}\nexport const used = 1;\n`,
    })),
  );
}, 60_000);

describe('import boundaries: dev code, capabilities through their index, a generic platform, a lone kernel', () => {
  it.each(refused.map(([file, code, reason], index) => [file, code, reason, index] as const))(
    'refuses it in %s: %s',
    (_file, _code, reason, index) => {
      const found = linted.snippets[index]!;
      expect(found).toHaveLength(1);
      expect(found[0]!.text).toContain(reason);
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
