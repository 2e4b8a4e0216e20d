import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeBase } from '../loading/knowledgeBase';
import { writeCacheFile } from '../loading/cacheFiles';
import { fingerprintOfCode } from '../loading/validatedKnowledge';
import { normalizeText, type NormalizedText } from '../text/normalizeText';
import { dictionaryFingerprint } from '../text/englishDictionary';

const FORMAT = 2;
/** Knowledge bases whose phrasings are kept; older ones are removed when a new one is written. */
const KEPT = 10;

interface Remembered {
  /** The phrasing normalized, as the vocabulary and the curated-phrasing look-up read it. */
  readonly tokens: readonly string[];
  /** What the FAQ matcher compares, after spelling correction and synonyms. */
  readonly words: readonly string[];
}

export interface PhrasingInputs {
  readonly faq: KnowledgeBase['faq'];
  readonly synonyms: KnowledgeBase['synonyms'];
  readonly words: Iterable<string>;
}

/**
 * On disk, each text's tokens and words joined by spaces (neither ever holds one): strings parse several
 * times faster than arrays of words, and the file is half the size.
 */
interface RememberedFile {
  readonly format: number;
  readonly texts: Readonly<Record<string, readonly [string, string]>>;
}

const splitWords = (joined: string): readonly string[] => (joined === '' ? [] : joined.split(' '));
const isJoined = (value: unknown): value is [string, string] => Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string');

function readRemembered(file: string): Map<string, Remembered> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<RememberedFile>;
    if (parsed.format !== FORMAT || typeof parsed.texts !== 'object' || parsed.texts === null) return new Map();
    const known = new Map<string, Remembered>();
    for (const [text, value] of Object.entries(parsed.texts)) if (isJoined(value)) known.set(text, { tokens: splitWords(value[0]), words: splitWords(value[1]) });
    return known;
  } catch {
    return new Map();
  }
}

/**
 * The FAQ's phrasings and answers as the router reads them, worked out at one start and read back at
 * the next: normalizing, spell-correcting and expanding every phrasing is most of building the router
 * (and, at 30,000 entries, seconds). Kept in the cache folder under a hash of everything the words
 * depend on (the FAQ, the synonyms, the spelling vocabulary, the code under knowledge/ and the
 * dictionaries' versions), as the same inputs always give the same words; any edit simply works them
 * out again. Without a cache folder, everything is worked out.
 */
export class RememberedPhrasings {
  private readonly file: string | undefined;
  private readonly known: Map<string, Remembered>;
  private readonly normalized = new Map<string, NormalizedText>();
  private readonly worked = new Map<string, Remembered>();

  /**
   * @param inputs what the words depend on besides the code and the texts themselves: the FAQ (its
   * words join the spelling vocabulary), the synonyms file, and every other word the spelling
   * corrector corrects toward (safety, small talk).
   */
  constructor(cacheFolder: string | null, inputs: PhrasingInputs) {
    if (cacheFolder === null) {
      this.known = new Map();
      return;
    }
    const hash = createHash('sha256').update(`format ${FORMAT}\n${fingerprintOfCode()}\n`);
    hash.update(dictionaryFingerprint());
    hash.update(JSON.stringify(inputs.faq)).update(JSON.stringify(inputs.synonyms));
    hash.update([...inputs.words].sort().join('\n'));
    this.file = join(cacheFolder, `phrasings-${hash.digest('hex').slice(0, 32)}.json`);
    this.known = readRemembered(this.file);
  }

  /** The text's normalized tokens. */
  tokens(text: string): readonly string[] {
    return this.known.get(text)?.tokens ?? this.normalize(text).tokens;
  }

  /** The words the FAQ matcher compares, from `analyze` when not known from before. */
  words(text: string, analyze: (normalized: NormalizedText) => { readonly words: readonly string[] }): readonly string[] {
    const known = this.known.get(text) ?? this.worked.get(text);
    if (known !== undefined) return known.words;
    const normalized = this.normalize(text);
    const { words } = analyze(normalized);
    this.worked.set(text, { tokens: normalized.tokens, words });
    return words;
  }

  /** Keeps what was worked out for the next start, when anything was (a read-only folder keeps nothing). */
  save(): void {
    if (this.file === undefined || this.worked.size === 0) return;
    try {
      const texts = Object.fromEntries([...this.known, ...this.worked].map(([text, { tokens, words }]): [string, readonly [string, string]] => [text, [tokens.join(' '), words.join(' ')]]));
      writeCacheFile(this.file, JSON.stringify({ format: FORMAT, texts } satisfies RememberedFile), KEPT);
    } catch {
      // A read-only folder: work them out again next time.
    }
  }

  private normalize(text: string): NormalizedText {
    let normalized = this.normalized.get(text);
    if (normalized === undefined) {
      normalized = normalizeText(text);
      this.normalized.set(text, normalized);
    }
    return normalized;
  }
}
