import pino from 'pino';
import type { Logger } from '../../../bot/logger';

export interface LogLine {
  /** pino's numeric level: 40 warn, 50 error. */
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** A real pino logger that keeps its lines in memory, for tests about what is (not) logged. */
export function capturingLogger(): { readonly logger: Logger; readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

export const WARN = 40;
export const ERROR = 50;
