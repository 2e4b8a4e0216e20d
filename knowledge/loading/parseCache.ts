import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_FOLDER } from './cacheFolder';
import { writeCacheFile } from './cacheFiles';

const YAML_VERSION = (JSON.parse(readFileSync(require.resolve('yaml/package.json'), 'utf8')) as { version: string }).version;
/** Parses kept; older ones are removed when a new one is written (each edit of a file writes one). */
const KEPT_PARSES = 40;

/** Whether JSON gives back exactly this value: plain objects, arrays, strings, finite numbers, booleans, null. */
function heldByJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(heldByJson);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.entries(value).every(([key, field]) => key !== '__proto__' && field !== undefined && heldByJson(field));
}

/**
 * YAML parsed before, by the text it was parsed from: parsing a file is the slowest part of loading
 * a large knowledge base (seconds at 30,000 entries), and the same text always parses to the same
 * data. Entries are named by a hash of the text and the yaml library's version, so an edited file
 * is simply parsed again; validation still runs on every load. Where the folder cannot be written,
 * every load parses.
 */
export class ParseCache {
  constructor(private readonly folder: string = CACHE_FOLDER) {}


  private fileFor(text: string): string {
    const hash = createHash('sha256').update(`yaml ${YAML_VERSION}\n`).update(text).digest('hex').slice(0, 32);
    return join(this.folder, `yaml-${hash}.json`);
  }

  /** The data `text` parsed to before, if it is kept. */
  get(text: string): unknown {
    try {
      return (JSON.parse(readFileSync(this.fileFor(text), 'utf8')) as { data: unknown }).data;
    } catch {
      return undefined;
    }
  }

  /** Keeps what `text` parsed to, if JSON holds it exactly (YAML can say .inf; JSON cannot). */
  set(text: string, data: unknown): void {
    try {
      if (!heldByJson(data)) return;
      writeCacheFile(this.fileFor(text), JSON.stringify({ data }), KEPT_PARSES);
    } catch {
      // A read-only folder: parse again next time.
    }
  }
}
