import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logger';
import type { RouteRegistrar } from '../../server';
import { clientAddress } from '../clientAddress';
import { createRandomUserId } from '../directLineTokenRoute';
import type { HttpClient } from '../httpRequest';
import { sendJsonError, sendTooManyRequests } from '../jsonError';
import { syncHandler } from '../../syncHandler';
import { applyCorsHeaders, registerCorsPreflight, rejectOrigin, type OriginPolicy } from '../originPolicy';
import { createRateLimiter, type RateLimiter, type RateLimiterOptions } from '../rateLimiter';
import { BotDelivery } from './botDelivery';
import type { ConversationStore, LocalConversation, WireActivity } from './conversationStore';
import { isLoopbackAddress, loopbackBaseUrl } from './loopback';
import { isRecord } from '../../isRecord';

export const LOCAL_DIRECT_LINE_BASE = '/local-directline';
/** The `domain` Web Chat's createDirectLine talks to. */
export const LOCAL_DIRECT_LINE_DOMAIN = `${LOCAL_DIRECT_LINE_BASE}/v3/directline`;
/** Direct Line channels report themselves as "webchat"; the bot cannot tell this channel from Azure's. */
export const LOCAL_CHANNEL_ID = 'webchat';

export interface LocalDirectLineDependencies {
  readonly store: ConversationStore;
  readonly originPolicy: OriginPolicy;
  readonly logger: Logger;
  readonly httpClient?: HttpClient;
  readonly createUserId?: () => string;
  /** The bot's channel account in this conversation (Azure uses the bot's handle). */
  readonly botAccount?: { readonly id: string; readonly name: string };
  readonly botTimeoutMs?: number;
  /** Rate-limit by X-Forwarded-For (only behind a proxy that sets it). */
  readonly trustProxy?: boolean;
  readonly limits?: LocalDirectLineLimits;
}

export type RateLimit = Pick<RateLimiterOptions, 'capacity' | 'refillMs'>;

/**
 * Bounds on what one browser can make this channel do. Anyone who can load the page can call
 * it, so without them one client could fill the store and push real patients' conversations out.
 */
export interface LocalDirectLineLimits {
  /** Longest `text` a client may post, in characters. */
  readonly maxTextLength?: number;
  /** Largest activity a client may post, as JSON in UTF-8 bytes. */
  readonly maxActivityBytes?: number;
  /** tokens/generate and starting a conversation, each per client address. */
  readonly sessionRateLimit?: RateLimit;
  /** Posted activities, per conversation. */
  readonly activityRateLimit?: RateLimit;
  /** Activities waiting for the bot, per conversation. */
  readonly maxQueueDepth?: number;
}

/** Generous for a patient (a long message is a few hundred characters), small next to the store's byte budget. */
export const DEFAULT_LOCAL_DIRECT_LINE_LIMITS = {
  maxTextLength: 8000,
  maxActivityBytes: 32 * 1024,
  // A patient opens a chat or two; a page reload or "Try again" starts another. 20 a minute covers a shared clinic network.
  sessionRateLimit: { capacity: 20, refillMs: 60_000 },
  // One message a second, sustained, is faster than anyone types or taps suggested actions.
  activityRateLimit: { capacity: 60, refillMs: 60_000 },
  maxQueueDepth: 10,
} as const satisfies Required<LocalDirectLineLimits>;

/** Seconds a client is asked to wait when the bot is still busy with its earlier messages. */
const QUEUE_FULL_RETRY_AFTER_SECONDS = 5;

type Account = { readonly id: string; readonly name?: string; readonly role?: string };

function asActivity(body: unknown): WireActivity | undefined {
  if (!isRecord(body) || typeof body.type !== 'string' || body.type.trim() === '') return undefined;
  return body as WireActivity;
}

/** A copy without fields a channel sets itself (the loopback serviceUrl must not reach browsers). */
function without(activity: WireActivity, ...fields: readonly string[]): WireActivity {
  const copy: Record<string, unknown> = { ...activity };
  for (const field of fields) delete copy[field];
  return copy as WireActivity;
}

function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/**
 * A development-only Direct Line 3.0 channel (polling, no WebSocket) so the widget works
 * without an Azure account. Like the Bot Framework Emulator, it posts activities to the
 * bot's real /api/messages over loopback HTTP with a serviceUrl pointing back at this
 * server, where small connector endpoints collect the bot's replies.
 */
