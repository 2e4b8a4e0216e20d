import type { Next, Request, RequestHandler, Response } from 'restify';

/**
 * restify 11 rejects two-argument handlers unless they are async functions, and an
 * exception thrown by a callback-style handler would escape restify's error handling;
 * this wraps a synchronous handler into the callback style with errors passed on.
 */
export function syncHandler(handler: (req: Request, res: Response) => void): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    try {
      handler(req, res);
      next();
    } catch (error) {
      next(error instanceof Error ? error : new Error(String(error)));
    }
  };
}
