import type { Storage } from 'botbuilder';
import type { BotServiceAdapter } from './botServiceAdapter';
import type { TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { KnowledgeBase } from '../knowledge/loading/knowledgeBase';
import { loadKnowledgeBase } from '../knowledge/loading/loadKnowledgeBase';
import { ReplyComposer } from '../knowledge/replies/replyComposer';
import { MessageRouter } from '../knowledge/routing/messageRouter';
import type { AnswerFeedbackSink } from '../dialogs/answerFeedback';
import { createMainDialog } from '../dialogs/createMainDialog';
import { SafetyHold } from '../dialogs/safetyHold';
import type { ServiceConfig } from './config';
import { createAdapter, createTurnErrorHandler } from './createAdapter';
import { FaqBot } from './faqBot';
import { replyMarkdown } from '../dialogs/rendering/activityRenderer';
import { GapsLog } from '../knowledge/gaps/gapsLog';
import { createLearningStore } from './learning/createLearningStore';
import { GapsRecorder } from './learning/gapsRecorder';
import type { LearningStore } from './learning/learningStore';
import type { Logger } from './logger';
import { warnAboutClinicalReviews } from './reviewWarnings';
import { createServer } from './server';
import { createStorage } from './state/createStorage';
import { MemberScopedConversationState } from './teams/memberScopedConversationState';
import { createRateLimiter, type RateLimiterOptions } from './web/rateLimiter';
import { createWebRoutes, type WebRoutesDependencies } from './web/webRoutes';
import { createBookingLinkSigner, createBookingRoute, generateBookingLinkSecret } from './web/bookingLinks';
import { isLoopbackUrl, loopbackBaseUrl } from './web/localDirectLine/loopback';
import { createSecurityHeaders } from './web/securityHeaders';

export interface Application {
  readonly server: Server;
  readonly adapter: BotServiceAdapter;
  readonly knowledgeBase: KnowledgeBase;
  /** The gaps log and answer-feedback counts, with GAPS_LOG=on; undefined when it is off. */
  readonly learning: LearningStore | undefined;
}

export interface MessageRateLimits {
  readonly perConversation: RateLimiterOptions;
  readonly perClientUnauthenticated: RateLimiterOptions;
}

/**
 * A patient sends a message every few seconds at most; a double-click or the welcome adds a few.
 * The per-address limit applies only without an app id (the Emulator, the local Direct Line, a
 * tunnel), where anyone can post; in production every request comes from Bot Service's addresses.
 */
export const DEFAULT_MESSAGE_RATE_LIMITS: MessageRateLimits = {
  perConversation: { capacity: 60, refillMs: 60_000 },
  perClientUnauthenticated: { capacity: 300, refillMs: 60_000 },
};

export interface ApplicationOptions {
  readonly config: ServiceConfig;
  readonly logger: Logger;
  /** Where conversation state lives; by default what config.state selects. */
  readonly storage?: Storage;
  /** /api/messages rate limits; see DEFAULT_MESSAGE_RATE_LIMITS. */
  readonly rateLimits?: Partial<MessageRateLimits>;
  /** Time budget for a turn's replies to the channel; tests shorten it. */
  readonly replyBudgetMs?: number;
  /** Test seams for the website widget's routes (fake clock, HTTP client…). */
  readonly web?: Partial<Omit<WebRoutesDependencies, 'config' | 'clinic' | 'logger'>>;
  /** The day that decides which answer reviews are out of date; now by default. */
  readonly now?: Date;
  /** Where "Did this help?" presses go (FAQ id, helpful); by default the gaps log's store with GAPS_LOG=on, otherwise they are only logged. */
  readonly answerFeedback?: AnswerFeedbackSink;
}

/**
 * The composition root: loads and validates the knowledge base (throwing KnowledgeBaseError if
 * anything is wrong, so the service never starts half-loaded), then wires router, dialogs, bot,
 * adapter and HTTP routes. index.ts and the end-to-end tests both start the service through here.
 */
export function createApplication({ config, logger, storage = createStorage(config.state), web = {}, replyBudgetMs, rateLimits = {}, now = new Date(), answerFeedback }: ApplicationOptions): Application {
  const knowledgeBase = loadKnowledgeBase(config.knowledgeDir);
  warnAboutClinicalReviews(logger, knowledgeBase, now);
  const router = new MessageRouter(knowledgeBase);
  const composer = new ReplyComposer(knowledgeBase, { now });
  // Per person in Teams channels and group chats, so members never share a screening.
  const conversationState = new MemberScopedConversationState(storage);

  const safetyHold = new SafetyHold(storage, conversationState);
  // GAPS_LOG=on: unanswered questions (redacted) and the per-day 👍/👎 counts of answers, for `npm run kb:gaps`.
  const learning = config.gaps.enabled ? createLearningStore(config.gaps) : undefined;
  const feedbackSink = answerFeedback ?? (learning === undefined ? undefined : (entryId: string, helpful: boolean) => learning.recordFeedback(entryId, helpful));
  const dialog = createMainDialog(knowledgeBase, router, composer, conversationState, safetyHold, { sink: feedbackSink, logger });
  if (config.bookingLinkSecret === '' && config.isProduction) {
    logger.warn('BOOKING_LINK_SECRET is not set: booking links are signed with a random key and stop working at a restart or on another instance');
  }
  const signer = createBookingLinkSigner({ secret: config.bookingLinkSecret || generateBookingLinkSecret(), ttlMs: config.bookingLinkTtlMs });
  const bound: { server?: Server } = {};
  // PUBLIC_URL, or this server's loopback address once it listens (development, the Emulator).
  const baseUrl = (): string => config.publicUrl || (bound.server === undefined ? `http://localhost:${config.port}` : loopbackBaseUrl(bound.server));
  const bookingLinks = (context: TurnContext) => {
    const holdKey = safetyHold.keyFor(context);
    return holdKey === undefined ? undefined : (providerId: string) => signer.link(baseUrl(), holdKey, providerId);
  };
  const bot = new FaqBot(conversationState, dialog, composer, logger, bookingLinks);
  const adapter = createAdapter(config, { replyBudgetMs });
  adapter.onTurnError = createTurnErrorHandler({ logger, conversationState, safetyHold, errorMessage: replyMarkdown(composer.error()) });
  if (learning !== undefined) {
    adapter.use(new GapsRecorder(new GapsLog(knowledgeBase, router), learning, logger));
    logger.info({ store: config.gaps.store.kind, retentionDays: config.gaps.retentionDays }, 'gaps log on: unanswered questions are kept, redacted');
    learning.deleteExpired().catch((error: unknown) => logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'gaps log: could not delete expired records'));
  }

  const routes = createWebRoutes({ config, clinic: knowledgeBase.clinic, logger, trustProxy: config.trustProxy, ...web });
  routes.push(
    createBookingRoute({
      signer,
      providers: knowledgeBase.providers,
      clinic: knowledgeBase.clinic,
      readHold: (key) => safetyHold.getByKey(key),
      holdAdvice: (level) => composer.bookingOnHold(level).text,
      securityHeaders: createSecurityHeaders({ trustProxy: config.trustProxy }),
    }),
  );
  // Unauthenticated, anyone may post an activity, and the bot would send its replies (an HTTP POST) to
  // whatever serviceUrl it names: only the Emulator and the local Direct Line, on this machine, unless a tunnel needs more.
  const unauthenticated = config.microsoftAppId === '';
  const serviceUrlAllowed = unauthenticated && !config.allowAnyServiceUrl ? isLoopbackUrl : () => true;
  const limits = { ...DEFAULT_MESSAGE_RATE_LIMITS, ...rateLimits };
  const server = createServer({
    adapter,
    bot,
    logger,
    routes,
    serviceUrlAllowed,
    conversationRateLimit: createRateLimiter(limits.perConversation),
    clientRateLimit: unauthenticated ? createRateLimiter(limits.perClientUnauthenticated) : undefined,
    trustProxy: config.trustProxy,
  });
  bound.server = server;
  return { server, adapter, knowledgeBase, learning };
}
