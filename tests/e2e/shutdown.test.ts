import { spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { shutDownGracefully } from '../../bot/shutdown';
import { findProjectRoot } from '../../knowledge/loading/projectRoot';
import { startBot } from '../support/botUnderTest';
import { request } from '../support/httpClient';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

/** A loopback channel that answers each reply once `release()` is called. */
async function heldChannel(): Promise<{ serviceUrl: string; received: Promise<void>; release(): void; requestsReach(count: number): Promise<void>; close(): Promise<void> }> {
  const waiting: http.ServerResponse[] = [];
  let released = false;
  let requests = 0;
  const counted: (() => void)[] = [];
  let signalReceived: () => void = () => undefined;
  const received = new Promise<void>((resolve) => {
    signalReceived = resolve;
  });
  const answer = (response: http.ServerResponse): void => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{"id":"r"}');
  };
  const server = http.createServer((_request, response) => {
    requests += 1;
    for (const check of counted) check();
    signalReceived();
    if (released) answer(response);
    else waiting.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    received,
    release() {
      released = true;
      for (const response of waiting.splice(0)) answer(response);
    },
    requestsReach: (count) =>
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (requests >= count) resolve();
        };
        counted.push(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('graceful shutdown', () => {
  it('stops accepting, lets the turn in flight finish, then reports drained', async () => {
    const channel = await heldChannel();
    const bot = await startBot({}, { replyBudgetMs: 10_000 });
    try {
      const inFlight = bot.endpoint('shutdown-1', channel.serviceUrl).say('how long is a session');
      await channel.received;
      const stopping = shutDownGracefully(bot.server, 5000);
      // New connections are refused at once.
      await expect(request('GET', `${bot.baseUrl}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
      channel.release();
      expect((await inFlight).status).toBe(200);
      expect(await stopping).toBe('drained');
    } finally {
      await channel.close();
    }
  });

  it('cuts what is still running after the grace period', async () => {
    const channel = await heldChannel();
    const bot = await startBot({}, { replyBudgetMs: 30_000 });
    try {
      const inFlight = bot.endpoint('shutdown-2', channel.serviceUrl).say('how long is a session');
      await channel.received;
      expect(await shutDownGracefully(bot.server, 200)).toBe('timed-out');
      await expect(inFlight).rejects.toThrow();
      // The cut turn goes on inside this process (a real one would exit now): let it send its
      // Emulator turn (FaqRouting trace, reply, BotState trace) so nothing is left retrying.
      channel.release();
      await channel.requestsReach(3);
    } finally {
      channel.release();
      await channel.close();
    }
  });

  it('exits 0 on SIGTERM (the real start-up, npm run dev style)', async () => {
    const root = findProjectRoot();
    const child = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'bot', 'index.ts')], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: '', KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('ART FAQ bot listening')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`exited early with ${code}:\n${output}`)));
    });
    const exitCode = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exitCode).toBe(0);
    expect(output).toContain('"outcome":"drained"');
  });
});
