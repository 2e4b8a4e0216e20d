import { join } from 'node:path';
import pino from 'pino';
import { loadConfig, type ServiceConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { findProjectRoot } from '../../knowledge/loading/projectRoot';

export const KNOWLEDGE_DIR = join(findProjectRoot(), 'knowledge');

/** The service's configuration as a fresh clone has it, with an ephemeral port and overrides. */
export function testConfig(overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return { ...loadConfig({ PORT: '0', KNOWLEDGE_DIR }), ...overrides };
}

/** Tests assert on behaviour, not on log lines: keep their output quiet. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
