import type { Response } from 'restify';

/** Errors use the same `{ error: { code, message } }` shape as the rest of the server. */
export function sendJsonError(res: Response, status: number, code: string, message: string): void {
  res.status(status);
  res.json({ error: { code, message } });
}
