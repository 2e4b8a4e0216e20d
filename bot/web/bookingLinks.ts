import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Provider } from '../../knowledge/schemas/providersSchema';
import type { Clinic } from '../../knowledge/schemas/clinicSchema';
import type { SafetyHoldLevel, SafetyHoldState } from '../../dialogs/safetyHold';
import type { RouteRegistrar } from '../server';
import { systemClock, type Clock } from './clock';
import { escapeHtml } from './demoPage';
import type { SecurityHeaders } from './securityHeaders';

export const BOOKING_PATH = '/book';

export interface BookingLinkSigner {
  /** /book/<providerId>?c=<signed, expiring reference to the conversation's safety record>. */
  link(baseUrl: string, holdKey: string, providerId: string): string;
  /** The hold key a link refers to, or why it cannot be used. */
  verify(providerId: string, token: string): { readonly holdKey: string } | { readonly problem: 'invalid' | 'expired' };
}

/** A random secret for this process, when BOOKING_LINK_SECRET is not set: links then stop working at a restart. */
export function generateBookingLinkSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Booking links the bot shows point at the bot itself, signed (HMAC-SHA256) and expiring, so a hold
 * raised later still stops them. The link carries the id of the conversation's safety record and the
 * provider id, nothing a patient said or is.
 */
export function createBookingLinkSigner(options: { readonly secret: string; readonly ttlMs: number; readonly clock?: Clock }): BookingLinkSigner {
  const clock = options.clock ?? systemClock;
  const mac = (data: string): Buffer => createHmac('sha256', options.secret).update(data).digest();
  return {
    link(baseUrl, holdKey, providerId) {
      const payload = Buffer.from(JSON.stringify({ k: holdKey, p: providerId, e: Math.floor((clock() + options.ttlMs) / 1000) })).toString('base64url');
      const token = `${payload}.${mac(payload).toString('base64url')}`;
      return `${baseUrl.replace(/\/+$/, '')}${BOOKING_PATH}/${encodeURIComponent(providerId)}?c=${token}`;
    },
    verify(providerId, token) {
      const [payload, signature, extra] = token.split('.');
      if (payload === undefined || signature === undefined || extra !== undefined) return { problem: 'invalid' };
      const expected = mac(payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'invalid' };
      let parsed: { k?: unknown; p?: unknown; e?: unknown };
      try {
        parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof parsed;
      } catch {
        return { problem: 'invalid' };
      }
      if (typeof parsed.k !== 'string' || parsed.p !== providerId || typeof parsed.e !== 'number') return { problem: 'invalid' };
      if (parsed.e * 1000 < clock()) return { problem: 'expired' };
      return { holdKey: parsed.k };
    },
  };
}

export interface BookingRouteDependencies {
  readonly signer: BookingLinkSigner;
  readonly providers: readonly Provider[];
  readonly clinic: Clinic;
  readonly readHold: (holdKey: string) => Promise<SafetyHoldState | undefined>;
  /** The advice the chat gave for a hold (markdown), repeated on the page. */
  readonly holdAdvice: (level: SafetyHoldLevel) => string;
  readonly securityHeaders: SecurityHeaders;
}

/** Markdown to plain paragraphs: the advice texts use only emphasis and line breaks. */
function paragraphs(markdown: string): string {
  return markdown
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.replace(/\*\*|__|(?<!\w)_|_(?!\w)/g, '').trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function page(clinic: Clinic, title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${escapeHtml(clinic.name)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
<p>${escapeHtml(clinic.name)}: <a href="tel:${escapeHtml(clinic.phone.replace(/[^\d+]/g, ''))}">${escapeHtml(clinic.phone)}</a></p>
</main></body></html>`;
}

/** GET /book/:providerId?c=…: the provider's booking page, unless the conversation is on hold. */
export function createBookingRoute(deps: BookingRouteDependencies): RouteRegistrar {
  const send = (req: Request, res: Response, status: number, html: string): void => {
    res.sendRaw(status, html, { ...deps.securityHeaders.document(req), 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  };
  return (server: Server) => {
    server.get(`${BOOKING_PATH}/:providerId`, async (req: Request, res: Response) => {
      const providerId = (req.params as Record<string, string | undefined>).providerId ?? '';
      const token = (req.query as Record<string, unknown> | undefined)?.c;
      const provider = deps.providers.find((candidate) => candidate.id === providerId);
      const verdict = typeof token === 'string' ? deps.signer.verify(providerId, token) : ({ problem: 'invalid' } as const);
      if (provider?.bookingUrl === undefined || 'problem' in verdict) {
        const expired = 'problem' in verdict && verdict.problem === 'expired';
        send(req, res, expired ? 410 : 404, page(deps.clinic, expired ? 'This booking link has expired' : 'This booking link does not work', '<p>Please ask the chat again, or call us.</p>'));
        return;
      }
      const hold = await deps.readHold(verdict.holdKey);
      if (hold !== undefined) {
        send(req, res, 200, page(deps.clinic, 'Please check with a doctor first', paragraphs(deps.holdAdvice(hold.level))));
        return;
      }
      res.sendRaw(302, '', { Location: provider.bookingUrl, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    });
  };
}
