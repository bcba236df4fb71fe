/**
 * The pure rules and other tests that need no storage, no app and no child process: the `unit`
 * project (`npm run test:unit`, seconds). A test listed here that reaches for Azurite fails, because
 * this project starts none. The `default` project runs them too.
 */
const unitTests = [
  'test/alarms/alarm-rules.test.ts',
  'test/alarms/cards-first.test.ts',
  'test/aftercare/slot-rules.test.ts',
  'test/aftercare/graph-calendar.test.ts',
  'test/dagstart/dagstart-card.test.ts',
  'test/dagstart/digest-schedule.test.ts',
  'test/foundation/background-work.test.ts',
  'test/foundation/connector-rest.test.ts',
  'test/foundation/conversation-pacer.test.ts',
  'test/foundation/find-chromium.test.ts',
  'test/foundation/outgoing-timeouts.test.ts',
  'test/foundation/read-cache.test.ts',
  'test/foundation/roles.test.ts',
  'test/foundation/service-url-allowlist.test.ts',
  'test/foundation/time-format.test.ts',
  'test/foundation/working-days.test.ts',
  'test/duty/duty-rules.test.ts',
  'test/help/informal-address.test.ts',
  'test/measures/letters.test.ts',
  'test/measures/measure-rules.test.ts',
  'test/reports/name-match.test.ts',
  'test/overview/dutch-dates.test.ts',
  'test/overview/overview-stats.test.ts',
  'test/reports/aangifte-rules.test.ts',
  'test/reports/repeat-rules.test.ts',
  'test/reports/report-parsing.test.ts',
  'test/reports/sanction-rules.test.ts',
  'test/ship/capability-index.test.ts',
];

/**
 * Three projects (plain `jest` runs all):
 * - `unit`: the tests above, without Azurite; `npm run test:unit`.
 * - `default`: every test under test/ except the fault suite; `npm test` runs it.
 * - `faults`: test/faults/, the real bot as child processes, killed and cut off on purpose. It measures
 *   time, so it runs on its own: `npm run test:faults` (one file at a time; CI runs it after `npm test`,
 *   see .ci/run). Its files also take turns when jest runs them side by side (a lock in the suite).
 */
const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    // jose 6 ships ES modules only (no CommonJS build). The built app loads it with Node's own
    // require(esm) (20.19+), but Jest's module loader cannot; so in tests, and only for jose, ts-jest
    // compiles its JavaScript to CommonJS (no extra tool, no type check of a dependency).
    '/node_modules/jose/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true }, diagnostics: false },
    ],
  },
  // Jest does not transform node_modules, except jose (see `transform`).
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  maxWorkers: 2,
  projects: [
    {
      testEnvironment: 'node',
      rootDir: __dirname,
      displayName: 'unit',
      testMatch: unitTests.map((file) => `<rootDir>/${file}`),
      transform: shared.transform,
      transformIgnorePatterns: shared.transformIgnorePatterns,
    },
    {
      ...shared,
      displayName: 'default',
      roots: ['<rootDir>/test'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
    },
    {
      ...shared,
      displayName: 'faults',
      roots: ['<rootDir>/test/faults'],
    },
  ],
};
