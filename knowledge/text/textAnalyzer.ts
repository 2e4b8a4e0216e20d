import { normalizeText, type NormalizedText } from './normalizeText';
import type { SpellingCorrector } from './spellingCorrector';
import type { SynonymExpander } from './synonymExpander';

export interface AnalyzedText {
  /** Exactly what the patient wrote, normalized. */
  readonly normalized: NormalizedText;
  /** The same clauses with typos corrected toward the knowledge base's words. */
  readonly corrected: NormalizedText;
  /** The corrected words with synonyms applied: what the FAQ matcher compares. */
  readonly words: readonly string[];
}

/** The text's clauses with each word corrected by `speller`. */
export function correctClauses(normalized: NormalizedText, speller: SpellingCorrector): NormalizedText {
  const clauses = normalized.clauses.map((clause) => clause.map((word) => speller.correct(word)));
  return { tokens: clauses.flat(), clauses };
}

/** The one text pipeline that messages and FAQ phrasings both go through, so they compare like with like. */
export class TextAnalyzer {
  constructor(
    private readonly speller: SpellingCorrector,
    private readonly synonyms: SynonymExpander,
  ) {}

  analyze(text: string): AnalyzedText {
    return this.analyzeNormalized(normalizeText(text));
  }

  /** The same, for text already normalized (normalizeText). */
  analyzeNormalized(normalized: NormalizedText): AnalyzedText {
    const corrected = correctClauses(normalized, this.speller);
    return { normalized, corrected, words: this.synonyms.expand(corrected.tokens) };
  }
}
