import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeCacheFile } from './cacheFiles';
import { decodeGraph, encodeGraph } from './graphJson';
import type { KnowledgeBase } from './knowledgeBase';

const FORMAT = 1;
/** Knowledge bases kept; older ones are removed when a new one is written. */
const KEPT = 10;

let codeFingerprint: string | undefined;

/**
 * What the loaded knowledge base depends on besides its files: the loading, validation and parsing
 * code (every script under knowledge/, as it runs: compiled in dist/, or TypeScript under tsx and
 * jest) and the versions of yaml and zod. Worked out once per process, in a few milliseconds.
 */
export function fingerprintOfCode(): string {
  if (codeFingerprint === undefined) {
    const hash = createHash('sha256').update(`format ${FORMAT}\n`);
    for (const name of ['yaml', 'zod']) hash.update(readFileSync(require.resolve(`${name}/package.json`)));
    const root = join(__dirname, '..');
    const files: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(?:js|ts)$/.test(entry.name)) files.push(path);
      }
    };
    walk(root);
    for (const path of files.sort()) hash.update(`${relative(root, path)}\n`).update(readFileSync(path));
    codeFingerprint = hash.digest('hex');
  }
  return codeFingerprint;
}

/**
 * Knowledge bases validated before, by what they were loaded from: the text of every knowledge file
 * and the code that validated it. The same inputs always validate to the same result, so an unchanged
 * knowledge base is validated once and read back at every later start (the service never starts on
 * anything that failed: only a knowledge base that loaded without a problem is kept). Any edit to a
 * file, or to the code, validates again. Read back with every shared object still shared
 * (graphJson.ts), so the safety rules are exactly as the loader built them.
 */
export class ValidatedKnowledge {
  constructor(private readonly folder: string) {}

  private fileFor(texts: readonly (readonly [name: string, text: string])[]): string {
    const hash = createHash('sha256').update(fingerprintOfCode());
    for (const [name, text] of texts) hash.update(`\n${name}\n${text.length}\n`).update(text);
    return join(this.folder, `knowledge-${hash.digest('hex').slice(0, 32)}.json`);
  }

  get(texts: readonly (readonly [name: string, text: string])[]): KnowledgeBase | undefined {
    try {
      return decodeGraph(readFileSync(this.fileFor(texts), 'utf8')) as KnowledgeBase;
    } catch {
      return undefined;
    }
  }

  set(texts: readonly (readonly [name: string, text: string])[], knowledgeBase: KnowledgeBase): void {
    try {
      const json = encodeGraph(knowledgeBase);
      if (json === undefined) return;
      writeCacheFile(this.fileFor(texts), json, KEPT);
    } catch {
      // A read-only folder: validate again next time.
    }
  }
}
