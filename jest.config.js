/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Tests share one small machine; two workers keep the run fast without starving the servers they start.
  maxWorkers: 2,
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/tests/support/plainSummaryReporter.js'],
  // @microsoft/app-manifest requires strip-bom 5, which is ESM-only; Jest on Node 20 cannot load it,
  // so the Teams manifest tests use the CommonJS strip-bom 4 that is installed at the top level.
  moduleNameMapper: { '^strip-bom$': '<rootDir>/node_modules/strip-bom' },
};
