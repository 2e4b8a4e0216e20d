import http from 'node:http';
import { createApplication, type ApplicationOptions } from '../../bot/createApplication';
import type { ServiceConfig } from '../../bot/config';
import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { serveOnLoopback, type LoopbackServer } from '../web/support/webTestServer';
import { BotEndpoint } from './botEndpoint';
import { silentLogger, testConfig } from './testConfig';

export interface RunningBot extends LoopbackServer {
  readonly knowledgeBase: KnowledgeBase;
  endpoint(conversationId: string, serviceUrl: string): BotEndpoint;
}

/** The real application (createApplication) on an ephemeral loopback port. */
export async function startBot(config: Partial<ServiceConfig> = {}, options: Omit<ApplicationOptions, 'config' | 'logger'> & Partial<Pick<ApplicationOptions, 'logger'>> = {}): Promise<RunningBot> {
  const application = createApplication({ logger: silentLogger(), ...options, config: testConfig({ localDirectLineEnabled: false, ...config }) });
  const served = await serveOnLoopback(application.server);
  return {
    ...served,
    knowledgeBase: application.knowledgeBase,
    endpoint: (conversationId, serviceUrl) => new BotEndpoint(served.baseUrl, { channelId: 'emulator', serviceUrl, conversationId }),
  };
}

/**
 * A loopback "channel" that accepts requests and does not answer them until it is closed; then it
 * answers them all, so the bot's abandoned calls end cleanly instead of retrying after the test.
 */
export async function startHungChannel(): Promise<{ readonly serviceUrl: string; readonly requests: () => number; close(): Promise<void> }> {
  const pending: http.ServerResponse[] = [];
  let count = 0;
  const server = http.createServer((_request, response) => {
    count += 1;
    pending.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    serviceUrl: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of pending) {
          response.writeHead(200, { 'Content-Type': 'application/json', Connection: 'close' });
          response.end('{"id":"late"}');
        }
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
