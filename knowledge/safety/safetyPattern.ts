import { normalizeText } from '../text/normalizeText';

/**
 * Phrase patterns as the clinic writes them in safety.yaml, e.g. "can not breath*|gasping".
 *
 * `|` separates complete alternatives ("short of breath|breathless"), each a sequence of words
 * that must appear next to each other, in order; a trailing `*` matches any word ending.
 * Alternatives are whole phrases rather than single words because that is how people write
 * them ("can not|could not|unable to"), and because a misread pattern then errs toward
 * matching too much, never toward silently matching nothing.
 */

/** One word of a pattern: an exact word, or a stem that any word starting with it matches. */
export interface WordPattern {
  readonly text: string;
  readonly anyEnding: boolean;
}

/** Words that must appear next to each other, in order. */
export type WordSequence = readonly WordPattern[];

export interface Phrase {
  /** The pattern as written in safety.yaml, for error messages. */
  readonly source: string;
  readonly alternatives: readonly WordSequence[];
  /** Phrases that cancel this one where they overlap: the `ignore` lists of the concepts it refers to. */
  readonly ignore: readonly Phrase[];
}

/** A concept a pattern may name in capitals: its words and the phrases that never count for it. */
export interface ConceptVocabulary {
  readonly alternatives: readonly WordSequence[];
  readonly ignore: readonly Phrase[];
}

/** Looks up concept references (CHEST) while parsing; undefined means there is no such concept. */
export type ConceptLookup = (id: string) => ConceptVocabulary | undefined;

/** A choice in capitals names a concept: CHEST, HEART-ATTACK. */
const CONCEPT_REFERENCE = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

/** Where a phrase was found: token positions [start, end). */
export interface TokenSpan {
  readonly start: number;
  readonly end: number;
}

export type PhraseParseResult = { readonly ok: true; readonly phrase: Phrase } | { readonly ok: false; readonly problem: string };

/** A stem shorter than this ("a*", "in*") would match far too many unrelated words. */
const MIN_STEM_LENGTH = 3;

/** An alternative made only of these would match almost any message, so it is surely a slip. */
const TOO_COMMON_ALONE: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'i', 'me', 'my', 'he', 'his', 'she', 'her', 'we', 'our', 'they', 'their', 'you', 'your', 'it',
  'is', 'am', 'are', 'was', 'were', 'be', 'been', 'to', 'of', 'and', 'or', 'in', 'on', 'at', 'for', 'with', 'so',
  'do', 'did', 'does', 'have', 'has', 'had', 'get', 'got', 'can', 'will', 'this', 'that', 'what', 'how', 'up',
]);

/** Words already normalized: safety.yaml writes the same few hundred words thousands of times. */
const wordCache = new Map<string, readonly string[]>();
const MAX_CACHED_WORDS = 20_000;

function normalizedWords(text: string): readonly string[] {
  let words = wordCache.get(text);
  if (words === undefined) {
    words = normalizeText(text).tokens;
    if (wordCache.size < MAX_CACHED_WORDS) wordCache.set(text, words);
  }
  return words;
}

function parseWord(rawWord: string): WordPattern[] | string {
  const anyEnding = rawWord.endsWith('*');
  const stem = anyEnding ? rawWord.slice(0, -1) : rawWord;
  if (stem.includes('*')) return `"*" may only come at the end of a word, as in breath* (found "${rawWord}")`;
  if (anyEnding && stem === '') return '"*" needs the start of a word before it, as in breath*';
  // Patterns go through the same normalization as messages, so "can't" in a pattern means "can not".
  const words = [...normalizedWords(stem)];
  if (words.length === 0) return `"${rawWord}" has no letters or digits`;
  const last = words[words.length - 1] ?? '';
  if (anyEnding && last.length < MIN_STEM_LENGTH) {
    return `"${rawWord}" would match too many words; write at least ${MIN_STEM_LENGTH} letters before "*"`;
  }
  return words.map((text, index) => ({ text, anyEnding: anyEnding && index === words.length - 1 }));
}

function parseAlternative(alternative: string, allowCommonWords: boolean): WordSequence | string {
  const rawWords = alternative.trim().split(/\s+/).filter((word) => word !== '');
  if (rawWords.length === 0) return 'one of the choices around "|" is empty';
  const sequence: WordPattern[] = [];
  for (const rawWord of rawWords) {
    const parsed = parseWord(rawWord);
    if (typeof parsed === 'string') return parsed;
    sequence.push(...parsed);
  }
  if (!allowCommonWords && sequence.every((word) => !word.anyEnding && TOO_COMMON_ALONE.has(word.text))) {
    return `the choice "${alternative.trim()}" would match almost any message; add a more specific word`;
  }
  return sequence;
}

/**
 * Parses one phrase pattern, or explains in plain words what is wrong with it. A choice written
 * in CAPITALS (CHEST) stands for every word of that concept (see `lookup`), and brings its ignore list.
 */
