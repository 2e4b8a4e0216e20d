import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatGapsReport } from '../../knowledge/gaps/formatGapsReport';
import { dayOf, gapRecordSchema, type GapRecord } from '../../knowledge/gaps/gapRecord';
import { buildGapsReport, type ClusterReport, type GapsReport } from '../../knowledge/gaps/gapsReport';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';
import { PROJECT_ROOT } from './support/knowledgeCopy';

/**
 * `npm run kb:gaps` on a fixture log (tests/fixtures/gaps-log.jsonl, redacted records as the
 * bot writes them, one line not a record): clusters, nearest entries, the alternates line or "new
 * topic?", the least helpful answers; then the real CLI as a child process on a folder store.
 */
jest.setTimeout(60_000);

const { knowledgeBase, router } = fixtureKnowledge();
const FIXTURE = join(__dirname, '..', 'fixtures', 'gaps-log.jsonl');
const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((line) => line.trim() !== '');
const records: GapRecord[] = lines.flatMap((line) => {
  try {
    const parsed = gapRecordSchema().safeParse(JSON.parse(line));
    return parsed.success ? [parsed.data] : [];
  } catch {
    return [];
  }
});
const feedback = [
  { day: '2026-03-10', entryId: 'session-length', helpful: 1, notHelpful: 3 },
  { day: '2026-03-11', entryId: 'session-length', helpful: 1, notHelpful: 1 },
  { day: '2026-03-10', entryId: 'cost-and-insurance', helpful: 9, notHelpful: 1 },
  { day: '2026-03-10', entryId: 'what-to-wear', helpful: 4, notHelpful: 0 },
];
const report = buildGapsReport(records, feedback, knowledgeBase, router, 30);

function clusterWith(text: string): ClusterReport {
  const found = report.clusters.find((cluster) => cluster.examples.some((example) => example.text === text));
  if (found === undefined) throw new Error(`no cluster holds "${text}"`);
  return found;
}

const texts = (cluster: ClusterReport): string[] => cluster.examples.map((example) => example.text).sort();

