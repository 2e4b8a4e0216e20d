/**
 * The project against the echo bot on the same server stack: start-up, memory, and turns under a
 * loopback load (autocannon), rounds alternating between the two so a busy machine slows both alike.
 * Replies go to a loopback stand-in for the channel's connector, which counts them.
 */
import autocannon from 'autocannon';
import http from 'node:http';
import { cpuMs, rssMb, startServer, type RunningServer } from './benchProcesses';

export const SYSTEMS = ['echo', 'project'] as const;
export type SystemName = (typeof SYSTEMS)[number];
export const CHANNELS = ['webchat', 'msteams'] as const;
export type Channel = (typeof CHANNELS)[number];

const START_SCRIPTS: Readonly<Record<SystemName, string>> = { echo: 'dist/tests/bench/echoBot.js', project: 'dist/bot/index.js' };
const LOAD_SCRIPTS: Readonly<Record<SystemName, string>> = { echo: 'dist/tests/bench/echoBot.js', project: 'dist/tests/bench/projectLoadServer.js' };
/** As in production: no development Direct Line, logs at info (to /dev/null here). */
const SERVER_ENV = { NODE_ENV: 'production', LOG_LEVEL: 'info' } as const;

export interface StartupRound {
  readonly system: SystemName;
  readonly startupMs: number;
  readonly rssMb: number;
}

export interface LoadRound {
  readonly system: SystemName;
  readonly channel: Channel;
  /** 'throughput': as fast as 10 connections go; 'latency': a fixed 100 turns a second. */
  readonly kind: 'throughput' | 'latency';
  readonly turns: number;
  readonly seconds: number;
  readonly turnsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuMsPerTurn: number;
  /** Share of one core the bot used. */
  readonly cpuShare: number;
  readonly activitiesPerTurn: number;
  readonly failures: number;
}

export interface ServerOptions {
  readonly startupRounds: number;
  readonly loadRounds: number;
  readonly roundSeconds: number;
  readonly messages: readonly string[];
  readonly log: (line: string) => void;
}

export async function benchmarkStartup(root: string, options: ServerOptions): Promise<StartupRound[]> {
  const rounds: StartupRound[] = [];
  for (let round = 0; round < options.startupRounds; round += 1) {
    // Alternate which goes first, so neither always follows the other's page cache.
    const order = round % 2 === 0 ? SYSTEMS : [...SYSTEMS].reverse();
    for (const system of order) {
      const server = await startServer(root, START_SCRIPTS[system], SERVER_ENV);
      const pid = server.child.pid ?? 0;
      rounds.push({ system, startupMs: server.startupMs, rssMb: rssMb(pid) });
      await server.stop();
    }
  }
  return rounds;
}

/** Counts the activities each system sends, by the first part of the conversation id. */
async function startConnector(): Promise<{ serviceUrl: string; sent: Map<string, number>; close(): void }> {
  const sent = new Map<string, number>();
  const connector = http.createServer((request, response) => {
    const conversation = /\/v3\/conversations\/([^/]+)\//.exec(request.url ?? '')?.[1] ?? '';
    const system = decodeURIComponent(conversation).split('-')[0] ?? '';
    sent.set(system, (sent.get(system) ?? 0) + 1);
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"id":"reply"}');
    });
  });
  connector.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  const { port } = connector.address() as { port: number };
  return { serviceUrl: `http://127.0.0.1:${port}`, sent, close: () => connector.close() };
}

/** A patient's message as the channel posts it; Teams adds its tenant and the sender's AAD id. */
function activity(channel: Channel, serviceUrl: string, conversationId: string, text: string, id: number): string {
  const base = { type: 'message', id: `m${id}`, text, channelId: channel, serviceUrl, recipient: { id: 'bot', name: 'bot' }, locale: 'en-US' };
  if (channel === 'msteams') {
    return JSON.stringify({
      ...base,
      conversation: { id: conversationId, conversationType: 'personal', tenantId: 'bench-tenant' },
      from: { id: `29:${conversationId}`, aadObjectId: `aad-${conversationId}` },
      channelData: { tenant: { id: 'bench-tenant' } },
    });
  }
  return JSON.stringify({ ...base, conversation: { id: conversationId }, from: { id: `user-${conversationId}` } });
}

