/**
 * Three kinds of test, as jest projects:
 * - engine:  the code, on the frozen knowledge base in tests/fixtures (npm test, the inner loop);
 * - browser: real Web Chat in real Chromium (npm run test:browser);
 * - content: the clinic's own knowledge/ and tests/eval sets (npm run kb:test, after editing the YAML).
 * CI (.ci/run) runs all three.
 */

// restify loads spdy, whose http-deceiver calls process.binding('http_parser') (DEP0111) once per
// worker. npm start silences that one warning with --disable-warning; the test workers and the
// services the tests start inherit it from here. Every other warning is still shown.
if (!(process.env.NODE_OPTIONS ?? '').includes('--disable-warning=DEP0111')) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --disable-warning=DEP0111`.trim();
}

/** What every project shares. */
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  rootDir: __dirname,
  // @microsoft/app-manifest requires strip-bom 5, which is ESM-only; Jest on Node 20 cannot load it,
  // so the Teams manifest tests use the CommonJS strip-bom 4 that is installed at the top level.
  moduleNameMapper: { '^strip-bom$': '<rootDir>/node_modules/strip-bom' },
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'engine', roots: ['<rootDir>/tests'], testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/browser/', '<rootDir>/tests/eval/'] },
    { ...common, displayName: 'browser', roots: ['<rootDir>/tests/browser'], testMatch: ['**/*.test.ts'] },
    { ...common, displayName: 'content', roots: ['<rootDir>/tests/eval'], testMatch: ['**/*.test.ts'] },
  ],
  // Tests share one small machine; two workers keep the run fast without starving the servers they start.
  maxWorkers: 2,
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/tests/support/plainSummaryReporter.js'],
};
