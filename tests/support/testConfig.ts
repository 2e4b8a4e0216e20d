import { join } from 'node:path';
import pino from 'pino';
import { loadConfig, type ServiceConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { findProjectRoot } from '../../knowledge/loading/projectRoot';

/**
 * The frozen knowledge base the engine tests run on. The clinic edits knowledge/, which only the
 * content checks (`npm run kb:test`, tests/eval/) read, so a clinic's edits never turn `npm test` red.
 */
export const FIXTURE_KNOWLEDGE_DIR = join(findProjectRoot(), 'tests', 'fixtures', 'knowledge');
/** Frozen copies of the dev set and check sets, for the engine tests of the evaluation CLIs. */
export const FIXTURE_EVAL_DIR = join(findProjectRoot(), 'tests', 'fixtures', 'eval');

/** The service's configuration as a fresh clone has it, with an ephemeral port and overrides. */
export function testConfig(overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return { ...loadConfig({ PORT: '0', KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE_DIR }), ...overrides };
}

/** Tests assert on behaviour, not on log lines: keep their output quiet. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
