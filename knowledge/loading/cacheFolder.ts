import { join } from 'node:path';
import { findProjectRoot } from './projectRoot';

/**
 * Where the knowledge base keeps what it can work out once and read back (parsed YAML, the expanded
 * English dictionary): node_modules/.cache/art-faq-bot, the usual place for a package's caches.
 * Everything in it is named by a hash of what it was worked out from, so it is never stale, and it
 * may be deleted at any time.
 */
export const CACHE_FOLDER = join(findProjectRoot(), 'node_modules', '.cache', 'art-faq-bot');
