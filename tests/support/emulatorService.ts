import type { Server } from 'restify';
import { createApplication } from '../../bot/createApplication';
import { listen } from '../../bot/server';
import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { BotEndpoint } from './botEndpoint';
import { CapturedReplies } from './emulatorChannel';
import { silentLogger, testConfig } from './testConfig';

/**
 * The whole service on an ephemeral loopback port, with nock answering for an Emulator connector at
 * `serviceUrl` (on this machine, as unauthenticated mode requires). Call the returned hooks from
 * beforeAll/afterAll/beforeEach; `replies` collects what the bot sends.
 */
export function emulatorService(serviceUrl: string) {
  let server: Server | undefined;
  let baseUrl = '';
  let knowledgeBase: KnowledgeBase | undefined;
  const replies = new CapturedReplies(serviceUrl);
  return {
    replies,
    get baseUrl(): string {
      return baseUrl;
    },
    get knowledgeBase(): KnowledgeBase {
      if (knowledgeBase === undefined) throw new Error('start() the service first');
      return knowledgeBase;
    },
    async start(): Promise<void> {
      const application = createApplication({ config: testConfig({ localDirectLineEnabled: false }), logger: silentLogger() });
      server = application.server;
      knowledgeBase = application.knowledgeBase;
      baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
      replies.start();
    },
    stop(): void {
      replies.stop();
      server?.close();
    },
    endpoint(conversationId: string): BotEndpoint {
      return new BotEndpoint(baseUrl, { channelId: 'emulator', serviceUrl, conversationId });
    },
  };
}
