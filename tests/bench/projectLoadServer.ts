/**
 * The project as `npm start` runs it (same configuration from the environment, same logger), with
 * one difference for the load test: the /api/messages rate limits are lifted, since a load test from
 * one address would otherwise measure them. Run compiled (`node dist/tests/bench/projectLoadServer.js`).
 */
import { loadConfig } from '../../bot/config';
import { createApplication } from '../../bot/createApplication';
import { createLogger } from '../../bot/logger';
import { listen } from '../../bot/server';

const unlimited = { capacity: 1_000_000_000, refillMs: 60_000 };
const config = loadConfig();
const application = createApplication({
  config,
  logger: createLogger(config.logLevel),
  rateLimits: { perConversation: unlimited, perClientUnauthenticated: unlimited },
});
void listen(application.server, config.port, '127.0.0.1');
