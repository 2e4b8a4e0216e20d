import { normalizeText, type NormalizedText } from './normalizeText';
import type { SpellingCorrector } from './spellingCorrector';
import type { SynonymExpander } from './synonymExpander';
import type { TypingSlips } from './typingSlips';

export interface AnalyzedText {
  /** Exactly what the patient wrote, normalized. */
  readonly normalized: NormalizedText;
  /** The same clauses with typos corrected toward the knowledge base's words. */
  readonly corrected: NormalizedText;
  /** The corrected words with synonyms applied: what the FAQ matcher compares. */
  readonly words: readonly string[];
}

/** The text's clauses with each word corrected by `speller`, and, given `slips`, typing slips undone ("itt", "standfor"). */
export function correctClauses(normalized: NormalizedText, speller: SpellingCorrector, slips?: TypingSlips): NormalizedText {
  const fixed = (word: string): readonly string[] => {
    const corrected = speller.correct(word);
    if (corrected !== word || slips === undefined) return [corrected];
    // A word of a split is read as it would be on its own: "cantbreathe" is "can not breathe".
    return slips.undo(word)?.flatMap((part) => normalizeText(part).tokens) ?? [word];
  };
  const clauses = normalized.clauses.map((clause) => clause.flatMap(fixed));
  return { tokens: clauses.flat(), clauses, ...(normalized.asked === undefined ? {} : { asked: normalized.asked }) };
}

/** The one text pipeline that messages and FAQ phrasings both go through, so they compare like with like. */
export class TextAnalyzer {
  constructor(
    private readonly speller: SpellingCorrector,
    private readonly synonyms: SynonymExpander,
    private readonly slips?: TypingSlips,
  ) {}

  analyze(text: string): AnalyzedText {
    return this.analyzeNormalized(normalizeText(text));
  }

  /** The same, for text already normalized (normalizeText). */
  analyzeNormalized(normalized: NormalizedText): AnalyzedText {
    const corrected = correctClauses(normalized, this.speller, this.slips);
    return { normalized, corrected, words: this.synonyms.expand(corrected.tokens) };
  }
}
