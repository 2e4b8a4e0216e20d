import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';
import { lazySchema } from '../../knowledge/loading/lazySchema';
import type { Logger } from '../logger';
import type { RouteRegistrar } from '../server';
import { clientAddress } from './clientAddress';
import { HttpTimeoutError, postJson, sendHttpRequest, type HttpClient, type HttpResponse } from './httpRequest';
import { sendJsonError, sendTooManyRequests } from './jsonError';
import { applyCorsHeaders, registerCorsPreflight, rejectOrigin, type OriginPolicy } from './originPolicy';
import type { RateLimiter } from './rateLimiter';

export const DIRECT_LINE_TOKEN_PATH = '/api/directline/token';

export interface DirectLineTokenRouteDependencies {
  /** The Direct Line channel secret from the Azure portal; it never leaves the server. */
  readonly directLineSecret: string;
  /** e.g. https://directline.botframework.com/v3/directline (regional endpoints differ). */
  readonly directLineEndpoint: string;
  readonly originPolicy: OriginPolicy;
  readonly rateLimiter: RateLimiter;
  readonly logger: Logger;
  readonly httpClient?: HttpClient;
  readonly createUserId?: () => string;
  readonly upstreamTimeoutMs?: number;
  /** Rate-limit by X-Forwarded-For (only behind a proxy that sets it). */
  readonly trustProxy?: boolean;
}

/** What the widget receives; the same shape as the local channel's tokens/generate. */
export interface DirectLineTokenResponse {
  readonly token: string;
  readonly conversationId: string;
  readonly expires_in: number;
  readonly userId: string;
}

const upstreamTokenSchema = lazySchema((z) =>
  z.object({
  token: z.string().min(1),
  conversationId: z.string().min(1),
  expires_in: z.number().positive().optional(),
  }),
);

/**
 * Random and unguessable. Never "dl_…": Web Chat treats that prefix as reserved and
 * replaces such ids unless they are signed into the token.
 */
export function createRandomUserId(): string {
  return `user-${randomUUID()}`;
}

class UpstreamFailure extends Error {
  constructor(
    readonly status: 502 | 503 | 504,
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * POST /api/directline/token: exchanges the server-side Direct Line secret for a
 * conversation token bound to a server-generated user id, so the secret never reaches
 * a browser and a patient cannot pick someone else's user id.
 */
export function createDirectLineTokenRoute(deps: DirectLineTokenRouteDependencies): RouteRegistrar {
  const httpClient = deps.httpClient ?? sendHttpRequest;
  const createUserId = deps.createUserId ?? createRandomUserId;
  const timeoutMs = deps.upstreamTimeoutMs ?? 5000;

  async function generateToken(userId: string): Promise<DirectLineTokenResponse> {
    let upstream: HttpResponse;
    try {
      upstream = await postJson(
        httpClient,
        `${deps.directLineEndpoint}/tokens/generate`,
        { user: { id: userId } },
        { headers: { Authorization: `Bearer ${deps.directLineSecret}` }, timeoutMs },
      );
    } catch (error) {
      if (error instanceof HttpTimeoutError) throw new UpstreamFailure(504, 'DirectLineTimeout', error.message);
      throw new UpstreamFailure(503, 'DirectLineUnreachable', String(error));
    }
    if (upstream.status === 401 || upstream.status === 403) {
      throw new UpstreamFailure(502, 'DirectLineError', `Direct Line answered ${upstream.status}: check DIRECT_LINE_SECRET.`);
    }
    if (upstream.status < 200 || upstream.status >= 300) {
      throw new UpstreamFailure(502, 'DirectLineError', `Direct Line answered ${upstream.status}.`);
    }
    let parsed: z.infer<ReturnType<typeof upstreamTokenSchema>>;
    try {
      parsed = upstreamTokenSchema().parse(JSON.parse(upstream.body));
    } catch {
      throw new UpstreamFailure(502, 'DirectLineError', 'Direct Line answered with an unexpected body.');
    }
    return { token: parsed.token, conversationId: parsed.conversationId, expires_in: parsed.expires_in ?? 3600, userId };
  }

  return (server: Server) => {
    registerCorsPreflight(server, DIRECT_LINE_TOKEN_PATH, deps.originPolicy, { methods: ['POST'], headers: ['Content-Type'] });

    server.post(DIRECT_LINE_TOKEN_PATH, async (req: Request, res: Response) => {
      const decision = deps.originPolicy.evaluate(req);
      applyCorsHeaders(res, decision);
      res.header('Cache-Control', 'no-store');

      // Before the origin check: refused origins spend the budget too, so they cannot flood the log.
      const limit = await deps.rateLimiter.take(clientAddress(req, deps.trustProxy ?? false));
      if (!limit.allowed) {
        sendTooManyRequests(res, limit.retryAfterSeconds, 'Too many chat sessions were started from this address. Please wait a moment.');
        return;
      }
      if (!decision.allowed) {
        deps.logger.warn({ origin: decision.origin }, 'Direct Line token refused: origin not in ALLOWED_ORIGINS');
        rejectOrigin(res);
        return;
      }

      if (deps.directLineSecret === '') {
        // Only registered when the local channel is off (see createWebRoutes), so that part is true.
        deps.logger.error('Direct Line token requested, but DIRECT_LINE_SECRET is not set (and the local Direct Line channel is off)');
        sendJsonError(res, 503, 'ChatNotConfigured', 'Chat is unavailable right now.');
        return;
      }

      try {
        const token = await generateToken(createUserId());
        res.status(200);
        res.json(token);
      } catch (error) {
        const failure = error instanceof UpstreamFailure ? error : new UpstreamFailure(502, 'DirectLineError', String(error));
        // Upstream details go to the log only; the browser gets a generic message.
        deps.logger.error({ code: failure.code, detail: failure.detail }, 'Direct Line token exchange failed');
        sendJsonError(res, failure.status, failure.code, 'Chat is unavailable right now.');
      }
    });
  };
}
