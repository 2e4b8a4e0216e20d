import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateRouter, type EvaluationResult, type EvaluationSummary } from '../../knowledge/eval/evaluateRouter';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import { MessageRouter } from '../../knowledge/routing/messageRouter';
import { KnowledgeCopy, PROJECT_ROOT } from './support/knowledgeCopy';
import { FIXTURE_EVAL_DIR, FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

/** Each CLI is a real child process (~1-3 s each), so they all start at once in beforeAll. */
jest.setTimeout(90_000);

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const TSX = join(PROJECT_ROOT, 'node_modules/.bin/tsx');

function runCli(script: string, args: readonly string[], extraEnv: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  // The engine's CLIs run on the frozen fixtures, never on the clinic's knowledge/ and tests/eval.
  const env: NodeJS.ProcessEnv = { ...process.env, KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE_DIR, EVAL_DIR: FIXTURE_EVAL_DIR, ...extraEnv };
  // Under `npm test`, npm sets INIT_CWD; the CLIs must not depend on how jest was started.
  delete env.INIT_CWD;
  return new Promise((resolve) => {
    execFile(TSX, [join('knowledge/cli', script), ...args], { cwd: PROJECT_ROOT, env, timeout: 80_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

const knowledgeBase = loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR);
const painful = knowledgeBase.faq.find((entry) => entry.id === 'is-art-painful');
if (painful === undefined) throw new Error('the knowledge base has no is-art-painful entry');

/** A labelled set with one item deliberately mislabelled, so the report has a confusion and a failure to show. */
const ITEMS = [
  { text: painful.question, expect: 'is-art-painful' },
  { text: 'does active release hurt', expect: 'is-art-painful' },
  { text: 'i have crushing chest pain right now', expect: 'emergency' },
  { text: 'blorp fizzwick quandle', expect: 'none' },
  { text: 'my chest feels crushed and heavy', expect: 'session-length' },
];

let folder: string;
let labelledFile: string;
let badLabelFile: string;
let brokenCopy: KnowledgeCopy;
let brokenLine: number;
let calibrationCopy: KnowledgeCopy;
let runs: Record<'json' | 'report' | 'badLabel' | 'noFile' | 'ask' | 'checkReal' | 'checkBroken' | 'calibrate', CliRun>;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'eval-cli-'));
  labelledFile = join(folder, 'labelled.yaml');
  writeFileSync(labelledFile, ITEMS.map((item) => `- text: ${JSON.stringify(item.text)}\n  expect: ${item.expect}`).join('\n'));
  badLabelFile = join(folder, 'bad-label.yaml');
  writeFileSync(badLabelFile, ['- text: does active release hurt', '  expect: is-art-painful', '- text: how long is a session', '  expect: session-lenght', ''].join('\n'));
  brokenCopy = KnowledgeCopy.create();
  brokenLine = brokenCopy.editEntryField('faq.yaml', 'benefits', 'sources', () => ['    sources: [journal-of-made-up-results]']);

  calibrationCopy = KnowledgeCopy.create();
  const [json, report, badLabel, noFile, ask, checkReal, checkBroken, calibrate] = await Promise.all([
    runCli('evaluate.ts', ['--file', labelledFile, '--json']),
    runCli('evaluate.ts', ['--file', labelledFile]),
    runCli('evaluate.ts', ['--file', badLabelFile]),
    runCli('evaluate.ts', ['--json']),
    runCli('ask.ts', ['does active release hurt']),
    runCli('checkKnowledgeBase.ts', []),
    runCli('checkKnowledgeBase.ts', [], { KNOWLEDGE_DIR: brokenCopy.directory }),
    runCli('calibrate.ts', ['--file', join(FIXTURE_EVAL_DIR, 'dev-set.yaml'), '--write'], { KNOWLEDGE_DIR: calibrationCopy.directory }),
  ]);
  runs = { json, report, badLabel, noFile, ask, checkReal, checkBroken, calibrate };
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
  brokenCopy.dispose();
  calibrationCopy.dispose();
});

describe('npm run eval', () => {
  it('--json prints every result and the summary, as the library computes them', () => {
    expect(runs.json).toMatchObject({ code: 0, stderr: '' });
    const output = JSON.parse(runs.json.stdout) as { results: EvaluationResult[]; summary: EvaluationSummary };

    expect(output.results).toHaveLength(ITEMS.length);
    output.results.forEach((result, index) => {
      expect(Object.keys(result).sort()).toEqual(['candidates', 'expect', 'id', 'route', 'score', 'text']);
      expect({ text: result.text, expect: result.expect }).toEqual(ITEMS[index]);
    });
    expect(output.results.map((result) => result.route)).toEqual(['answer', 'answer', 'emergency', 'fallback', 'emergency']);
    expect(output.summary).toMatchObject({ items: ITEMS.length, faqItems: 3, emergencyRecall: 1, noneAnsweredRate: 0 });

    // The CLI adds nothing of its own: the same items through the library give the same results.
    expect(output.results).toEqual(evaluateRouter(new MessageRouter(knowledgeBase), ITEMS));
  });

  it('prints a readable report: accuracy per label, confusions, failures and the summary', () => {
    expect(runs.report.code).toBe(0);
    const report = runs.report.stdout;
    expect(report).toContain(`Evaluated ${ITEMS.length} messages (3 FAQ questions)`);
    expect(report).toMatch(/Accuracy per label:[\s\S]*100\.0%\s+2\/2\s+is-art-painful/);
    expect(report).toMatch(/0\.0%\s+0\/1\s+session-length/);
    expect(report).toMatch(/Confusions \(expected → got\):\s+1 × session-length → emergency/);
    expect(report).toMatch(/Failures:\s+\[session-length → emergency via emergency\] my chest feels crushed and heavy/);
    expect(report).toContain('emergencies routed to emergency:    100.0%');
    // The mislabelled item drags top-1 accuracy to 2 of 3, below the target.
    expect(report).toMatch(/Targets missed:\s+- top-1 accuracy on FAQ items is 66\.7%/);
  });

  it('refuses a labelled file with an unknown label, naming the file, item and field', () => {
    expect(runs.badLabel.code).toBe(1);
    expect(runs.badLabel.stdout).toBe('');
    expect(runs.badLabel.stderr).toContain(`${badLabelFile} line 4 (entry "#2", field "expect"): `);
    expect(runs.badLabel.stderr).toContain('"session-lenght" is not an FAQ id');
  });

  it('without --file, prints the usage and exits with 2', () => {
    expect(runs.noFile.code).toBe(2);
    expect(runs.noFile.stdout).toBe('');
    expect(runs.noFile.stderr).toMatch(/Usage: .*--file/);
  });
});

describe('npm run ask', () => {
  it('shows the route, score, candidates and the answer', () => {
    expect(runs.ask.code).toBe(0);
    const output = runs.ask.stdout;
    expect(output).toMatch(/^route:\s+answer$/m);
    expect(output).toMatch(/^id:\s+is-art-painful$/m);
    const score = Number(/^score:\s+([\d.]+)$/m.exec(output)?.[1]);
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(1);
    const confidence = Number(/^confidence:\s+([\d.]+)/m.exec(output)?.[1]);
    expect(confidence).toBeGreaterThanOrEqual(knowledgeBase.matching.decision.answerAt);
    expect(output).toMatch(/^candidates:\n\s+[\d.]+\s+is-art-painful$/m);
    expect(output).toContain(painful.question);
    expect(output).toContain(painful.answer.trim().split('\n')[0]);
  });
});

describe('npm run kb:check', () => {
  it('passes the fixture knowledge base', () => {
    expect(runs.checkReal.code).toBe(0);
    expect(runs.checkReal.stdout).toContain(`is valid: ${knowledgeBase.faq.length} FAQ entries`);
    expect(runs.checkReal.stdout).toMatch(/✔ Every FAQ entry has at least 5 evaluation messages|⚠ \d+ FAQ entr(y has|ies have) fewer than 5 evaluation messages/);
    expect(runs.checkReal.stderr).toBe('');
  });

  it('fails a broken copy (KNOWLEDGE_DIR) with a readable message naming file, entry and field', () => {
    expect(runs.checkBroken.code).toBe(1);
    expect(runs.checkBroken.stdout).toBe('');
    expect(runs.checkBroken.stderr).toContain(`faq.yaml line ${brokenLine} (entry "benefits", field "sources.0"): `);
    expect(runs.checkBroken.stderr).toContain('"journal-of-made-up-results" is not a source listed in sources.yaml');
    // Plain words for a curator, not a stack trace.
    expect(runs.checkBroken.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm run kb:calibrate', () => {
  it('fits the decision, states its error rates, and --write saves it into matching.yaml with the comments kept', () => {
    expect(runs.calibrate).toMatchObject({ code: 0, stderr: '' });
    const output = runs.calibrate.stdout;
    expect(output).toMatch(/^Fitted on \d+ messages the ranking decides \(\d+ in scope, \d+ out of scope\) from 1 files\.$/m);
    for (const line of ['in-scope answered right:', 'in-scope answered wrong:', 'out-of-scope answered:']) expect(output).toMatch(new RegExp(`${line}\\s+[\\d.]+%`));
    const printed = JSON.parse(/^decision: (.*)$/m.exec(output)?.[1] ?? 'null') as unknown;
    const saved = loadKnowledgeBase(calibrationCopy.directory).matching.decision;
    expect(saved).toEqual(printed);
    expect(saved).not.toEqual(knowledgeBase.matching.decision);
    // Only the decision's numbers change: every other line stays as the curator wrote it.
    const numbers = /^\s+(answerAt|suggestAt|bias|bestScore|runnerUpScore|margin|scope|bestPhrase|coverage|length): /;
    const otherLines = (text: string): string[] => text.split('\n').filter((line) => !numbers.test(line));
    const before = readFileSync(join(FIXTURE_KNOWLEDGE_DIR, 'matching.yaml'), 'utf8');
    expect(otherLines(readFileSync(join(calibrationCopy.directory, 'matching.yaml'), 'utf8'))).toEqual(otherLines(before));
  });
});
