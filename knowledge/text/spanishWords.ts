import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_FOLDER } from '../loading/cacheFolder';
import { writeCacheFile } from '../loading/cacheFiles';
import { foldText } from './normalizeText';
import { SortedWords } from './sortedWords';

/**
 * Spanish words, from an-array-of-spanish-words (MIT: about 636,000 words, every verb form included),
 * folded as messages are (accents removed, "ñ" read as "n"). The safety speller leaves a real word
 * alone, and without these it "corrected" Spanish: "factura" (an invoice) into "fractura", "chido"
 * (cool) into "caido" (fallen), "cada" (each) into "caida" (a fall).
 * Folding, sorting and joining the list takes a second, so it is done once per installed version and
 * kept in the cache folder (see cacheFolder.ts); later starts read it back in milliseconds. Read at
 * the first word that needs it, as the English dictionaries are, and searched by bisection.
 */
const PACKAGE = 'an-array-of-spanish-words';
/** Sorted lists kept in the cache folder (one per installed version of the word list). */
const KEPT_LISTS = 2;

function sortedFoldedWords(listFile: string): string {
  const words = JSON.parse(readFileSync(listFile, 'utf8')) as readonly string[];
  return [...new Set(words.map((word) => foldText(word)))].sort().join('\n');
}

/** The folded, sorted list as one string, from the cache folder or worked out and written there. */
export function readSpanishWords(cacheFolder: string = CACHE_FOLDER): SortedWords {
  const listFile = require.resolve(`${PACKAGE}/index.json`);
  const version = (JSON.parse(readFileSync(require.resolve(`${PACKAGE}/package.json`), 'utf8')) as { readonly version: string }).version;
  const hash = createHash('sha256').update(`${PACKAGE} ${version}\n`).digest('hex').slice(0, 16);
  const cacheFile = join(cacheFolder, `spanish-${hash}.txt`);
  try {
    return new SortedWords(readFileSync(cacheFile, 'utf8'));
  } catch {
    // Not written yet (or unreadable): work it out below.
  }
  const text = sortedFoldedWords(listFile);
  try {
    writeCacheFile(cacheFile, text, KEPT_LISTS);
  } catch {
    // A read-only node_modules: work it out again next time.
  }
  return new SortedWords(text);
}

let spanishWords: SortedWords | undefined;

/** True for a Spanish word as a message spells it once folded: "fractura", "cada", "rodilla", "pequeno". */
export function isSpanishWord(word: string): boolean {
  spanishWords ??= readSpanishWords();
  return spanishWords.has(word);
}
