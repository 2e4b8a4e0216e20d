import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildDecision, ENTRY, readTimes, sourceFiles, STAMP } from '../../scripts/buildIfStale';

const source = (mtimeMs: number): { path: string; mtimeMs: number } => ({ path: join('bot', 'index.ts'), mtimeMs });

describe('buildDecision (npm start builds only when dist/ is stale)', () => {
  it('skips the build when no source changed since the last build started', () => {
    expect(buildDecision({ newestSource: source(1_000), stampMs: 2_000, entryExists: true })).toEqual({ build: false, reason: 'dist/ is up to date' });
  });

  it('skips it when the newest source is exactly as old as the build', () => {
    expect(buildDecision({ newestSource: source(2_000), stampMs: 2_000, entryExists: true }).build).toBe(false);
  });

  it('builds when a source changed after the last build started, naming it', () => {
    expect(buildDecision({ newestSource: source(2_001), stampMs: 2_000, entryExists: true })).toEqual({
      build: true,
      reason: `${join('bot', 'index.ts')} changed since the last build`,
    });
  });

  it('builds when there is no record of a finished build (never built, or the build failed)', () => {
    expect(buildDecision({ newestSource: source(1_000), entryExists: true }).build).toBe(true);
    expect(buildDecision({ newestSource: source(1_000), entryExists: false }).build).toBe(true);
  });

  it('builds when dist/bot/index.js is missing, however recent the stamp', () => {
    expect(buildDecision({ newestSource: source(1_000), stampMs: 2_000, entryExists: false })).toEqual({ build: true, reason: `${ENTRY} is missing` });
  });

  it('builds when it finds no sources, rather than trust dist/', () => {
    expect(buildDecision({ stampMs: 2_000, entryExists: true }).build).toBe(true);
  });
});

describe('readTimes', () => {
  let root: string;
  const write = (path: string, seconds: number): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), seconds, seconds);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'build-if-stale-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('takes the newest of the compiled .ts sources and tsconfig files, ignoring tests and other files', () => {
    write('bot/index.ts', 100);
    write('knowledge/loading/yamlFile.ts', 300);
    write('knowledge/loading/yamlFile.test.ts', 900);
    write('knowledge/faq.yaml', 900);
    write('tsconfig.build.json', 200);
    write(ENTRY, 50);
    write(STAMP, 400);

    expect(readTimes(root)).toEqual({ newestSource: { path: join('knowledge', 'loading', 'yamlFile.ts'), mtimeMs: 300_000 }, stampMs: 400_000, entryExists: true });
    expect(sourceFiles(root).sort()).toEqual(['tsconfig.build.json', join('bot', 'index.ts'), join('knowledge', 'loading', 'yamlFile.ts')].sort());
  });

  it('counts a changed tsconfig as a change', () => {
    write('bot/index.ts', 100);
    write('tsconfig.json', 500);
    write(ENTRY, 400);
    write(STAMP, 400);
    expect(buildDecision(readTimes(root))).toEqual({ build: true, reason: 'tsconfig.json changed since the last build' });
  });

  it('reports no stamp and no entry in a project never built', () => {
    write('bot/index.ts', 100);
    expect(readTimes(root)).toMatchObject({ stampMs: undefined, entryExists: false });
  });
});
