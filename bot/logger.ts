import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Message text from patients is health information: log it
 * only at debug level, never at info (see the safety rules in the README).
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'art-faq-bot' } });
}
