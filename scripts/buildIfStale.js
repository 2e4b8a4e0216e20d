'use strict';
/**
 * `npm start`'s prestart: compiles with tsc only when dist/ is older than the sources, so starting
 * again after a restart takes a second, not the 25-30 s of a build. `npm run build` (--always)
 * builds every time. Plain Node (CommonJS, no dependencies) so it runs the same on Windows, macOS
 * and Linux, and wherever dist/ was built beforehand.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
/** What tsconfig.build.json compiles, and the settings it compiles them with. */
const SOURCE_DIRS = ['bot', 'dialogs', 'knowledge'];
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json'];
/** Written after each successful build, with the time the build started. */
const STAMP = join('dist', '.build-stamp');
const ENTRY = join('dist', 'bot', 'index.js');

/**
 * Whether to build, and why, from file times alone (milliseconds).
 * @param {{ newestSource?: { path: string, mtimeMs: number }, stampMs?: number, entryExists: boolean }} times
 * @returns {{ build: boolean, reason: string }}
 */
function buildDecision({ newestSource, stampMs, entryExists }) {
  if (stampMs === undefined) return { build: true, reason: 'dist/ has no record of a finished build' };
  if (!entryExists) return { build: true, reason: `${ENTRY} is missing` };
  if (newestSource === undefined) return { build: true, reason: 'no TypeScript sources were found' };
  // The stamp holds the time the last build started: a file saved during that build is newer than it.
  if (newestSource.mtimeMs > stampMs) return { build: true, reason: `${newestSource.path} changed since the last build` };
  return { build: false, reason: 'dist/ is up to date' };
}

/** Every .ts file tsc compiles (tests excepted) and the tsconfig files, relative to `root`. */
function sourceFiles(root) {
  const found = CONFIG_FILES.filter((file) => existsSync(join(root, file)));
  const walk = (directory) => {
    for (const entry of readdirSync(join(root, directory), { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) found.push(path);
    }
  };
  for (const directory of SOURCE_DIRS) if (existsSync(join(root, directory))) walk(directory);
  return found;
}

function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The file times buildDecision needs, read from the project at `root`. */
function readTimes(root) {
  let newestSource;
  for (const path of sourceFiles(root)) {
    const mtimeMs = mtimeOf(join(root, path));
    if (mtimeMs !== undefined && (newestSource === undefined || mtimeMs > newestSource.mtimeMs)) newestSource = { path, mtimeMs };
  }
  return { newestSource, stampMs: mtimeOf(join(root, STAMP)), entryExists: existsSync(join(root, ENTRY)) };
}

/** Runs tsc -p tsconfig.build.json with this Node; on success records when the build started. */
function build(root) {
  const startedMs = Date.now();
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) return result.status ?? 1;
  const stamp = join(root, STAMP);
  writeFileSync(stamp, `${new Date(startedMs).toISOString()}\n`);
  utimesSync(stamp, new Date(startedMs), new Date(startedMs));
  return 0;
}

function main() {
  const always = process.argv.includes('--always');
  const decision = always ? { build: true, reason: 'npm run build' } : buildDecision(readTimes(ROOT));
  if (!decision.build) {
    console.log(`Skipping the build: ${decision.reason} (npm run build forces one).`);
    return;
  }
  if (!always) console.log(`Building: ${decision.reason}.`);
  const status = build(ROOT);
  if (status !== 0) {
    console.error(`The build failed (tsc exited with ${status}); fix the errors above, then start again.`);
    process.exitCode = status;
  }
}

module.exports = { buildDecision, readTimes, sourceFiles, STAMP, ENTRY };

if (require.main === module) main();
