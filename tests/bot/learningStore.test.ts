import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import { BlobFiles } from '../../bot/learning/blobFiles';
import type { DailyFiles } from '../../bot/learning/dailyFiles';
import { FolderFiles } from '../../bot/learning/folderFiles';
import { LearningStore } from '../../bot/learning/learningStore';
import type { GapRecord } from '../../knowledge/gaps/gapRecord';
import { startAzurite, type Azurite } from '../support/azurite';

/**
 * The gaps log's store, in a folder and in Blob storage on a real Azurite: records and 👍/👎 counts
 * read back as written, concurrent writes lose nothing, and retention deletes whole days' files
 * (checked with a fake clock, by listing what is really left in the folder or container).
 */
const DAY = 86_400_000;
const START = Date.parse('2026-03-01T09:00:00Z');

let azurite: Azurite;
const folders: string[] = [];
let containers = 0;

beforeAll(async () => {
  azurite = await startAzurite();
}, 30_000);

afterAll(async () => {
  folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
  await azurite.stop();
});

interface Backend {
  readonly files: DailyFiles;
  /** Every file or blob name really there. */
  names(): Promise<string[]>;
}

const backends: Record<'folder' | 'blob', () => Backend> = {
  folder: () => {
    const folder = mkdtempSync(join(tmpdir(), 'gaps-store-'));
    folders.push(folder);
    const files = new FolderFiles(join(folder, 'gaps'));
    return { files, names: async () => (await files.list()).sort() };
  },
  blob: () => {
    containers += 1;
    const name = `gaps-test-${containers}`;
    const container = new ContainerClient(azurite.connectionString, name);
    return {
      files: new BlobFiles(azurite.connectionString, name),
      names: async () => {
        const names: string[] = [];
        if (!(await container.exists())) return names;
        for await (const blob of container.listBlobsFlat()) names.push(blob.name);
        return names.sort();
      },
    };
  },
};

function record(day: string, text: string): GapRecord {
  return { day, channel: 'webchat', route: 'fallback', text, candidates: [{ id: 'cost-and-insurance', score: 0.2 }] };
}

describe.each(['folder', 'blob'] as const)('the gaps log store (%s)', (kind) => {
  let now = START;
  const clock = (): number => now;
  beforeEach(() => {
    now = START;
  });

  it('reads back the records written, by day, and skips lines that are not records', async () => {
    const backend = backends[kind]();
    const store = new LearningStore(backend.files, { retentionDays: 30, clock });
    await store.addGap(record('2026-03-01', 'do you sell gift cards'));
    await store.addGap(record('2026-03-01', 'is there wifi'));
    await backend.files.append('gaps-2026-03-01.jsonl', 'not a record');
    await backend.files.append('gaps-2026-03-01.jsonl', JSON.stringify({ ...record('2026-03-01', 'x'), userId: 'someone' }));
    expect(await backend.names()).toEqual(['gaps-2026-03-01.jsonl']);
    const { records, unreadable } = await store.readGaps();
    expect(records.map((gap) => gap.text)).toEqual(['do you sell gift cards', 'is there wifi']);
    expect(unreadable).toBe(2);
  });

  it('refuses a record that is not one (too long, or with more fields) instead of storing it', async () => {
    const store = new LearningStore(backends[kind]().files, { retentionDays: 30, clock });
    await expect(store.addGap({ ...record('2026-03-01', 'x'.repeat(201)) })).rejects.toThrow();
    await expect(store.addGap({ ...record('2026-03-01', 'x'), conversationId: 'c1' } as GapRecord)).rejects.toThrow();
    expect((await store.readGaps()).records).toEqual([]);
  });

  it('counts 👍 and 👎 per entry and day, losing none of many at once', async () => {
    const backend = backends[kind]();
    const store = new LearningStore(backend.files, { retentionDays: 30, clock });
    await Promise.all([
      ...Array.from({ length: 12 }, () => store.recordFeedback('session-length', true)),
      ...Array.from({ length: 5 }, () => store.recordFeedback('session-length', false)),
      store.recordFeedback('cost-and-insurance', false),
    ]);
    now += DAY;
    await store.recordFeedback('session-length', false);
    expect(await backend.names()).toEqual(['feedback-2026-03-01.json', 'feedback-2026-03-02.json']);
    expect(await store.readFeedback()).toEqual([
      { day: '2026-03-01', entryId: 'session-length', helpful: 12, notHelpful: 5 },
      { day: '2026-03-01', entryId: 'cost-and-insurance', helpful: 0, notHelpful: 1 },
      { day: '2026-03-02', entryId: 'session-length', helpful: 0, notHelpful: 1 },
    ]);
    await expect(store.recordFeedback('not an id', true)).rejects.toThrow(/FAQ entry id/);
  });

  it('deletes each day\'s files once they are older than the retention, not just hides them', async () => {
    const backend = backends[kind]();
    const store = new LearningStore(backend.files, { retentionDays: 30, clock });
    await store.addGap(record('2026-03-01', 'first day'));
    await store.recordFeedback('session-length', false);
    now += 10 * DAY;
    await store.addGap(record('2026-03-11', 'eleventh day'));
    expect(await backend.names()).toEqual(['feedback-2026-03-01.json', 'gaps-2026-03-01.jsonl', 'gaps-2026-03-11.jsonl']);

    // 2026-03-30: the first day is 29 days old, its 30th day of retention: still kept.
    now = START + 29 * DAY;
    expect(await store.deleteExpired()).toEqual([]);
    expect((await store.readGaps()).records.map((gap) => gap.text)).toEqual(['first day', 'eleventh day']);

    // 2026-03-31: the first day's files are gone from storage; the eleventh day's stay.
    now = START + 30 * DAY;
    expect((await store.deleteExpired()).sort()).toEqual(['feedback-2026-03-01.json', 'gaps-2026-03-01.jsonl']);
    expect(await backend.names()).toEqual(['gaps-2026-03-11.jsonl']);
    expect((await store.readGaps()).records.map((gap) => gap.text)).toEqual(['eleventh day']);
    expect(await store.readFeedback()).toEqual([]);
  });

  it('deletes expired files by itself on the first write of a new day', async () => {
    const backend = backends[kind]();
    const store = new LearningStore(backend.files, { retentionDays: 7, clock });
    await store.addGap(record('2026-03-01', 'old'));
    now = START + 7 * DAY;
    await store.recordFeedback('session-length', true);
    expect(await backend.names()).toEqual(['feedback-2026-03-08.json']);
  });

  it('does not read an expired day that is still there (deletion failed, or another instance wrote it)', async () => {
    const backend = backends[kind]();
    await backend.files.append('gaps-2026-01-01.jsonl', JSON.stringify(record('2026-01-01', 'long gone')));
    const store = new LearningStore(backend.files, { retentionDays: 30, clock });
    expect((await store.readGaps()).records).toEqual([]);
  });
});

it('keeps the folder and its files readable by this user only', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'gaps-mode-'));
  folders.push(folder);
  const store = new LearningStore(new FolderFiles(join(folder, 'gaps')), { retentionDays: 30, clock: () => START });
  await store.addGap(record('2026-03-01', 'do you sell gift cards'));
  await store.recordFeedback('session-length', true);
  expect(statSync(join(folder, 'gaps')).mode & 0o777).toBe(0o700);
  expect(statSync(join(folder, 'gaps', 'gaps-2026-03-01.jsonl')).mode & 0o777).toBe(0o600);
  expect(statSync(join(folder, 'gaps', 'feedback-2026-03-01.json')).mode & 0o777).toBe(0o600);
});
