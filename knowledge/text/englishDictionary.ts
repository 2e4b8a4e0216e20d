import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type TypoConstructor from 'typo-js';
import { CACHE_FOLDER } from '../loading/cacheFolder';
import { writeCacheFile } from '../loading/cacheFiles';
import { SortedWords } from './sortedWords';

/**
 * Two Hunspell dictionaries, American (en_US, shipped with typo-js) and British (en_GB, the
 * dictionary-en-gb package), each as the word list typo-js expands it into. A word either lists is
 * English: patients write "cheque", "colour" and "mum" as often as "check" and "color", and a word
 * one dictionary lacks must not be "corrected" into something else (cheque into the Spanish
 * "choque", crash). typo-js takes about 0.2 s and 40 MB to expand a dictionary's affixes; each
 * expanded list is written once to node_modules/.cache/art-faq-bot (named by a hash of the
 * dictionary files and typo-js's version, so an upgrade writes a new one) and read back in a few
 * milliseconds. Where the cache cannot be written, the list is expanded in memory each time.
 * Answers are exactly typo-js's check() (tests/unit/englishDictionary.test.ts compares them).
 */
export interface ExpandedDictionary {
  /** Words typo-js's checkExact() accepts. */
  readonly words: SortedWords;
  /** Words the dictionary lists that checkExact() still rejects (only inside compounds). */
  readonly compoundOnly: ReadonlySet<string>;
  /** Words whose case may not change (Hunspell's KEEPCASE). */
  readonly keepCase: ReadonlySet<string>;
  /** checkExact() tries the compound rules on unlisted words at least this long. */
  readonly compoundMin: number | undefined;
  readonly compoundRules: readonly RegExp[];
}

interface SerializedDictionary {
  readonly format: number;
  readonly words: string;
  readonly compoundOnly: readonly string[];
  readonly keepCase: readonly string[];
  readonly compoundMin: number | null;
  readonly compoundRules: readonly (readonly [source: string, flags: string])[];
}

const FORMAT = 2;

/** The parts of typo-js that its type declarations leave out. */
interface TypoInternals {
  readonly dictionaryTable: ReadonlyMap<string, unknown>;
  readonly flags: Readonly<Record<string, string>>;
  readonly compoundRules: readonly RegExp[];
  checkExact(word: string): boolean;
  hasFlag(word: string, flag: string): boolean;
}

/** Where one Hunspell dictionary's files are. */
export interface DictionaryFiles {
  readonly name: 'en_US' | 'en_GB';
  readonly aff: string;
  readonly dic: string;
  /** The package.json of the package that ships it: its version is part of the cache file's name. */
  readonly packageJson: string;
}

function americanFiles(): DictionaryFiles {
  const folder = dirname(require.resolve('typo-js/package.json'));
  const file = (extension: string): string => join(folder, 'dictionaries', 'en_US', `en_US.${extension}`);
  return { name: 'en_US', aff: file('aff'), dic: file('dic'), packageJson: join(folder, 'package.json') };
}

function britishFiles(): DictionaryFiles {
  // The package exports only its (ESM) index.js; the files sit beside it.
  const folder = dirname(require.resolve('dictionary-en-gb'));
  return { name: 'en_GB', aff: join(folder, 'index.aff'), dic: join(folder, 'index.dic'), packageJson: join(folder, 'package.json') };
}

/** The dictionaries a word may come from, American first. */
export const ENGLISH_DICTIONARIES: readonly (() => DictionaryFiles)[] = [americanFiles, britishFiles];

/** typo-js's own expansion of the dictionary, in the serialized form. */
export function expandWithTypo(files: DictionaryFiles): SerializedDictionary {
  // Loaded only to expand a dictionary, once per installed version: later starts read the expansion.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Typo = require('typo-js') as typeof TypoConstructor;
  const typo = new Typo(files.name, readFileSync(files.aff, 'utf8'), readFileSync(files.dic, 'utf8')) as unknown as TypoInternals;
  const words: string[] = [];
  const compoundOnly: string[] = [];
  const keepCase: string[] = [];
  for (const word of typo.dictionaryTable.keys()) {
    (typo.checkExact(word) ? words : compoundOnly).push(word);
    if ('KEEPCASE' in typo.flags && typo.hasFlag(word, 'KEEPCASE')) keepCase.push(word);
  }
  return {
    format: FORMAT,
    words: words.sort().join('\n'),
    compoundOnly,
    keepCase,
    compoundMin: 'COMPOUNDMIN' in typo.flags ? Number(typo.flags.COMPOUNDMIN) : null,
    compoundRules: typo.compoundRules.map((rule) => [rule.source, rule.flags] as const),
  };
}

