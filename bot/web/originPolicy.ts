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

/** This server's own origins on the port the request really arrived on (never the Host header, which any client sets). */
function loopbackOrigins(req: Request): string[] {
  const port = req.socket.localPort;
  if (port === undefined) return [];
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
}

/**
 * Exact-match allow-list (ALLOWED_ORIGINS) on the Origin header. The bot's own pages are always
 * allowed: its public URL (PUBLIC_URL) and, for development, its loopback addresses on the port
 * the request arrived on. The Host header is never trusted: a page on evil.example that also sends
 * `Host: evil.example` is cross-origin. For browsers an empty list means "the bot's own pages only".
 * Requests with no Origin header (curl, scripts, servers) are allowed too: only the rate limits
 * stand between them and the endpoints.
 */
export function createOriginPolicy(allowedOrigins: readonly string[], options: { readonly publicUrl?: string } = {}): OriginPolicy {
  const allowed = new Set(allowedOrigins.map((origin) => normalizeOrigin(origin)).filter((origin) => origin !== undefined));
  const publicOrigin = options.publicUrl === undefined || options.publicUrl === '' ? undefined : normalizeOrigin(options.publicUrl);
  return {
    evaluate(req) {
      const header = req.headers.origin;
      // Browsers send Origin on every cross-origin request and on every POST, so a missing
      // header means a same-origin GET or a non-browser client; an Origin check cannot stop
      // the latter anyway (they can send any header), rate limiting does.
      if (header === undefined) return { allowed: true };
      const origin = normalizeOrigin(header);
      if (origin === undefined) return { allowed: false, origin: header };
      if (origin === publicOrigin || loopbackOrigins(req).includes(origin)) return { allowed: true };
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