describe('the gaps report (kb:gaps) on a fixture log', () => {
  it('reads every record of the fixture', () => {
    expect(records).toHaveLength(lines.length - 1);
    expect(report.total).toBe(records.length);
    expect([report.firstDay, report.lastDay]).toEqual(['2026-03-02', '2026-03-16']);
  });

  it('groups questions that ask the same thing, whatever their words, and keeps different ones apart', () => {
    expect(texts(clusterWith('do you sell gift cards'))).toEqual(['can I buy a gift card for my wife', 'do you sell gift cards']);
    expect(texts(clusterWith('how much is a session for students'))).toEqual(['do students get a cheaper session price', 'how much is a session for students', 'is there a student price for a session']);
    expect(texts(clusterWith('do you do home visits'))).toEqual(['could a therapist visit me at home', 'do you do home visits', 'my name is [name], do you do home visits']);
    expect(texts(clusterWith('do you have a female therapist'))).toEqual(['can I ask for a female therapist', 'do you have a female therapist']);
    expect(texts(clusterWith('is there wifi in the waiting room'))).toEqual(['is there wifi in the waiting room']);
  });

  it('lists clusters largest first, counting repeats of one question, with their routes and days', () => {
    const counts = report.clusters.map((cluster) => cluster.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(report.clusters.reduce((total, cluster) => total + cluster.count, 0)).toBe(records.length);
    const gifts = clusterWith('do you sell gift cards');
    expect(gifts.examples[0]).toEqual({ text: 'do you sell gift cards', count: 2 });
    expect(gifts).toMatchObject({ count: 3, routes: { fallback: 3, 'none-of-these': 0, rephrased: 0 }, firstDay: '2026-03-02', lastDay: '2026-03-05' });
  });

  it('gives a ready-to-paste alternates line when one entry is clearly meant, with a question not yet answered', () => {
    const students = clusterWith('how much is a session for students');
    expect(students.nearest[0]?.id).toBe('cost-and-insurance');
    expect(students.nowAnswered).toBe(2);
    expect(students.newTopic).toBe(false);
    expect(students.suggestion).toEqual({
      entryId: 'cost-and-insurance',
      question: knowledgeBase.faq.find((entry) => entry.id === 'cost-and-insurance')?.question,
      alternate: 'how much is a session for students',
      line: '      - how much is a session for students',
      shortened: false,
    });
  });

  it('says "new topic?" when no entry is clearly meant, or nothing comes close', () => {
    for (const text of ['do you sell gift cards', 'do you do home visits', 'do you have a female therapist', 'is there wifi in the waiting room']) {
      expect(clusterWith(text)).toMatchObject({ newTopic: true, suggestion: undefined });
    }
    expect(clusterWith('do you sell gift cards').nearest).toEqual([]);
  });

  it('never suggests the entry patients answered with "None of these"', () => {
    const discounts = clusterWith('are there any discounts');
    // The ranking alone would be fairly sure of it (and offered it: that is how these were recorded).
    expect(router.confidence('are there any discounts').confidence).toBeGreaterThanOrEqual(0.5);
    expect(discounts.nearest[0]?.id).toBe('cost-and-insurance');
    expect(discounts).toMatchObject({ count: 2, routes: { 'none-of-these': 2 }, newTopic: true, suggestion: undefined });
  });

  it('says when the bot answers a cluster now, and then suggests nothing', () => {
    const open = clusterWith('is the clinic open on [date]');
    expect(open).toMatchObject({ nowAnswered: 1, suggestion: undefined, newTopic: false });
  });

  it('lists the least helpful answers: most 👎 first, only entries with a 👎', () => {
    expect(report.leastHelpful).toEqual([
      { entryId: 'session-length', question: 'How long does a session last?', helpful: 2, notHelpful: 4 },
      { entryId: 'cost-and-insurance', question: knowledgeBase.faq.find((entry) => entry.id === 'cost-and-insurance')?.question, helpful: 9, notHelpful: 1 },
    ]);
  });

  it('prints it in plain words for staff', () => {
    const text = formatGapsReport(report);
    expect(text).toContain(`${records.length} unanswered questions from 2026-03-02 to 2026-03-16`);
    expect(text).toContain('"do you sell gift cards" ×2');
    expect(text).toContain('→ clearly meant: cost-and-insurance');
    expect(text).toContain('\n      - how much is a session for students\n');
    expect(text).toContain('→ new topic?');
    expect(text).toContain('nearest: nothing in faq.yaml comes close');
    expect(text).toContain('👎 4  👍 2  session-length ("How long does a session last?")');
  });

  it('says so when nothing is kept', () => {
    const empty = buildGapsReport([], [], knowledgeBase, router, 30);
    expect(formatGapsReport(empty)).toContain('No unanswered questions kept (the gaps log keeps them for 30 days).');
  });
});

describe('npm run kb:gaps', () => {
  const TSX = join(PROJECT_ROOT, 'node_modules/.bin/tsx');
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'kb-gaps-'));
    // The fixture's questions as if asked today, and a file from long ago that retention must delete.
    const today = dayOf(Date.now());
    writeFileSync(join(folder, `gaps-${today}.jsonl`), lines.map((line) => line.replace(/"day":"[^"]+"/, `"day":"${today}"`)).join('\n'));
    writeFileSync(join(folder, 'gaps-2020-01-01.jsonl'), `${JSON.stringify({ ...records[0], day: '2020-01-01' })}\n`);
    writeFileSync(join(folder, `feedback-${today}.json`), JSON.stringify({ 'session-length': { helpful: 1, notHelpful: 3 } }));
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function kbGaps(args: readonly string[]): Promise<{ code: number; stdout: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE_DIR, GAPS_DIR: folder, STATE_STORAGE: 'memory', GAPS_LOG: 'on' };
    delete env.INIT_CWD;
    return new Promise((resolve) => {
      execFile(TSX, ['bot/cli/gapsReport.ts', ...args], { cwd: PROJECT_ROOT, env, timeout: 50_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout });
      });
    });
  }

  it('prints the clusters for staff, and --json the same report for tools, deleting expired days first', async () => {
    const [text, json] = await Promise.all([kbGaps([]), kbGaps(['--json'])]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Gaps log: on; store: ${folder}`);
    expect(text.stdout).toContain('"do you sell gift cards" ×2');
    expect(text.stdout).toContain('      - how much is a session for students');
    expect(text.stdout).toContain('(1 line(s) in the store were not records and were skipped.)');
    expect(text.stdout).toContain('👎 3  👍 1  session-length');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as GapsReport & { unreadable: number; gapsLog: string };
    expect(parsed).toMatchObject({ total: records.length, unreadable: 1, gapsLog: 'on', retentionDays: 30 });
    expect(parsed.clusters.find((cluster) => cluster.suggestion?.entryId === 'cost-and-insurance')?.suggestion?.line).toBe('      - how much is a session for students');
    expect(existsSync(join(folder, 'gaps-2020-01-01.jsonl'))).toBe(false);
  });
});
