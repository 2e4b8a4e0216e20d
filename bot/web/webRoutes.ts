import type { Clinic } from '../../knowledge/schemas/clinicSchema';
import type { ServiceConfig } from '../config';
import type { Logger } from '../logger';
import type { RouteRegistrar } from '../server';
import { systemClock, type Clock } from './clock';
import { createDirectLineTokenRoute } from './directLineTokenRoute';
import type { HttpClient } from './httpRequest';
import { ConversationStore, type ConversationStoreOptions } from './localDirectLine/conversationStore';
import { createLocalDirectLineRoutes, type LocalDirectLineLimits } from './localDirectLine/localDirectLineRoutes';
import { createOriginPolicy } from './originPolicy';
import { createRateLimiter, type RateLimiterOptions } from './rateLimiter';
import { createSecurityHeaders } from './securityHeaders';
import { createWebChatBundleRoute } from './webChatBundle';
import { createWidgetRoutes } from './widgetRoutes';
import { createWidgetSettings } from './widgetSettings';

export type WebConfig = Pick<
  ServiceConfig,
  'directLineSecret' | 'directLineEndpoint' | 'allowedOrigins' | 'localDirectLineEnabled' | 'widgetTitle' | 'widgetAccent' | 'publicUrl'
>;

export interface WebRoutesDependencies {
  readonly config: WebConfig;
  readonly clinic: Clinic;
  readonly logger: Logger;
  /** Rate-limit by the X-Forwarded-For hop our proxy adds (set when running behind Azure App Service or a load balancer). */
  readonly trustProxy?: boolean;
  // Seams for tests; production uses the defaults.
  readonly httpClient?: HttpClient;
  readonly clock?: Clock;
  readonly createUserId?: () => string;
  readonly tokenRateLimit?: Pick<RateLimiterOptions, 'capacity' | 'refillMs'>;
  readonly upstreamTimeoutMs?: number;
  /** The local channel's store sizes and limits; see DEFAULT_LOCAL_DIRECT_LINE_LIMITS for the defaults. */
  readonly localDirectLine?: Omit<ConversationStoreOptions, 'clock'> & LocalDirectLineLimits;
}

/**
 * Everything the clinic website widget needs: the embeddable /widget.js, the demo page at /,
 * Web Chat's bundle, and either the Azure Direct Line token endpoint or, outside production,
 * the local Direct Line channel. Pass the result to createServer({ routes }).
 */
export function createWebRoutes(deps: WebRoutesDependencies): RouteRegistrar[] {
  const { config, clinic, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const originPolicy = createOriginPolicy(config.allowedOrigins, { publicUrl: config.publicUrl });
  const settings = createWidgetSettings(config, clinic);

  if (config.localDirectLineEnabled) {
    logger.info('Web Chat uses the built-in local Direct Line channel (development only; set DIRECT_LINE_SECRET for Azure Bot Service)');
  } else if (config.directLineSecret === '') {
    logger.warn('DIRECT_LINE_SECRET is not set: the website widget will show "Chat is unavailable"');
  }

  const securityHeaders = createSecurityHeaders({
    directLineEndpoint: config.localDirectLineEnabled ? undefined : config.directLineEndpoint,
    trustProxy: deps.trustProxy,
  });
  const routes: RouteRegistrar[] = [createWidgetRoutes({ settings, clinic, securityHeaders }), createWebChatBundleRoute({ logger, securityHeaders })];
  if (config.localDirectLineEnabled) {
    // No Azure token route: the widget gets its tokens from the local channel, and an unused
    // route would only answer anonymous callers with a misleading "not configured" error log.
    routes.push(
      createLocalDirectLineRoutes({
        store: new ConversationStore({ ...deps.localDirectLine, clock }),
        originPolicy,
        logger,
        createUserId: deps.createUserId,
        botAccount: { id: 'local-bot', name: clinic.name },
        trustProxy: deps.trustProxy,
        limits: deps.localDirectLine,
      }),
    );
  } else {
    routes.push(
      createDirectLineTokenRoute({
        directLineSecret: config.directLineSecret,
        directLineEndpoint: config.directLineEndpoint,
        originPolicy,
        rateLimiter: createRateLimiter({ capacity: 10, refillMs: 60_000, ...deps.tokenRateLimit }),
        logger,
        httpClient: deps.httpClient,
        createUserId: deps.createUserId,
        upstreamTimeoutMs: deps.upstreamTimeoutMs,
        trustProxy: deps.trustProxy,
      }),
    );
  }
  return routes;
}
