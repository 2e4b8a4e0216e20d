/**
 * `npm run bench`: every figure of the performance table, side by side, in one run. The project is
 * read against a floor (a bare echo bot on the same restify + CloudAdapter) and peers (fuse.js and
 * MiniSearch over the same phrasings); rounds alternate between them, so on a shared machine both
 * sides of a ratio see the same load. Ratios are the result; absolute times are context.
 *
 *   npm run bench                  the whole table (about 3 to 5 minutes)
 *   npm run bench -- --json        the same, as JSON for tools
 *   npm run bench -- --quick       fewer, shorter rounds, knowledge bases up to 3,000 entries
 *   npm run bench -- --only=routing,servers   --sizes=300,3000   --state (Blob latency, memory bound)
 *
 * Everything runs on loopback and is bounded in time; timing never runs in `npm test`.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findProjectRoot } from '../../knowledge/loading/projectRoot';
import { compileForBenchmark, runWorker } from './benchProcesses';
import { formatTable, routingRows, serverRows, type Row } from './benchTable';
import type { RoutingResult, RoutingSpec } from './routingWorker';
import { benchmarkLoad, benchmarkStartup, type LoadRound, type StartupRound } from './serverBenchmarks';
import { benchmarkState } from './stateBenchmarks';
import { writeSyntheticKnowledgeBase } from './syntheticKnowledgeBase';

const root = findProjectRoot();
const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(`--${name}`);
const option = (name: string): string | undefined => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

const json = flag('json');
const quick = flag('quick');
const only = new Set((option('only') ?? 'routing,servers').split(','));
const sizes = (option('sizes') ?? (quick ? '300,3000' : '300,3000,30000')).split(',').map(Number);
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

interface LabelledItem {
  readonly text: string;
  readonly expect: string;
}

function devSet(): LabelledItem[] {
  return parse(readFileSync(join(root, 'tests/eval/dev-set.yaml'), 'utf8')) as LabelledItem[];
}

async function routing(): Promise<Map<string, RoutingResult>> {
  const items = devSet();
  const shipped = join(root, 'knowledge');
  const faqIds = new Set((parse(readFileSync(join(shipped, 'faq.yaml'), 'utf8')) as { entries: { id: string }[] }).entries.map((entry) => entry.id));
  const results = new Map<string, RoutingResult>();
  const scratch = mkdtempSync(join(tmpdir(), 'art-faq-bench-'));
  try {
    const plans: [string, string, readonly string[], readonly LabelledItem[]][] = [['shipped', shipped, items.map((item) => item.text), items.filter((item) => faqIds.has(item.expect))]];
    for (const size of sizes) {
      const synthetic = writeSyntheticKnowledgeBase(shipped, size);
      plans.push([String(size), synthetic.directory, [...items.map((item) => item.text), ...synthetic.messages], []]);
    }
    for (const [label, knowledgeDir, messages, labelled] of plans) {
      log(`Routing, ${label} knowledge base…`);
      // An empty cache folder: the first process loads as after an edit, the second as at a later start.
      const cacheFolder = join(scratch, `cache-${label}`);
      const spec: RoutingSpec = {
        knowledgeDir,
        cacheFolder,
        loadOnly: true,
        messages,
        labelled,
        rounds: quick ? 3 : 5,
        passBudgetMs: quick ? 1500 : 3000,
        systemBudgetMs: quick ? 6000 : 15_000,
        hugeMessages: label === 'shipped',
      };
      const specPath = join(scratch, `${label}.json`);
      writeFileSync(specPath, JSON.stringify(spec));
      const cold = await runWorker<RoutingResult>(root, 'dist/tests/bench/routingWorker.js', [specPath]);
      log(`  first load after an edit: load ${cold.loadMs.toFixed(0)} ms + build ${cold.buildMs.toFixed(0)} ms`);
      writeFileSync(specPath, JSON.stringify({ ...spec, loadOnly: false }));
      const result = { ...(await runWorker<RoutingResult>(root, 'dist/tests/bench/routingWorker.js', [specPath])), cold: { loadMs: cold.loadMs, buildMs: cold.buildMs } };
      for (const system of result.systems) {
        log(`  ${system.name}: p50 ${system.p50Ms.toFixed(3)} ms, p95 ${system.p95Ms.toFixed(3)} ms over ${system.samples} messages (build ${system.buildMs.toFixed(0)} ms)`);
      }
      log(`  load ${result.loadMs.toFixed(0)} ms + build ${result.buildMs.toFixed(0)} ms, ${result.entries} entries, ${result.phrasings} phrasings, RSS ${result.rssMb.toFixed(0)} MB`);
      results.set(label, result);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return results;
}

interface Machine {
  readonly cpus: number;
  readonly model: string;
  readonly memoryGb: number;
  readonly node: string;
  readonly commit: string;
  readonly loadAverage: readonly number[];
}

function machine(): Machine {
  const commit = ((): string => {
    try {
      return execSync('git rev-parse --short HEAD', { cwd: root, encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  return { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version, commit, loadAverage: loadavg().map((value) => Number(value.toFixed(2))) };
}

async function main(): Promise<void> {
  const before = machine();
  log(`Compiling for the benchmark (dist/ when stale, and the bench's own entry points)…`);
  compileForBenchmark(root);
  const routingResults = only.has('routing') ? await routing() : new Map<string, RoutingResult>();
  let startup: StartupRound[] = [];
  let load: LoadRound[] = [];
  if (only.has('servers')) {
    const messages = devSet().map((item) => item.text);
    const options = { startupRounds: quick ? 3 : 5, loadRounds: quick ? 2 : 3, roundSeconds: quick ? 3 : 5, messages, log };
    log('Start-up to /healthz and RSS, echo bot and project in turn…');
    startup = await benchmarkStartup(root, options);
    for (const round of startup) log(`  ${round.system}: ${round.startupMs.toFixed(0)} ms, RSS ${round.rssMb.toFixed(0)} MB`);
    log('Turns under load (autocannon on loopback), echo bot and project in turn…');
    load = await benchmarkLoad(root, options);
  }
  if (flag('state') || only.has('state')) {
    await benchmarkState(log);
  }
  const rows: Row[] = [...serverRows(startup, load), ...routingRows(routingResults)];
  const after = { loadAverage: loadavg().map((value) => Number(value.toFixed(2))) };
  if (json) {
    process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), machine: { ...before, loadAverageAfter: after.loadAverage }, rows, raw: { routing: Object.fromEntries(routingResults), startup, load } }, null, 2)}\n`);
    return;
  }
  console.log(`\n${before.cpus} × ${before.model}, ${before.memoryGb} GB, Node ${before.node}, commit ${before.commit}; load average ${JSON.stringify(before.loadAverage)} before, ${JSON.stringify(after.loadAverage)} after\n`);
  console.log(formatTable(rows));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
