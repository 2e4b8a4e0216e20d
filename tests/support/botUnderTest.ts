import http from 'node:http';
import nock from 'nock';
import type { Activity } from 'botbuilder';
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

/** Every activity the bot sends to any nock-ed connector, by serviceUrl host. */
export class ConnectorRecorder {
  readonly received: { readonly host: string; readonly activity: Partial<Activity> }[] = [];

  /** A connector that accepts every reply. */
  accepting(serviceUrl: string): this {
    nock(serviceUrl)
      .persist()
      .post(/\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/)
      .reply(200, async (request: Request) => {
        this.received.push({ host: new URL(serviceUrl).host, activity: (await request.json()) as Partial<Activity> });
        return { id: `reply-${this.received.length}` };
      });
    return this;
  }

  /** A connector that answers every reply with a 500. */
  failing(serviceUrl: string): this {
    nock(serviceUrl).persist().post(/.*/).reply(500, { error: { code: 'ServiceError', message: 'down' } });
    return this;
  }

  take(): Partial<Activity>[] {
    return this.received.splice(0, this.received.length).map((entry) => entry.activity);
  }

  static stopAll(): void {
    nock.cleanAll();
    nock.restore();
  }
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
