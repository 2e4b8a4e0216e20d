import { sequenceEnd, type Phrase, type TokenSpan, type WordPattern, type WordSequence } from './safetyPattern';

/** Stems are keyed by this many letters, the shortest a stem may be (see safetyPattern.ts). */
const STEM_KEY_LENGTH = 3;
/** Words whose candidate sequences are remembered: bounded, so odd words cannot fill memory. */
const MAX_REMEMBERED_WORDS = 20_000;

interface Entry {
  readonly phrase: Phrase;
  readonly sequence: WordSequence;
}

/**
 * How words are compared. A phrase's words are folded to one form (`phrase`); a message's word may
 * stand for several (`message`), any of which may match. The identity unless the index is built with
 * person forms folded.
 */
export interface WordForms {
  phrase(word: string): string;
  message(word: string): readonly string[];
}

const AS_WRITTEN: WordForms = { phrase: (word) => word, message: (word) => [word] };

/**
 * Words for a person that a symptom phrase may be written with in any person: "kill myself" is also
 * "kill himself", "my left arm" also "his left arm" or (in dialect) "me left arm". Folding them lets
 * every phrase in safety.yaml read in the third person, so a parent's message about a child matches
 * the same phrases as the child's own. The phrases that tell who a message is about (the personal and
 * someone-else concepts) are never folded.
 * A message's "me" is the object ("better off without me") or, in dialect, "my" ("me left arm"), and
 * "her" is either: they may match both forms, while a written "my" is only ever "my", so "better off
 * without my brace" never reads as "better off without me".
 */
const REFLEXIVE = ['himself', 'herself', 'themselves', 'themself', 'yourself', 'meself', 'ourselves'];
const PHRASE_FORMS: ReadonlyMap<string, string> = new Map([
  ...REFLEXIVE.map((word) => [word, 'myself'] as const),
  ...['his', 'her', 'their', 'your', 'our'].map((word) => [word, 'my'] as const),
  ...['him', 'them', 'us'].map((word) => [word, 'me'] as const),
  ...['he', 'she', 'they', 'we'].map((word) => [word, 'i'] as const),
]);
const MESSAGE_FORMS = new Map<string, readonly string[]>([
  ...REFLEXIVE.map((word): [string, readonly string[]] => [word, ['myself']]),
  ...['his', 'their', 'your', 'our'].map((word): [string, readonly string[]] => [word, ['my']]),
  ...['him', 'them', 'us'].map((word): [string, readonly string[]] => [word, ['me']]),
  ['me', ['me', 'my']],
  // Caribbean English "mi" is I, me and my ("mi fall down", "hurt mi back"); Spanish "mi" is my.
  ['mi', ['mi', 'my', 'i', 'me']],
  ['her', ['my', 'me']],
  ...['he', 'she', 'they', 'we'].map((word): [string, readonly string[]] => [word, ['i']]),
]);

export const anyPerson: WordForms = {
  phrase: (word) => PHRASE_FORMS.get(word) ?? word,
  message: (word) => MESSAGE_FORMS.get(word) ?? [word],
};

/**
 * Every phrase the safety rules use, keyed by the words that can start it, so one pass over a
 * message finds all of them: each word looks up only the sequences that can begin there. A
 * message costs time in proportion to its length, not to the number of rules or words in them.
 */
export class PhraseIndex {
  private readonly byWord = new Map<string, Entry[]>();
  private readonly byStem = new Map<string, Entry[]>();
  private readonly candidatesByWord = new Map<string, readonly Entry[]>();

  constructor(
    phrases: Iterable<Phrase>,
    private readonly forms: WordForms = AS_WRITTEN,
  ) {
    const seen = new Set<Phrase>();
    // Phrases built from concepts share their word sequences ("NUMB|WEAK" holds NUMB's own): fold each once.
    const foldedOf = new Map<WordSequence, WordSequence>();
    for (const phrase of phrases) {
      if (seen.has(phrase)) continue;
      seen.add(phrase);
      for (const sequence of phrase.alternatives) {
        const [first] = sequence;
        if (first === undefined) continue;
        let folded = foldedOf.get(sequence);
        if (folded === undefined) {
          folded = sequence.map((pattern) => ({ ...pattern, text: pattern.anyEnding ? pattern.text : forms.phrase(pattern.text) }));
          foldedOf.set(sequence, folded);
        }
        const map = first.anyEnding ? this.byStem : this.byWord;
        const key = first.anyEnding ? first.text.slice(0, STEM_KEY_LENGTH) : forms.phrase(first.text);
        const bucket = map.get(key) ?? [];
        bucket.push({ phrase, sequence: folded });
        map.set(key, bucket);
      }
    }
  }

  /** The sequences that can start at a word, whole-word starts (any of its forms) first, then stems; remembered per word. */
  private candidatesAt(token: string, forms: readonly string[]): readonly Entry[] {
    let candidates = this.candidatesByWord.get(token);
    if (candidates === undefined) {
      candidates = [...forms.flatMap((form) => this.byWord.get(form) ?? []), ...(this.byStem.get(token.slice(0, STEM_KEY_LENGTH)) ?? [])];
      if (this.candidatesByWord.size < MAX_REMEMBERED_WORDS) this.candidatesByWord.set(token, candidates);
    }
    return candidates;
  }

  /** Where each phrase occurs in the tokens (phrases that do not occur are absent); a new map each time. */
  scan(tokens: readonly string[]): Map<Phrase, readonly TokenSpan[]> {
    const forms = tokens.map((token) => this.forms.message(token));
    const found = new Map<Phrase, TokenSpan[]>();
    for (let start = 0; start < tokens.length; start += 1) {
      for (const entry of this.candidatesAt(tokens[start] ?? '', forms[start] ?? [])) {
        const end = sequenceEnd(entry.sequence, tokens, start, (pattern, index) => matchesWord(pattern, tokens[index] ?? '', forms[index] ?? []));
        if (end === -1) continue;
        const spans = found.get(entry.phrase) ?? [];
        // Two alternatives of one phrase can match the same words ("pain*" and "pain"): keep one span.
        // Spans arrive in order of start, so only those at the end can share this start.
        let duplicate = false;
        for (let index = spans.length - 1; index >= 0 && spans[index]?.start === start; index -= 1) {
          if (spans[index]?.end === end) duplicate = true;
        }
        if (!duplicate) spans.push({ start, end });
        found.set(entry.phrase, spans);
      }
    }
    return found;
  }
}

/** Whether a token is a sequence's word: a stem reads the word as typed; a whole word may match any of the word's forms. */
function matchesWord(pattern: WordPattern, token: string, forms: readonly string[]): boolean {
  return pattern.anyEnding ? token.startsWith(pattern.text) : forms.includes(pattern.text);
}