export function createLocalDirectLineRoutes(deps: LocalDirectLineDependencies): RouteRegistrar {
  const { store, originPolicy, logger } = deps;
  const createUserId = deps.createUserId ?? createRandomUserId;
  const bot: Account = { ...(deps.botAccount ?? { id: 'local-bot', name: 'Assistant' }), role: 'bot' };
  const defaults = DEFAULT_LOCAL_DIRECT_LINE_LIMITS;
  const maxTextLength = deps.limits?.maxTextLength ?? defaults.maxTextLength;
  const maxActivityBytes = deps.limits?.maxActivityBytes ?? defaults.maxActivityBytes;
  const sessionLimiter = createRateLimiter(deps.limits?.sessionRateLimit ?? defaults.sessionRateLimit);
  const activityLimiter = createRateLimiter(deps.limits?.activityRateLimit ?? defaults.activityRateLimit);
  const delivery = new BotDelivery({
    logger,
    httpClient: deps.httpClient,
    timeoutMs: deps.botTimeoutMs,
    maxQueueDepth: deps.limits?.maxQueueDepth ?? defaults.maxQueueDepth,
  });
  const expiresIn = Math.floor(store.idleTtlMs / 1000);

  /** Spends one request of `key`'s budget; when it is spent, answers 429 and returns true. */
  async function rateLimited(limiter: RateLimiter, key: string, req: Request, res: Response, message: string): Promise<boolean> {
    const limit = await limiter.take(key);
    if (limit.allowed) return false;
    // CORS headers for allowed pages, so the widget can read the 429 and its Retry-After.
    applyCorsHeaders(res, originPolicy.evaluate(req));
    sendTooManyRequests(res, limit.retryAfterSeconds, message);
    return true;
  }

  /**
   * Per client address, separately for generate and start, so one chat costs one of each.
   * Checked before anything else, so refused origins and bad tokens spend the budget too.
   */
  function sessionRateLimited(step: 'generate' | 'start', req: Request, res: Response): Promise<boolean> {
    const key = `${step}:${clientAddress(req, deps.trustProxy ?? false)}`;
    return rateLimited(sessionLimiter, key, req, res, 'Too many chat sessions were started from this address. Please wait a moment.');
  }

  /** Why the activity is too large to accept, or undefined when it fits. */
  function tooLarge(activity: WireActivity): string | undefined {
    if (typeof activity.text === 'string' && activity.text.length > maxTextLength) {
      return `The message is too long (at most ${maxTextLength} characters).`;
    }
    if (Buffer.byteLength(JSON.stringify(activity)) > maxActivityBytes) return `The activity is too large (at most ${maxActivityBytes} bytes).`;
    return undefined;
  }

  /** The shared gate of every browser-facing endpoint: allowed origin, then a live conversation's token. */
  function authorize(req: Request, res: Response): LocalConversation | undefined {
    const decision = originPolicy.evaluate(req);
    if (!decision.allowed) {
      rejectOrigin(res);
      return undefined;
    }
    applyCorsHeaders(res, decision);
    res.header('Cache-Control', 'no-store');
    const token = bearerToken(req);
    const conversation = token === undefined ? undefined : store.findByToken(token);
    const requestedId = (req.params as Record<string, string | undefined>).conversationId;
    if (conversation === undefined || (requestedId !== undefined && requestedId !== conversation.id)) {
      // 403 is what Direct Line answers for unknown or expired tokens; Web Chat then reports the chat as expired.
      sendJsonError(res, 403, 'TokenExpired', 'The conversation has expired or the token is invalid.');
      return undefined;
    }
    return conversation;
  }

  function toBot(server: Server, conversation: LocalConversation, activity: WireActivity): Promise<void> {
    const base = loopbackBaseUrl(server);
    const forwarded: WireActivity = { ...activity, recipient: bot, serviceUrl: `${base}${LOCAL_DIRECT_LINE_BASE}` };
    return delivery.deliver(conversation, forwarded, `${base}/api/messages`);
  }

  function registerClientRoutes(server: Server): void {
    // The headers DirectLineJS sends (RxJS ajax adds X-Requested-With on cross-origin calls).
    const cors = { methods: ['GET', 'POST'], headers: ['Authorization', 'Content-Type', 'x-ms-bot-agent', 'x-requested-with'] };
    for (const path of ['/tokens/generate', '/tokens/refresh', '/conversations', '/conversations/:conversationId/activities']) {
      registerCorsPreflight(server, `${LOCAL_DIRECT_LINE_DOMAIN}${path}`, originPolicy, cors);
    }

    // Mirrors Azure's tokens/generate (minus the secret: this channel is for development only).
    server.post(`${LOCAL_DIRECT_LINE_DOMAIN}/tokens/generate`, async (req: Request, res: Response) => {
      if (await sessionRateLimited('generate', req, res)) return;
      const decision = originPolicy.evaluate(req);
      if (!decision.allowed) {
        rejectOrigin(res);
        return;
      }
      applyCorsHeaders(res, decision);
      res.header('Cache-Control', 'no-store');
      const conversation = store.create(createUserId());
      res.json({ conversationId: conversation.id, token: conversation.token, expires_in: expiresIn, userId: conversation.userId });
    });

    server.post(`${LOCAL_DIRECT_LINE_DOMAIN}/tokens/refresh`, syncHandler((req: Request, res: Response) => {
      const conversation = authorize(req, res);
      if (conversation === undefined) return;
      res.json({ conversationId: conversation.id, token: conversation.token, expires_in: expiresIn });
    }));

    server.post(`${LOCAL_DIRECT_LINE_DOMAIN}/conversations`, async (req: Request, res: Response) => {
      if (await sessionRateLimited('start', req, res)) return;
      const conversation = authorize(req, res);
      if (conversation === undefined) return;
      if (!conversation.started) {
        conversation.started = true;
        const body: unknown = req.body;
        const locale = isRecord(body) && typeof body.locale === 'string' ? body.locale : undefined;
        const user: Account = { id: conversation.userId, role: 'user' };
        // What triggers the bot's welcome: the user and the bot joined (as the Emulator sends it).
        void toBot(server, conversation, {
          type: 'conversationUpdate',
          id: randomUUID(),
          channelId: LOCAL_CHANNEL_ID,
          conversation: { id: conversation.id },
          from: user,
          membersAdded: [user, bot],
          timestamp: new Date().toISOString(),
          ...(locale === undefined ? {} : { locale }),
        });
      }
      res.status(201);
      res.json({ conversationId: conversation.id, token: conversation.token, expires_in: expiresIn });
    });

    server.get(`${LOCAL_DIRECT_LINE_DOMAIN}/conversations/:conversationId/activities`, syncHandler((req: Request, res: Response) => {
      const conversation = authorize(req, res);
      if (conversation === undefined) return;
      const raw = (req.query as Record<string, unknown> | undefined)?.watermark;
      const watermark = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : 0;
      res.json(store.activitiesSince(conversation, watermark));
    }));

    server.post(`${LOCAL_DIRECT_LINE_DOMAIN}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
      const conversation = authorize(req, res);
      if (conversation === undefined) return;
      // Per conversation, not per address: patients on one clinic network must not share a budget.
      if (await rateLimited(activityLimiter, conversation.id, req, res, 'Too many messages. Please wait a moment.')) return;
      const activity = asActivity(req.body);
      if (activity === undefined) {
        sendJsonError(res, 400, 'BadArgument', 'The activity must be a JSON object with a "type".');
        return;
      }
      const problem = tooLarge(activity);
      if (problem !== undefined) {
        sendJsonError(res, 413, 'ActivityTooLarge', problem);
        return;
      }
      // Checked before storing the echo: a refused message must not look sent.
      if (!delivery.hasRoom(conversation)) {
        sendTooManyRequests(res, QUEUE_FULL_RETRY_AFTER_SECONDS, 'The assistant is still answering earlier messages. Please wait a moment.');
        return;
      }
      const from = isRecord(activity.from) ? activity.from : {};
      // The echo (same channelData.clientActivityID, now with an id) is how Web Chat learns the
      // message was sent; without it the message shows "Send failed". The user id is the token's.
      const echo = store.append(conversation, {
        ...without(activity, 'serviceUrl', 'recipient'),
        channelId: LOCAL_CHANNEL_ID,
        conversation: { id: conversation.id },
        from: { ...from, id: conversation.userId, role: 'user' },
      });
      void toBot(server, conversation, echo);
      res.json({ id: echo.id });
    });
  }

  /** The Bot Connector API subset the bot's CloudAdapter calls to send replies (loopback only). */
  function registerConnectorRoutes(server: Server): void {
    const receive = (req: Request, res: Response): void => {
      if (!isLoopbackAddress(req.socket.remoteAddress)) {
        sendJsonError(res, 403, 'Forbidden', 'Only the bot on this machine may post here.');
        return;
      }
      const params = req.params as Record<string, string | undefined>;
      const conversation = store.get(params.conversationId ?? '');
      if (conversation === undefined) {
        sendJsonError(res, 404, 'ConversationNotFound', 'The conversation does not exist or has expired.');
        return;
      }
      const activity = asActivity(req.body);
      if (activity === undefined) {
        sendJsonError(res, 400, 'BadArgument', 'The activity must be a JSON object with a "type".');
        return;
      }
      const stored = store.append(conversation, {
        ...without(activity, 'serviceUrl'),
        channelId: LOCAL_CHANNEL_ID,
        conversation: { id: conversation.id },
        from: isRecord(activity.from) && typeof activity.from.id === 'string' ? activity.from : bot,
        ...(params.activityId === undefined ? {} : { replyToId: params.activityId }),
      });
      res.json({ id: stored.id });
    };
    server.post(`${LOCAL_DIRECT_LINE_BASE}/v3/conversations/:conversationId/activities`, syncHandler(receive));
    server.post(`${LOCAL_DIRECT_LINE_BASE}/v3/conversations/:conversationId/activities/:activityId`, syncHandler(receive));
  }

  return (server: Server) => {
    registerClientRoutes(server);
    registerConnectorRoutes(server);
  };
}
