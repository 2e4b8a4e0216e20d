import type { ActivityHandlerBase, CloudAdapter } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from './logger';
import { syncHandler } from './syncHandler';

/** A feature that adds its own routes (the web widget, Direct Line, …) to the server. */
export type RouteRegistrar = (server: Server) => void;

export interface ServerDependencies {
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandlerBase;
  readonly logger: Logger;
  readonly routes?: readonly RouteRegistrar[];
}

/**
 * Why a body is not a Bot Framework activity, or undefined when it looks like one.
 * botbuilder answers 500 for such bodies; patients' clients deserve a 400 instead.
 */
export function describeMalformedActivity(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return 'The request body is empty.';
  if (typeof body !== 'object' || Array.isArray(body)) return 'The request body must be a JSON object.';
  const type = (body as { type?: unknown }).type;
  if (typeof type !== 'string' || type.trim() === '') return 'The activity has no "type".';
  return undefined;
}

function sendBadRequest(res: Response, message: string): void {
  res.status(400);
  res.json({ error: { code: 'BadRequest', message } });
}

export function createServer({ adapter, bot, logger, routes = [] }: ServerDependencies): Server {
  const server = restify.createServer({ name: 'art-faq-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 128 * 1024 }));

  server.get(
    '/healthz',
    syncHandler((_req: Request, res: Response) => {
      res.json({ status: 'ok' });
    }),
  );

  server.post('/api/messages', async (req: Request, res: Response) => {
    const problem = describeMalformedActivity(req.body);
    if (problem !== undefined) {
      sendBadRequest(res, problem);
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  for (const register of routes) register(server);

  // restify answers malformed JSON itself with a 4xx; anything that still throws is logged, never leaked.
  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) logger.error({ err: error, path: req.path() }, 'request failed');
    else logger.debug({ status, path: req.path() }, 'request rejected');
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
