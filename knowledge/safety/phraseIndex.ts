import type { Phrase, TokenSpan, WordPattern, WordSequence } from './safetyPattern';

/** Stems are keyed by this many letters, the shortest a stem may be (see safetyPattern.ts). */
const STEM_KEY_LENGTH = 3;
/** Words whose candidate sequences are remembered: bounded, so odd words cannot fill memory. */
const MAX_REMEMBERED_TOKENS = 20_000;

interface Entry {
  readonly phrase: Phrase;
  readonly sequence: WordSequence;
}

function wordMatches(pattern: WordPattern, token: string): boolean {
  return pattern.anyEnding ? token.startsWith(pattern.text) : token === pattern.text;
}

/** How a word is compared; the identity unless the index is built with person forms folded. */
export type WordForm = (word: string) => string;

const AS_WRITTEN: WordForm = (word) => word;

/**
 * Words for a person that a symptom phrase may be written with in any person: "kill myself" is also
 * "kill himself", "my left arm" also "his left arm" or (in dialect) "me left arm". Folding them to one
 * form lets every phrase in safety.yaml read in the third person, so a parent's message about a child
 * matches the same phrases as the child's own. The phrases that tell who a message is about (the
 * personal and someone-else concepts) are never folded.
 */
const PERSON_FORMS: ReadonlyMap<string, string> = new Map([
  ...['himself', 'herself', 'themselves', 'themself', 'yourself', 'meself', 'ourselves'].map((word) => [word, 'myself'] as const),
  ...['his', 'her', 'their', 'your', 'me', 'him', 'them', 'our'].map((word) => [word, 'my'] as const),
  ...['he', 'she', 'they', 'we'].map((word) => [word, 'i'] as const),
]);

export const anyPerson: WordForm = (word) => PERSON_FORMS.get(word) ?? word;

/**
 * Every phrase the safety rules use, keyed by the words that can start it, so one pass over a
 * message finds all of them: each word looks up only the sequences that can begin there. A
 * message costs time in proportion to its length, not to the number of rules or words in them.
 */
export class PhraseIndex {
  private readonly byWord = new Map<string, Entry[]>();
  private readonly byStem = new Map<string, Entry[]>();
  private readonly candidatesByToken = new Map<string, readonly Entry[]>();

  constructor(
    phrases: Iterable<Phrase>,
    private readonly form: WordForm = AS_WRITTEN,
  ) {
    const seen = new Set<Phrase>();
    for (const phrase of phrases) {
      if (seen.has(phrase)) continue;
      seen.add(phrase);
      for (const sequence of phrase.alternatives) {
        const [first] = sequence;
        if (first === undefined) continue;
        const folded = sequence.map((pattern) => ({ ...pattern, text: pattern.anyEnding ? pattern.text : form(pattern.text) }));
        const map = first.anyEnding ? this.byStem : this.byWord;
        const key = first.anyEnding ? first.text.slice(0, STEM_KEY_LENGTH) : form(first.text);
        const bucket = map.get(key) ?? [];
        bucket.push({ phrase, sequence: folded });
        map.set(key, bucket);
      }
    }
  }

  /** Where each phrase occurs in the tokens (phrases that do not occur are absent); a new map each time. */
  scan(typed: readonly string[]): Map<Phrase, readonly TokenSpan[]> {
    const tokens = this.form === AS_WRITTEN ? typed : typed.map(this.form);
    const found = new Map<Phrase, TokenSpan[]>();
    for (let start = 0; start < tokens.length; start += 1) {
      for (const entry of this.candidatesAt(tokens[start] ?? '')) this.matchAt(entry, tokens, start, found);
    }
    return found;
  }

  /** The sequences that can start at a word: whole-word starts first, then stems. Remembered per word (bounded). */
  private candidatesAt(token: string): readonly Entry[] {
    let candidates = this.candidatesByToken.get(token);
    if (candidates === undefined) {
      candidates = [...(this.byWord.get(token) ?? []), ...(this.byStem.get(token.slice(0, STEM_KEY_LENGTH)) ?? [])];
      if (this.candidatesByToken.size < MAX_REMEMBERED_TOKENS) this.candidatesByToken.set(token, candidates);
    }
    return candidates;
  }

  private matchAt(entry: Entry, tokens: readonly string[], start: number, found: Map<Phrase, TokenSpan[]>): void {
    const { sequence } = entry;
    for (let offset = 0; offset < sequence.length; offset += 1) {
      const word = tokens[start + offset];
      if (word === undefined || !wordMatches(sequence[offset] as WordPattern, word)) return;
    }
    let spans = found.get(entry.phrase);
    if (spans === undefined) {
      spans = [];
      found.set(entry.phrase, spans);
    }
    const end = start + sequence.length;
    // Two alternatives of one phrase can match the same words ("pain*" and "pain"): keep one span.
    // Spans arrive in order of start, so only those at the end can share this start.
    for (let index = spans.length - 1; index >= 0 && spans[index]?.start === start; index -= 1) {
      if (spans[index]?.end === end) return;
    }
    spans.push({ start, end });
  }
}
