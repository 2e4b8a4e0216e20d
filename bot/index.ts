/**
 * Starts the service: `npm start` (compiled) or `npm run dev` (TypeScript directly).
 */
import { config as loadDotenv } from 'dotenv';
import { join } from 'node:path';
import { KnowledgeBaseError } from '../knowledge/loading/knowledgeBaseError';
import { findProjectRoot } from '../knowledge/loading/projectRoot';
import { loadConfigOrExit } from './config';
import { createApplication } from './createApplication';
import { createLogger } from './logger';
import { listen } from './server';
import { shutDownGracefully } from './shutdown';

// .env sits in the project root, wherever the process was started from.
loadDotenv({ path: join(findProjectRoot(), '.env'), quiet: true });

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);

  let application;
  try {
    application = createApplication({ config, logger });
  } catch (error) {
    if (!(error instanceof KnowledgeBaseError)) throw error;
    // Plain words only, as kb:check prints them: whoever starts the service is often the receptionist
    // who edited the YAML, and a JSON log line above the list would only get in the way.
    console.error(`${error.message}\n\nFix the YAML above (npm run kb:check shows the same list), then start again.`);
    process.exit(1);
  }

  const port = await listen(application.server, config.port);
  // Before the line that says the service is up: whoever waits for it may stop the service at once.
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: no new requests; finishing those in flight (at most 10 s)');
    void shutDownGracefully(application.server, 10_000).then((outcome) => {
      logger.info({ outcome }, 'stopped');
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const knowledge = application.knowledgeBase;
  logger.info({ port, faqEntries: knowledge.faq.length, safetyRules: knowledge.safety.rules.length }, 'ART FAQ bot listening');
  if (config.microsoftAppId === '' && config.isProduction) {
    // Allowed, as the Emulator needs it, but in production anyone could post activities and make the bot call any serviceUrl.
    logger.error('MicrosoftAppId is not set in production: the bot accepts unauthenticated requests. Set MicrosoftAppId and MicrosoftAppPassword.');
  } else if (config.microsoftAppId === '') {
    logger.warn('MicrosoftAppId is not set: running unauthenticated, as Bot Framework Emulator expects. Set it before deploying.');
  }

  console.log(`\nBot endpoint:  http://localhost:${port}/api/messages  (Bot Framework Emulator)`);
  console.log(`Demo page:     http://localhost:${port}/\n`);
}

main().catch((error: unknown) => {
  console.error('The service failed to start:', error);
  process.exit(1);
});
