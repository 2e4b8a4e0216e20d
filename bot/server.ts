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
  const activity = body as { type?: unknown; channelId?: unknown; serviceUrl?: unknown; conversation?: { id?: unknown } | null };
  const isText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
  if (!isText(activity.type)) return 'The activity has no "type".';
  if (!isText(activity.channelId)) return 'The activity has no "channelId".';
  if (typeof activity.conversation !== 'object' || activity.conversation === null || !isText(activity.conversation.id)) {
    return 'The activity has no "conversation.id".';
  }
  if (!isHttpUrl(activity.serviceUrl)) return 'The activity has no valid "serviceUrl" (an http or https address).';
  return undefined;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** What a client sees when something fails inside the service: never the error's own text. */
const INTERNAL_ERROR_BODY = { error: { code: 'InternalError', message: 'Something went wrong. Please try again later.' } };

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
