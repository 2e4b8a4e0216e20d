import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWLEDGE_FILES, type KnowledgeBase } from './knowledgeBase';
import { CACHE_FOLDER } from './cacheFolder';
import { ParseCache } from './parseCache';
import { ValidatedKnowledge } from './validatedKnowledge';
import type { validateKnowledgeBase as Validate } from './validateKnowledgeBase';

export interface LoadOptions {
  /**
   * Where validated knowledge bases and parsed files are kept (see ValidatedKnowledge and ParseCache);
   * null: neither, every load parses and validates everything.
   */
  readonly cacheFolder?: string | null;
}

/**
 * Reads and validates every YAML file of a knowledge base. Either everything loads, or a
 * KnowledgeBaseError lists each problem with its file, entry, field and line: the service
 * never starts half-loaded. A knowledge base whose files and code are unchanged since it last
 * loaded is read back as it was validated then; an edited file is parsed again (unchanged ones
 * come from the parse cache) and the whole knowledge base validated again.
 */
export function loadKnowledgeBase(directory: string, { cacheFolder = CACHE_FOLDER }: LoadOptions = {}): KnowledgeBase {
  const texts: (readonly [string, string])[] = [];
  for (const name of Object.values(KNOWLEDGE_FILES)) {
    try {
      texts.push([name, readFileSync(join(directory, name), 'utf8')]);
    } catch {
      // Reported below, as the file is read again.
    }
  }
  const everyFileRead = texts.length === Object.values(KNOWLEDGE_FILES).length;
  const validated = cacheFolder === null || !everyFileRead ? undefined : new ValidatedKnowledge(cacheFolder);
  const known = validated?.get(texts);
  if (known !== undefined) return known;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateKnowledgeBase } = require('./validateKnowledgeBase') as { validateKnowledgeBase: typeof Validate };
  const knowledgeBase = validateKnowledgeBase(directory, cacheFolder === null ? undefined : new ParseCache(cacheFolder));
  validated?.set(texts, knowledgeBase);
  return knowledgeBase;
}
