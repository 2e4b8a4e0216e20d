import type { ActivityHandlerBase } from 'botbuilder';
import type { BotServiceAdapter } from '../../../bot/botServiceAdapter';
import { createAdapter } from '../../../bot/createAdapter';
import type { Server } from 'restify';
import type { Clinic } from '../../../knowledge/schemas/clinicSchema';
import { createLogger, type Logger } from '../../../bot/logger';
import { createServer, listen, type RouteRegistrar } from '../../../bot/server';
import { createWebRoutes, type WebConfig, type WebRoutesDependencies } from '../../../bot/web/webRoutes';
import { EchoTestBot } from './testBot';
import { loadTestClinic } from './testClinic';

export interface WebTestServer {
  readonly server: Server;
  readonly port: number;
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  readonly logger: Logger;
  close(): Promise<void>;
}

export interface WebTestServerOptions {
  /** The bot behind /api/messages; the echo test bot unless given (pass the real bot for end-to-end tests). */
  readonly bot?: ActivityHandlerBase;
  readonly config?: Partial<WebConfig>;
  readonly clinic?: Clinic;
  /** Test seams for createWebRoutes (clock, httpClient, rate limits, store sizes…). */
  readonly web?: Omit<Partial<WebRoutesDependencies>, 'config' | 'clinic' | 'logger'>;
  /** Extra routes, e.g. a host page for embedding tests. */
  readonly routes?: readonly RouteRegistrar[];
  /** For tests that check what is logged; silent (or TEST_LOG_LEVEL) otherwise. */
  readonly logger?: Logger;
}

/** Local development defaults: no Azure, local Direct Line on, same-origin only. */
export const localWebConfig: WebConfig = {
  directLineSecret: '',
  directLineEndpoint: 'https://directline.botframework.com/v3/directline',
  allowedOrigins: [],
  localDirectLineEnabled: true,
  widgetTitle: '',
  widgetAccent: '#0f766e',
  publicUrl: '',
};

/** An anonymous adapter, as for the Emulator: no app id, so no channel authentication. */
export function createAnonymousAdapter(logger: Logger): BotServiceAdapter {
  const adapter = createAdapter({ microsoftAppId: '', microsoftAppPassword: '', microsoftAppType: 'MultiTenant', microsoftAppTenantId: '' });
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error }, 'test bot turn failed');
    await context.sendActivity('The test bot failed.');
  };
  return adapter;
}

/** Starts the real server (createServer + createWebRoutes) on an ephemeral loopback port. */
export async function startWebTestServer(options: WebTestServerOptions = {}): Promise<WebTestServer> {
  const logger = options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const webRoutes = createWebRoutes({
    config: { ...localWebConfig, ...options.config },
    clinic: options.clinic ?? loadTestClinic(),
    logger,
    ...options.web,
  });
  const server = createServer({
    adapter: createAnonymousAdapter(logger),
    bot: options.bot ?? new EchoTestBot(),
    logger,
    routes: [...webRoutes, ...(options.routes ?? [])],
  });
  return { ...(await serveOnLoopback(server)), logger };
}

/** A server listening on an ephemeral loopback port. */
export type LoopbackServer = Pick<WebTestServer, 'server' | 'port' | 'baseUrl' | 'close'>;

/** Serves an already-created restify server (e.g. createApplication's, with the real bot) on an ephemeral loopback port. */
export async function serveOnLoopback(server: Server): Promise<LoopbackServer> {
  const port = await listen(server, 0, '127.0.0.1');
  return {
    server,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Web Chat polls with keep-alive connections; drop them so close() does not wait for their timeout.
        server.server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