interface LoadPlan {
  readonly system: SystemName;
  readonly channel: Channel;
  readonly kind: LoadRound['kind'];
  readonly seconds: number;
  readonly label: string;
}

async function loadRound(server: RunningServer, connector: Awaited<ReturnType<typeof startConnector>>, plan: LoadPlan, messages: readonly string[]): Promise<LoadRound> {
  let next = 0;
  const body = (): string => {
    next += 1;
    // 300 conversations of a few turns each; every round has its own, so none carries over a dialog.
    const conversationId = `${plan.system}-${plan.label}-${next % 300}`;
    return activity(plan.channel, connector.serviceUrl, conversationId, messages[next % messages.length] ?? 'hello', next);
  };
  const pid = server.child.pid ?? 0;
  const sentBefore = connector.sent.get(plan.system) ?? 0;
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections: plan.kind === 'throughput' ? 10 : 4,
    ...(plan.kind === 'latency' ? { overallRate: 100 } : {}),
    duration: plan.seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'Content-Type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: body() }),
      },
    ],
  });
  const cpu = cpuMs(pid) - cpuBefore;
  const turns = result['2xx'];
  const seconds = result.duration;
  return {
    system: plan.system,
    channel: plan.channel,
    kind: plan.kind,
    turns,
    seconds,
    turnsPerSecond: turns / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMsPerTurn: turns === 0 ? 0 : cpu / turns,
    cpuShare: cpu / (seconds * 1000),
    activitiesPerTurn: turns === 0 ? 0 : ((connector.sent.get(plan.system) ?? 0) - sentBefore) / turns,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

export async function benchmarkLoad(root: string, options: ServerOptions): Promise<LoadRound[]> {
  const connector = await startConnector();
  const servers = new Map<SystemName, RunningServer>();
  try {
    for (const system of SYSTEMS) servers.set(system, await startServer(root, LOAD_SCRIPTS[system], SERVER_ENV));
    const run = (plan: LoadPlan): Promise<LoadRound> => loadRound(servers.get(plan.system) as RunningServer, connector, plan, options.messages);
    // Warm up both (JIT, caches, the first conversations) before anything counts.
    for (const system of SYSTEMS) for (const channel of CHANNELS) await run({ system, channel, kind: 'throughput', seconds: 2, label: `warm-${channel}` });
    const rounds: LoadRound[] = [];
    const plans: LoadPlan[] = [];
    for (let round = 0; round < options.loadRounds; round += 1) {
      const order = round % 2 === 0 ? SYSTEMS : [...SYSTEMS].reverse();
      for (const channel of CHANNELS) for (const system of order) plans.push({ system, channel, kind: 'throughput', seconds: options.roundSeconds, label: `t${round}-${channel}` });
      for (const system of order) plans.push({ system, channel: 'webchat', kind: 'latency', seconds: options.roundSeconds, label: `l${round}` });
    }
    for (const plan of plans) {
      const result = await run(plan);
      options.log(
        `  ${plan.kind} ${plan.channel} ${plan.system}: ${result.turnsPerSecond.toFixed(0)} turns/s, p99 ${result.p99Ms} ms, ` +
          `${result.cpuMsPerTurn.toFixed(3)} ms CPU/turn (${(result.cpuShare * 100).toFixed(0)}% of a core), ${result.activitiesPerTurn.toFixed(2)} activities/turn, ${result.failures} failed`,
      );
      rounds.push(result);
    }
    return rounds;
  } finally {
    for (const server of servers.values()) await server.stop();
    connector.close();
  }
}
