import type { Response } from 'restify';

/** Errors use the same `{ error: { code, message } }` shape as the rest of the server. */
export function sendJsonError(res: Response, status: number, code: string, message: string): void {
  res.status(status);
  res.json({ error: { code, message } });
}

/** 429 with Retry-After, exposed to cross-origin pages so the widget could read it. */
export function sendTooManyRequests(res: Response, retryAfterSeconds: number, message: string): void {
  res.header('Retry-After', String(retryAfterSeconds));
  res.header('Access-Control-Expose-Headers', 'Retry-After');
  sendJsonError(res, 429, 'TooManyRequests', message);
}
