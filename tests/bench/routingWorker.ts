/**
 * One knowledge base's routing figures, measured in a fresh process so load and build times are
 * cold and sizes do not share memory: `node dist/tests/bench/routingWorker.js <spec.json>` prints
 * a RoutingResult as JSON. Rounds alternate between the project's router and the peers, each round
 * one pass over the messages (bounded in time; the next pass of that system goes on where it stopped).
 */
import { readFileSync } from 'node:fs';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import { MessageRouter } from '../../knowledge/routing/messageRouter';
import { fusePeer, miniSearchPeer, type Peer } from './peers';

export interface RoutingSpec {
  readonly knowledgeDir: string;
  /** Where the knowledge base's caches are kept: empty for a first load after an edit, filled for a later start. */
  readonly cacheFolder: string;
  /** Only load and build (the first load after an edit), then stop. */
  readonly loadOnly: boolean;
  readonly messages: readonly string[];
  /** FAQ-labelled messages for a top-1 comparison with the peers (context only). */
  readonly labelled: readonly { readonly text: string; readonly expect: string }[];
  readonly rounds: number;
  /** Longest a pass of one system may take, in milliseconds (it always routes at least one message). */
  readonly passBudgetMs: number;
  /** Longest all timed passes of one system may take: fuse.js takes seconds a message at 30,000 entries. */
  readonly systemBudgetMs: number;
  /** Also time the largest messages the service accepts (about 120 KB). */
  readonly hugeMessages: boolean;
}

export interface SystemTiming {
  readonly name: string;
  readonly buildMs: number;
  readonly samples: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** Share of the FAQ-labelled messages whose best-ranked entry is the labelled one. */
  readonly top1?: number;
}

export interface RoutingResult {
  readonly entries: number;
  /** The first load and build after an edit (nothing cached), when measured. */
  readonly cold?: { readonly loadMs: number; readonly buildMs: number };
  readonly phrasings: number;
  readonly loadMs: number;
  readonly buildMs: number;
  readonly rssMb: number;
  readonly systems: readonly SystemTiming[];
  readonly huge: readonly { readonly kind: string; readonly kilobytes: number; readonly ms: number }[];
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))] ?? 0;
}

interface System {
  readonly name: string;
  readonly buildMs: number;
  run(message: string): unknown;
  best(message: string): string | undefined;
}

function timed<T>(make: () => T): [T, number] {
  const started = performance.now();
  const value = make();
  return [value, performance.now() - started];
}

function peerSystem(make: () => Peer): System {
  const [peer, buildMs] = timed(make);
  return { name: peer.name, buildMs, run: (message) => peer.best(message), best: (message) => peer.best(message) };
}

function main(): void {
  const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as RoutingSpec;
  const [knowledgeBase, loadMs] = timed(() => loadKnowledgeBase(spec.knowledgeDir, { cacheFolder: spec.cacheFolder }));
  // The build includes the first message, so nothing the router puts off until then is missed.
  const [router, buildMs] = timed(() => {
    const built = new MessageRouter(knowledgeBase);
    built.route('warm up');
    return built;
  });
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  if (spec.loadOnly) {
    const phrasings = knowledgeBase.faq.reduce((sum, entry) => sum + 1 + entry.alternates.length, 0);
    process.stdout.write(`${JSON.stringify({ entries: knowledgeBase.faq.length, phrasings, loadMs, buildMs, rssMb, systems: [], huge: [] } satisfies RoutingResult)}\n`);
    return;
  }
  const systems: System[] = [
    { name: 'project', buildMs, run: (message) => router.route(message), best: (message) => router.rank(message, 1)[0]?.id },
    peerSystem(() => fusePeer(knowledgeBase.faq)),
    peerSystem(() => miniSearchPeer(knowledgeBase.faq)),
  ];

  const samples = new Map<string, number[]>(systems.map((system) => [system.name, []]));
  const cursor = new Map<string, number>(systems.map((system) => [system.name, 0]));
  const spent = new Map<string, number>(systems.map((system) => [system.name, 0]));
  const pass = (system: System, record: boolean): void => {
    const started = performance.now();
    if (record && (spent.get(system.name) ?? 0) > spec.systemBudgetMs) return;
    const deadline = started + spec.passBudgetMs;
    const times = samples.get(system.name) ?? [];
    for (let done = 0; done < spec.messages.length && (done < 1 || performance.now() < deadline); done += 1) {
      const at = cursor.get(system.name) ?? 0;
      const message = spec.messages[at % spec.messages.length] ?? '';
      cursor.set(system.name, at + 1);
      const started = performance.now();
      system.run(message);
      const elapsed = performance.now() - started;
      if (record) times.push(elapsed);
    }
    if (record) spent.set(system.name, (spent.get(system.name) ?? 0) + performance.now() - started);
  };
  // A warm-up pass each, then rounds in turn, each round in a rotated order.
  for (const system of systems) pass(system, false);
  for (let round = 0; round < spec.rounds; round += 1) {
    for (let index = 0; index < systems.length; index += 1) pass(systems[(round + index) % systems.length] as System, true);
  }

  const results: SystemTiming[] = systems.map((system) => {
    const sorted = [...(samples.get(system.name) ?? [])].sort((a, b) => a - b);
    const right = spec.labelled.filter((item) => system.best(item.text) === item.expect).length;
    return {
      name: system.name,
      buildMs: system.buildMs,
      samples: sorted.length,
      p50Ms: quantile(sorted, 0.5),
      p95Ms: quantile(sorted, 0.95),
      ...(spec.labelled.length === 0 ? {} : { top1: right / spec.labelled.length }),
    };
  });

  const huge: { kind: string; kilobytes: number; ms: number }[] = [];
  if (spec.hugeMessages) {
    // The largest message the service accepts is about 128 KB; safety reads every word of it.
    for (const [kind, text] of [
      ['ordinary words', 'my back is sore and tight after running '.repeat(3000)],
      ['safety words', 'pain chest pain fell broke '.repeat(4500)],
      // A held-down key: one 8,000-letter "word". Spelling correction must not cost the square of its length.
      ['one held-down key', 'ha'.repeat(4000)],
      ['emoji and symbols', '🙂 ✔︎ … 🤷🏽‍♀️ '.repeat(10_000)],
    ] as const) {
      const [, ms] = timed(() => {
        for (let repeat = 0; repeat < 3; repeat += 1) router.route(text);
      });
      huge.push({ kind, kilobytes: Math.round(text.length / 1000), ms: ms / 3 });
    }
  }
  const phrasings = knowledgeBase.faq.reduce((sum, entry) => sum + 1 + entry.alternates.length, 0);
  const result: RoutingResult = { entries: knowledgeBase.faq.length, phrasings, loadMs, buildMs, rssMb, systems: results, huge };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
