/**
 * Two projects (plain `jest` runs both):
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
  },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  maxWorkers: 2,
  projects: [
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
