/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Tests share one small machine; two workers keep the run fast without starving the servers they start.
  maxWorkers: 2,
  testTimeout: 30000,
};