export function parsePhrase(source: string, lookup?: ConceptLookup, { allowCommonWords = false } = {}): PhraseParseResult {
  if (source.trim() === '') return { ok: false, problem: 'the pattern is empty' };
  const alternatives: WordSequence[] = [];
  const ignore: Phrase[] = [];
  for (const alternative of source.split('|')) {
    const trimmed = alternative.trim();
    if (/[A-Z]/.test(trimmed) && /[A-Z]{2}/.test(trimmed)) {
      if (!CONCEPT_REFERENCE.test(trimmed)) {
        return { ok: false, problem: `pattern "${source}": "${trimmed}" mixes capitals and other words; a concept in CAPITALS must stand alone between | (write ordinary words in lower case)` };
      }
      const id = trimmed.toLowerCase();
      const concept = lookup?.(id);
      if (concept === undefined) {
        return { ok: false, problem: `pattern "${source}": there is no concept "${id}" (words in CAPITALS name a concept; write ordinary words in lower case)` };
      }
      alternatives.push(...concept.alternatives);
      ignore.push(...concept.ignore);
      continue;
    }
    const parsed = parseAlternative(alternative, allowCommonWords);
    if (typeof parsed === 'string') return { ok: false, problem: `pattern "${source}": ${parsed}` };
    alternatives.push(parsed);
  }
  return { ok: true, phrase: { source, alternatives, ignore } };
}

/** True when every choice of the phrase is made of very common words only ("had|has had"). */
/** A phrase the code itself holds (not safety.yaml's): it must parse, or the module fails to load. */
export function builtInPhrase(source: string, options: { readonly allowCommonWords?: boolean } = {}): Phrase {
  const parsed = parsePhrase(source, undefined, options);
  if (!parsed.ok) throw new Error(`Bad built-in phrase "${source}": ${parsed.problem}`);
  return parsed.phrase;
}

export function isCommonWordsOnly(phrase: Phrase): boolean {
  return phrase.alternatives.every((sequence) => sequence.every((word) => !word.anyEnding && TOO_COMMON_ALONE.has(word.text)));
}

/** The fewest words any alternative of the phrase needs. */
export function shortestLength(phrase: Phrase): number {
  return Math.min(...phrase.alternatives.map((sequence) => sequence.length));
}

function wordMatches(pattern: WordPattern, token: string): boolean {
  return pattern.anyEnding ? token.startsWith(pattern.text) : token === pattern.text;
}

/**
 * Spanish object pronouns that may stand between a phrase's words: "se cayó de la mano" is also "se le cayó
 * de la mano", "no puede mover" also "no los puede mover". One may be passed over between two words of a
 * phrase (never before its first word), when the phrase does not itself expect one there. "lo", "la", "los"
 * and "las" are articles too ("de guagua", as a baby, is not "de la guagua", off the bus): they are passed over
 * only where an article cannot be, after "no" or another pronoun.
 */
const SKIPPABLE_PRONOUNS: ReadonlySet<string> = new Set(['me', 'te', 'se', 'le', 'les', 'nos', 'lo', 'la', 'los', 'las']);
/** Tagalog's polite "po" and "ho" go anywhere in a sentence ("lumabas po balikat ko"), so they are passed over the same way. */
const POLITE_PARTICLES: ReadonlySet<string> = new Set(['po', 'ho']);
const ARTICLES_TOO: ReadonlySet<string> = new Set(['lo', 'la', 'los', 'las']);
const BEFORE_PRONOUN_ONLY: ReadonlySet<string> = new Set(['no', 'me', 'te', 'se', 'le', 'les', 'nos', 'ya', 'nunca']);

function skippable(tokens: readonly string[], index: number, pattern: WordPattern): boolean {
  const token = tokens[index] ?? '';
  if (POLITE_PARTICLES.has(token)) return !POLITE_PARTICLES.has(pattern.text);
  if (!SKIPPABLE_PRONOUNS.has(token) || SKIPPABLE_PRONOUNS.has(pattern.text)) return false;
  return !ARTICLES_TOO.has(token) || BEFORE_PRONOUN_ONLY.has(tokens[index - 1] ?? '');
}

/**
 * Where a sequence that starts at `start` ends, or -1 when it does not match there. `matches(pattern, index)`
 * says whether the token at `index` is that word; a pronoun between words may be passed over (see above).
 */
export function sequenceEnd(sequence: WordSequence, tokens: readonly string[], start: number, matches: (pattern: WordPattern, index: number) => boolean): number {
  let index = start;
  for (let offset = 0; offset < sequence.length; offset += 1) {
    const pattern = sequence[offset] as WordPattern;
    if (index >= tokens.length) return -1;
    if (!matches(pattern, index)) {
      if (offset === 0 || !skippable(tokens, index, pattern) || index + 1 >= tokens.length || !matches(pattern, index + 1)) return -1;
      index += 1;
    }
    index += 1;
  }
  return index;
}

/** Every place any alternative of the phrase occurs; `blocked` positions (words a rule ignores) never take part. */
export function findPhrase(phrase: Phrase, tokens: readonly string[], blocked: ReadonlySet<number> = new Set()): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (let start = 0; start < tokens.length; start += 1) {
    for (const sequence of phrase.alternatives) {
      const end = sequenceEnd(sequence, tokens, start, (pattern, index) => !blocked.has(index) && wordMatches(pattern, tokens[index] ?? ''));
      if (end !== -1) spans.push({ start, end });
    }
  }
  return spans;
}

/** The literal words of a phrase (stems without "*"), for the spelling corrector's vocabulary. */
export function phraseWords(phrase: Phrase): string[] {
  return phrase.alternatives.flatMap((sequence) => sequence.map((pattern) => pattern.text));
}
