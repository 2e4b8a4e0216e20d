import { MemoryStorage, type CloudAdapter, type Storage } from 'botbuilder';
import type { Server } from 'restify';
import type { KnowledgeBase } from '../knowledge/loading/knowledgeBase';
import { loadKnowledgeBase } from '../knowledge/loading/loadKnowledgeBase';
import { ReplyComposer } from '../knowledge/replies/replyComposer';
import { MessageRouter } from '../knowledge/routing/messageRouter';
import { createMainDialog } from '../dialogs/createMainDialog';
import { SafetyHold } from '../dialogs/safetyHold';
import type { ServiceConfig } from './config';
import { createAdapter, createTurnErrorHandler } from './createAdapter';
import { FaqBot } from './faqBot';
import type { Logger } from './logger';
import { createServer } from './server';
import { MemberScopedConversationState } from './teams/memberScopedConversationState';
import { createWebRoutes, type WebRoutesDependencies } from './web/webRoutes';

export interface Application {
  readonly server: Server;
  readonly adapter: CloudAdapter;
  readonly knowledgeBase: KnowledgeBase;
}

export interface ApplicationOptions {
  readonly config: ServiceConfig;
  readonly logger: Logger;
  /** Where conversation state lives; memory by default. */
  readonly storage?: Storage;
  /** Test seams for the website widget's routes (fake clock, HTTP client…). */
  readonly web?: Partial<Omit<WebRoutesDependencies, 'config' | 'clinic' | 'logger'>>;
}

/**
 * The composition root: loads and validates the knowledge base (throwing KnowledgeBaseError if
 * anything is wrong, so the service never starts half-loaded), then wires router, dialogs, bot,
 * adapter and HTTP routes. index.ts and the end-to-end tests both start the service through here.
 */
export function createApplication({ config, logger, storage = new MemoryStorage(), web = {} }: ApplicationOptions): Application {
  const knowledgeBase = loadKnowledgeBase(config.knowledgeDir);
  const router = new MessageRouter(knowledgeBase);
  const composer = new ReplyComposer(knowledgeBase);
  // Per person in Teams channels and group chats, so members never share a screening.
  const conversationState = new MemberScopedConversationState(storage);

  const safetyHold = new SafetyHold(conversationState);
  const dialog = createMainDialog(knowledgeBase, router, composer, conversationState, safetyHold);
  const bot = new FaqBot(conversationState, dialog, composer, logger);
  const adapter = createAdapter(config);
  adapter.onTurnError = createTurnErrorHandler({ logger, conversationState, errorMessage: composer.error().text });

  const routes = createWebRoutes({ config, clinic: knowledgeBase.clinic, logger, trustProxy: config.trustProxy, ...web });
  const server = createServer({ adapter, bot, logger, routes });
  return { server, adapter, knowledgeBase };
}
