import fs from 'node:fs';
import path from 'node:path';

/**
 * Each capability's index.ts is its public face (ARCHITECTURE.md). Barrels that import each other can
 * form a cycle in which one capability reads another's export before it is defined (at load time, so
 * `undefined.optional()` stops the process). Loading every index first, on its own, finds that.
 */
const botDirectory = path.resolve(__dirname, '../../bot');
const infrastructure = new Set(['shared', 'platform', 'config', 'dev']);
const capabilities = fs
  .readdirSync(botDirectory, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !infrastructure.has(entry.name))
  .map((entry) => entry.name);

describe('every capability has an index.ts that loads first, on its own, with every export defined', () => {
  it('finds the capabilities', () => {
    expect(capabilities).toEqual(expect.arrayContaining(['alarms', 'reports', 'measures', 'overview']));
  });

  it.each(capabilities)('%s', (name) => {
    const index = path.join(botDirectory, name, 'index.ts');
    expect(fs.existsSync(index)).toBe(true);
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load per capability
      const exported = require(index) as Record<string, unknown>;
      const undefinedExports = Object.entries(exported)
        .filter(([, value]) => value === undefined)
        .map(([key]) => key);
      expect(undefinedExports).toEqual([]);
    });
  });
});