function deserialize(serialized: SerializedDictionary): ExpandedDictionary {
  return {
    words: new SortedWords(serialized.words),
    compoundOnly: new Set(serialized.compoundOnly),
    keepCase: new Set(serialized.keepCase),
    compoundMin: serialized.compoundMin ?? undefined,
    compoundRules: serialized.compoundRules.map(([source, flags]) => new RegExp(source, flags)),
  };
}

/** Expanded dictionaries kept of each name (one per installed typo-js and dictionary). */
const KEPT_DICTIONARIES = 3;

/** The cached expansion of one dictionary for the installed typo-js, written to `cacheFolder` on first use. */
export function readExpandedDictionary(files: DictionaryFiles, cacheFolder: string = CACHE_FOLDER): ExpandedDictionary {
  const hash = createHash('sha256').update(`format ${FORMAT}\n`);
  hash.update(readFileSync(require.resolve('typo-js/package.json')));
  for (const file of [files.packageJson, files.aff, files.dic]) hash.update(readFileSync(file));
  const cacheFile = join(cacheFolder, `${files.name}-${hash.digest('hex').slice(0, 16)}.json`);
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as SerializedDictionary;
    if (cached.format === FORMAT) return deserialize(cached);
  } catch {
    // Not written yet (or unreadable): expand it below.
  }
  const expanded = expandWithTypo(files);
  try {
    writeCacheFile(cacheFile, JSON.stringify(expanded), KEPT_DICTIONARIES);
  } catch {
    // A read-only node_modules: expand again next time.
  }
  return deserialize(expanded);
}

let dictionaries: readonly ExpandedDictionary[] | undefined;

function loaded(): readonly ExpandedDictionary[] {
  dictionaries ??= ENGLISH_DICTIONARIES.map((files) => readExpandedDictionary(files()));
  return dictionaries;
}

/** typo-js's checkExact(): a listed word, or one its compound rules (ordinals such as "21st") accept. */
function checkExact(dictionary: ExpandedDictionary, word: string): boolean {
  if (dictionary.words.has(word)) return true;
  if (dictionary.compoundOnly.has(word)) return false;
  if (dictionary.compoundMin === undefined || word.length < dictionary.compoundMin) return false;
  return dictionary.compoundRules.some((rule) => word.match(rule) !== null);
}

/** typo-js's check(): the word, or its capitalized or lower-case form where the dictionary allows. */
export function checkWord(dictionary: ExpandedDictionary, aWord: string): boolean {
  if (!aWord) return false;
  const word = aWord.replace(/^\s\s*/, '').replace(/\s\s*$/, '');
  if (checkExact(dictionary, word)) return true;
  if (word.toUpperCase() === word) {
    const capitalized = (word[0] ?? '') + word.substring(1).toLowerCase();
    if (dictionary.keepCase.has(capitalized)) return false;
    if (checkExact(dictionary, capitalized)) return true;
    if (checkExact(dictionary, word.toLowerCase())) return true;
  }
  const uncapitalized = (word[0] ?? '').toLowerCase() + word.substring(1);
  if (uncapitalized !== word) {
    if (dictionary.keepCase.has(uncapitalized)) return false;
    if (checkExact(dictionary, uncapitalized)) return true;
  }
  return false;
}

/** Loads the dictionaries now rather than at the first word, American first. */
export function loadEnglishDictionaries(): readonly ExpandedDictionary[] {
  return loaded();
}

/** Each installed dictionary's files and version, for caches of anything the dictionaries decide. */
export function dictionaryFingerprint(): string {
  return ENGLISH_DICTIONARIES.map((files) => readFileSync(files().packageJson, 'utf8')).join('\n');
}

/** Answers already worked out, by word: the same few thousand words recur in every message. Bounded. */
const englishWords = new Map<string, boolean>();
const lowerCaseEnglishWords = new Map<string, boolean>();
const MAX_REMEMBERED_WORDS = 20_000;

function remembered(answers: Map<string, boolean>, word: string, work: () => boolean): boolean {
  const known = answers.get(word);
  if (known !== undefined) return known;
  const answer = work();
  if (answers.size < MAX_REMEMBERED_WORDS) answers.set(word, answer);
  return answer;
}

/**
 * True for ordinary English words ("whole", "openings"), American or British. The spelling corrector leaves these
 * alone: a real word outside the FAQ's vocabulary is not a typo of one inside it.
 */
export function isEnglishWord(word: string): boolean {
  return remembered(englishWords, word, () => {
    const capitalized = word.charAt(0).toUpperCase() + word.slice(1);
    return loaded().some((words) => checkWord(words, word) || checkWord(words, capitalized));
  });
}

/** Like isEnglishWord, but lower case only: "Del", "Hora" and "Como" are names, not English words, in a message. */
export function isLowerCaseEnglishWord(word: string): boolean {
  return remembered(lowerCaseEnglishWords, word, () => loaded().some((words) => checkWord(words, word)));
}
