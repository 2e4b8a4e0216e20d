import type { ActivityHandlerBase } from 'botbuilder';
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import type { Logger } from './logger';
import { describeMalformedActivity } from './activityShape';
import { UnauthorizedRequestError, type BotServiceAdapter } from './botServiceAdapter';
import { syncHandler } from './syncHandler';
import { clientAddress } from './web/clientAddress';
import { sendTooManyRequests } from './web/jsonError';
import type { RateLimiter } from './web/rateLimiter';

export { describeMalformedActivity };

/** A feature that adds its own routes (the web widget, Direct Line, …) to the server. */
export type RouteRegistrar = (server: Server) => void;

export interface ServerDependencies {
  readonly adapter: BotServiceAdapter;
  readonly bot: ActivityHandlerBase;
  readonly logger: Logger;
  readonly routes?: readonly RouteRegistrar[];
  /** Which serviceUrls the bot may reply to (see createApplication); any when absent. */
  readonly serviceUrlAllowed?: (serviceUrl: string) => boolean;
  /** Turns per conversation, checked after authentication so nobody can spend a patient's budget. */
  readonly conversationRateLimit?: RateLimiter;
  /** Requests per client address, before anything else: for unauthenticated mode, where anyone can post (in production every request comes from Bot Service). */
  readonly clientRateLimit?: RateLimiter;
  readonly trustProxy?: boolean;
}

/** What a client sees when something fails inside the service: never the error's own text. */
const INTERNAL_ERROR_BODY = { error: { code: 'InternalError', message: 'Something went wrong. Please try again later.' } };

/**
 * Bodies must arrive unencoded. restify's body reader gunzips without handling a corrupt stream,
 * so one bad gzip body used to kill the process; no Bot Framework channel compresses requests,
 * so every Content-Encoding but identity gets 415 before any reader sees the body.
 */
export function refuseEncodedBodies(req: Request, res: Response, next: Next): void {
  const encoding = req.headers['content-encoding'];
  const values = (Array.isArray(encoding) ? encoding.join(',') : (encoding ?? '')).split(',').map((value) => value.trim().toLowerCase());
  if (values.every((value) => value === '' || value === 'identity')) {
    // restify's reader refuses even "identity"; it means no coding, so say nothing.
    delete req.headers['content-encoding'];
    next();
    return;
  }
  // The body is never read: drop the connection afterwards rather than drain an unknown stream.
  res.setHeader('Connection', 'close');
  res.setHeader('Accept-Encoding', 'identity');
  res.status(415);
  res.json({ error: { code: 'UnsupportedMediaType', message: 'Request bodies must not be compressed (Content-Encoding is not supported).' } });
  next(false);
}

function sendBadRequest(res: Response, message: string): void {
  res.status(400);
  res.json({ error: { code: 'BadRequest', message } });
}

export function createServer(deps: ServerDependencies): Server {
  const { adapter, bot, logger, routes = [], serviceUrlAllowed = () => true } = deps;
  const server = restify.createServer({ name: 'art-faq-bot', handleUncaughtExceptions: false });
  server.pre(refuseEncodedBodies);
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 128 * 1024 }));

  server.get(
    '/healthz',
    syncHandler((_req: Request, res: Response) => {
      res.json({ status: 'ok' });
    }),
  );

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (deps.clientRateLimit !== undefined) {
      const limit = await deps.clientRateLimit.take(clientAddress(req, deps.trustProxy ?? false));
      if (!limit.allowed) {
        sendTooManyRequests(res, limit.retryAfterSeconds, 'Too many requests from this address. Please wait a moment.');
        return;
      }
    }
    const problem = describeMalformedActivity(req.body);
    if (problem !== undefined) {
      sendBadRequest(res, problem);
      return;
    }
    const { serviceUrl } = req.body as { serviceUrl: string };
    if (!serviceUrlAllowed(serviceUrl)) {
      logger.warn({ path: req.path() }, 'request refused: serviceUrl not allowed');
      res.status(403);
      res.json({ error: { code: 'ServiceUrlNotAllowed', message: 'Without an app id, the bot replies only to channels on this machine (set ALLOW_ANY_SERVICE_URL=true for a tunnel).' } });
      return;
    }
    const authorization = req.headers.authorization ?? '';
    let answer;
    try {
      const authenticated = await adapter.authenticate(req.body as Record<string, unknown>, authorization);
      if (deps.conversationRateLimit !== undefined) {
        const { channelId, conversation } = authenticated.activity;
        const limit = await deps.conversationRateLimit.take(`${channelId}/${conversation.id}`);
        if (!limit.allowed) {
          sendTooManyRequests(res, limit.retryAfterSeconds, 'Too many messages in this conversation. Please wait a moment.');
          return;
        }
      }
      answer = await adapter.runTurn(authenticated, (context) => bot.run(context));
    } catch (error) {
      if (error instanceof UnauthorizedRequestError) {
        // One structured line per refusal: the failure's kind, never the token or the library's text.
        logger.warn({ path: req.path(), reason: error.reason, hasAuthorization: authorization !== '' }, 'request refused: invalid or missing credentials');
        res.status(401);
        res.json({ error: { code: 'Unauthorized', message: 'The request is not authorized.' } });
        return;
      }
      logger.error({ err: error, path: req.path() }, 'request failed');
      res.status(500);
      res.json(INTERNAL_ERROR_BODY);
      return;
    }
    res.status(answer.status);
    if (answer.body === undefined) res.end();
    else res.json(answer.body);
  });

  for (const register of routes) register(server);

  // restify answers malformed JSON itself with a 4xx; anything that still throws is logged, never leaked.
  server.on('restifyError', (req: Request, res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      logger.error({ err: error, path: req.path() }, 'request failed');
      // restify would send the error's own message; answer here instead, so internals never reach a client.
      if (!res.headersSent) {
        res.status(status);
        res.json(INTERNAL_ERROR_BODY);
      }
    } else {
      logger.debug({ status, path: req.path() }, 'request rejected');
    }
    callback();
  });
  return server;
}

/** Starts listening and resolves with the bound port (use port 0 in tests for an ephemeral one). */
export async function listen(server: Server, port: number, host?: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (host === undefined) server.listen(port, () => resolve());
    else server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return address.port;
}
