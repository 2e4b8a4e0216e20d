/**
 * Conversation state under load (`npm run bench -- --state`): turn latency with state in Azure Blob
 * storage on a local Azurite, and memory mode's bound after 100k one-message conversations.
 */
import http from 'node:http';
import { createApplication } from '../../bot/createApplication';
import { listen } from '../../bot/server';
import type { BoundedMemoryStorage } from '../../bot/state/boundedMemoryStorage';
import { createStorage } from '../../bot/state/createStorage';
import { startAzurite } from '../support/azurite';
import { silentLogger, testConfig } from '../support/testConfig';

/** A loopback connector that accepts every reply; resolves with its serviceUrl and a close function. */
async function startConnector(): Promise<{ serviceUrl: string; close(): void }> {
  const connector = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"id":"reply"}');
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  return { serviceUrl: `http://127.0.0.1:${(connector.address() as { port: number }).port}`, close: () => connector.close() };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function post(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const message = (serviceUrl: string, conversationId: string, text: string): string =>
  JSON.stringify({ type: 'message', text, channelId: 'emulator', serviceUrl, conversation: { id: conversationId }, from: { id: 'bench-user' }, recipient: { id: 'bot' } });

/**
 * Memory mode stays bounded. HTTP turns cost a few milliseconds each, so 100k of them would take about
 * ten minutes here: the HTTP phase runs for a bounded time (BENCH_MEMORY_SECONDS, default 60), then the
 * rest of the 100k one-message conversations are written straight to the same storage with the state a
 * real turn left (dialog state and safety record), which is what memory mode keeps per conversation.
 */
async function benchmarkMemoryGrowth(log: (line: string) => void): Promise<void> {
  const connector = await startConnector();
  const unlimited = { capacity: 1_000_000, refillMs: 60_000 };
  const settings = { kind: 'memory', idleTtlMs: 24 * 60 * 60_000, maxConversations: 10_000 } as const;
  const storage = createStorage(settings);
  const application = createApplication({
    config: testConfig({ localDirectLineEnabled: false, state: settings }),
    logger: silentLogger(),
    storage,
    rateLimits: { perConversation: unlimited, perClientUnauthenticated: unlimited },
  });
  const port = await listen(application.server, 0, '127.0.0.1');
  const total = 100_000;
  const deadline = performance.now() + Number(process.env.BENCH_MEMORY_SECONDS ?? 60) * 1000;
  const rssBefore = process.memoryUsage().rss;
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < total && performance.now() < deadline) {
        const id = next++;
        if ((await post(port, message(connector.serviceUrl, `memory-${id}`, "I'd like to book an appointment"))) !== 200) failures += 1;
      }
    }),
  );
  const viaHttp = next;
  const sample = await storage.read(['emulator/conversations/memory-0/', 'emulator/conversations/memory-0/safety']);
  const stateItem = sample['emulator/conversations/memory-0/'] as Record<string, unknown> | undefined;
  for (let id = viaHttp; id < total; id += 1) {
    const key = `emulator/conversations/memory-${id}/`;
    await storage.write({ [key]: { ...stateItem, eTag: '*' }, [`${key}safety`]: { screeningFlags: [], eTag: '*' } });
  }
  const rssAfter = process.memoryUsage().rss;
  const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
  log(
    `Memory mode, ${total} one-message conversations (${viaHttp} over HTTP, the rest written directly; cap 10,000, idle expiry 24 h): ` +
      `RSS ${mb(rssBefore)} MB -> ${mb(rssAfter)} MB, ${(storage as BoundedMemoryStorage).size} items kept, non-200 ${failures}`,
  );
  application.server.close();
  connector.close();
}

/** Turn latency with conversation state in Azure Blob storage on a local Azurite. */
async function benchmarkBlobLatency(log: (line: string) => void): Promise<void> {
  const azurite = await startAzurite();
  const connector = await startConnector();
  try {
    const application = createApplication({
      config: testConfig({ localDirectLineEnabled: false, state: { kind: 'blob', connectionString: azurite.connectionString, container: 'bench' } }),
      logger: silentLogger(),
    });
    const port = await listen(application.server, 0, '127.0.0.1');
    const timings: number[] = [];
    for (let turn = 0; turn < 200; turn += 1) {
      const before = performance.now();
      await post(port, message(connector.serviceUrl, `blob-${turn % 20}`, turn % 2 === 0 ? 'how long is a session' : 'does active release hurt'));
      timings.push(performance.now() - before);
    }
    timings.sort((a, b) => a - b);
    const at = (quantile: number): string => (timings[Math.floor(quantile * (timings.length - 1))] ?? 0).toFixed(1);
    log(`Blob storage on Azurite, 200 sequential turns in 20 conversations: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
    application.server.close();
  } finally {
    connector.close();
    await azurite.stop();
  }
}

export async function benchmarkState(log: (line: string) => void): Promise<void> {
  await benchmarkBlobLatency(log);
  await benchmarkMemoryGrowth(log);
  agent.destroy();
}
