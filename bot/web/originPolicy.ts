import type { Request, Response, Server } from 'restify';
import { sendJsonError } from './jsonError';
import { syncHandler } from '../syncHandler';

export type OriginDecision =
  /** corsOrigin is set when the request is cross-origin and must be answered with CORS headers. */
  | { readonly allowed: true; readonly corsOrigin?: string }
  | { readonly allowed: false; readonly origin: string };

/** Which web pages may call the browser-facing endpoints (token, local Direct Line). */
export interface OriginPolicy {
  evaluate(req: Request): OriginDecision;
}

function normalizeOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Exact-match allow-list (ALLOWED_ORIGINS) on the Origin header. Same-origin requests
 * (the bot's own demo page) are always allowed, so for browsers an empty list means
 * "same-origin only". Requests with no Origin header (curl, scripts, servers) are allowed
 * too: only the rate limits stand between them and the endpoints.
 */
export function createOriginPolicy(allowedOrigins: readonly string[]): OriginPolicy {
  const allowed = new Set(allowedOrigins.map((origin) => normalizeOrigin(origin)).filter((origin) => origin !== undefined));
  return {
    evaluate(req) {
      const header = req.headers.origin;
      // Browsers send Origin on every cross-origin request and on every POST, so a missing
      // header means a same-origin GET or a non-browser client; an Origin check cannot stop
      // the latter anyway (they can send any header), rate limiting does.
      if (header === undefined) return { allowed: true };
      const origin = normalizeOrigin(header);
      if (origin === undefined) return { allowed: false, origin: header };
      if (new URL(origin).host === req.headers.host?.toLowerCase()) return { allowed: true };
      return allowed.has(origin) ? { allowed: true, corsOrigin: origin } : { allowed: false, origin };
    },
  };
}

/** Adds the CORS answer for an allowed cross-origin request; responses always vary by Origin. */
export function applyCorsHeaders(res: Response, decision: OriginDecision): void {
  res.header('Vary', 'Origin');
  if (decision.allowed && decision.corsOrigin !== undefined) res.header('Access-Control-Allow-Origin', decision.corsOrigin);
}

export function rejectOrigin(res: Response): void {
  res.header('Vary', 'Origin');
  sendJsonError(res, 403, 'OriginNotAllowed', 'This website is not allowed to use the chat. Add it to ALLOWED_ORIGINS.');
}

/** Answers CORS preflight (OPTIONS) requests for a path, so pages on allowed origins may send headers such as Authorization. */
export function registerCorsPreflight(
  server: Server,
  path: string,
  policy: OriginPolicy,
  options: { readonly methods: readonly string[]; readonly headers: readonly string[] },
): void {
  server.opts(
    path,
    syncHandler((req: Request, res: Response) => {
    const decision = policy.evaluate(req);
    if (!decision.allowed) {
      rejectOrigin(res);
      return;
    }
    applyCorsHeaders(res, decision);
    res.header('Access-Control-Allow-Methods', options.methods.join(', '));
    res.header('Access-Control-Allow-Headers', options.headers.join(', '));
    res.header('Access-Control-Max-Age', '600');
    res.send(204);
    }),
  );
}
