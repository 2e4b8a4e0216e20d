import type { Request } from 'restify';

export interface SecurityHeadersOptions {
  /** The Direct Line service the widget connects to (https and wss), when not the local channel. */
  readonly directLineEndpoint?: string;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-Proto for HSTS. */
  readonly trustProxy?: boolean;
}

/** Headers every HTML and JavaScript response of the bot carries. */
export interface SecurityHeaders {
  /** For the bot's own pages (the demo page, the /book hold page): CSP, no framing, nosniff, referrer policy, HSTS on HTTPS. */
  document(req: Request): Record<string, string>;
  /**
   * For widget.js and Web Chat's bundle, which clinics load from their own sites: nosniff, referrer
   * policy, HSTS on HTTPS, and Cross-Origin-Resource-Policy: cross-origin so embedding keeps working.
   * A CSP on a script has no effect (the embedding page's own CSP applies), so none is sent.
   */
  script(req: Request): Record<string, string>;
}

function arrivedOverHttps(req: Request, trustProxy: boolean): boolean {
  if (req.isSecure()) return true;
  if (!trustProxy) return false;
  const forwarded = req.headers['x-forwarded-proto'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim().toLowerCase();
  return last === 'https';
}

export function createSecurityHeaders(options: SecurityHeadersOptions = {}): SecurityHeaders {
  const connect = ["'self'"];
  if (options.directLineEndpoint !== undefined && options.directLineEndpoint !== '') {
    const host = new URL(options.directLineEndpoint).host;
    connect.push(`https://${host}`, `wss://${host}`);
  }
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // Web Chat and the widget style their elements inline.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

  const common = (req: Request): Record<string, string> => ({
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    ...(arrivedOverHttps(req, options.trustProxy ?? false) ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  });

  return {
    document: (req) => ({ ...common(req), 'Content-Security-Policy': csp, 'X-Frame-Options': 'DENY' }),
    script: (req) => ({ ...common(req), 'Cross-Origin-Resource-Policy': 'cross-origin' }),
  };
}
