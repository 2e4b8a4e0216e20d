/**
 * `npm run bench`: how fast routing and the HTTP endpoint are. Timing lives here, not in the tests.
 * The load test targets loopback only and is bounded in time and connections.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createApplication } from '../../bot/createApplication';
import { listen } from '../../bot/server';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import { findProjectRoot } from '../../knowledge/loading/projectRoot';
import { MessageRouter } from '../../knowledge/routing/messageRouter';
import { silentLogger, testConfig } from '../support/testConfig';

const root = findProjectRoot();

function benchmarkRouting(): void {
  const started = performance.now();
  const knowledgeBase = loadKnowledgeBase(join(root, 'knowledge'));
  const router = new MessageRouter(knowledgeBase);
  router.route('warm up the dictionary');
  const startupMs = performance.now() - started;

  const items = parse(readFileSync(join(root, 'tests/eval/dev-set.yaml'), 'utf8')) as { text: string }[];
  const rounds = 5;
  const timings: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const { text } of items) {
      const before = performance.now();
      router.route(text);
      timings.push(performance.now() - before);
    }
  }
  timings.sort((a, b) => a - b);
  const at = (quantile: number): string => (timings[Math.floor(quantile * (timings.length - 1))] ?? 0).toFixed(3);
  console.log(`Knowledge base load + router build: ${startupMs.toFixed(0)} ms`);
  console.log(`Routing ${timings.length} messages: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
}

async function benchmarkHttp(): Promise<void> {
  // A loopback stand-in for the channel's connector, so replies have somewhere to go.
  const connector = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"id":"reply"}');
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  const connectorPort = (connector.address() as { port: number }).port;

  // The load test measures throughput, not the rate limits: lift them.
  const unlimited = { capacity: 1_000_000, refillMs: 60_000 };
  const application = createApplication({
    config: testConfig({ localDirectLineEnabled: false }),
    logger: silentLogger(),
    rateLimits: { perConversation: unlimited, perClientUnauthenticated: unlimited },
  });
  const port = await listen(application.server, 0, '127.0.0.1');
  const activity = {
    type: 'message',
    text: 'does active release hurt',
    channelId: 'emulator',
    serviceUrl: `http://127.0.0.1:${connectorPort}`,
    conversation: { id: 'bench' },
    from: { id: 'bench-user' },
    recipient: { id: 'bot' },
  };
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
    connections: 10,
    duration: 5,
  });
  console.log(
    `POST /api/messages, 10 connections for 5 s: ${result.requests.average.toFixed(0)} req/s, ` +
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
  );
  application.server.close();
  connector.close();
}

async function main(): Promise<void> {
  benchmarkRouting();
  await benchmarkHttp();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
