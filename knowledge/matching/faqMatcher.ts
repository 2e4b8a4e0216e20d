import Fuse from 'fuse.js';
import type { FaqEntry } from '../schemas/faqSchema';
import type { AnalyzedText, TextAnalyzer } from '../text/textAnalyzer';
import { matchingTerms } from './matchingTerms';

export interface MatchCandidate {
  readonly id: string;
  /** 0..1, higher is better. */
  readonly score: number;
}

interface IndexedPhrase {
  readonly entryId: string;
  readonly text: string;
  readonly terms: ReadonlySet<string>;
  readonly weight: number;
}

/** How much each signal counts toward an entry's score; they add up to 1. */
const WEIGHTS = { bestPhrase: 0.5, entryVocabulary: 0.35, fuzzy: 0.15 } as const;

/** How much a pair of neighbouring words weighs, relative to a single word as specific. */
const PAIR_DISCOUNT = 0.5;

/** Words no entry uses weigh like the word at this quantile of specificity: ordinary, not rare. */
const UNKNOWN_WORD_QUANTILE = 0.25;

/** Recall counts four times as much as precision: long, rambling messages still carry the question. */
const RECALL_BIAS = 2;

function fBeta(recall: number, precision: number, beta: number): number {
  if (recall === 0 || precision === 0) return 0;
  const betaSquared = beta * beta;
  return ((1 + betaSquared) * recall * precision) / (betaSquared * precision + recall);
}

/**
 * Ranks FAQ entries for a message. Three signals are blended:
 * - how well the message covers its closest curated phrasing (words weighted by how specific they are to one entry);
 * - how much of the message falls inside the entry's whole vocabulary (helps with long, rambling messages);
 * - fuse.js fuzzy token search, which still scores words the spelling corrector could not fix.
 */
export class FaqMatcher {
  private readonly phrases: IndexedPhrase[] = [];
  private readonly entryVocabulary = new Map<string, Set<string>>();
  private readonly answerVocabulary = new Map<string, Set<string>>();
  private readonly specificity = new Map<string, number>();
  private readonly fuse: Fuse<{ entryId: string; text: string }>;
  private readonly entryIds: readonly string[];
  private readonly unknownWordWeight: number;

  constructor(entries: readonly FaqEntry[], analyzer: TextAnalyzer) {
    this.entryIds = entries.map((entry) => entry.id);
    for (const entry of entries) {
      const vocabulary = new Set<string>();
      for (const phrasing of [entry.question, ...entry.alternates]) {
        const words = analyzer.analyze(phrasing).words;
        const terms = new Set(matchingTerms(words));
        terms.forEach((term) => vocabulary.add(term));
        this.phrases.push({ entryId: entry.id, text: words.join(' '), terms, weight: 0 });
      }
      this.entryVocabulary.set(entry.id, vocabulary);
      // The answer's own words widen what the entry is about ("headaches" may appear only there),
      // without changing how specific a word is.
      this.answerVocabulary.set(entry.id, new Set(matchingTerms(analyzer.analyze(entry.answer).words)));
    }
    // A term found under few entries says a lot about which entry is meant.
    const entryCount = entries.length;
    const entriesPerTerm = new Map<string, number>();
    for (const vocabulary of this.entryVocabulary.values()) {
      for (const term of vocabulary) entriesPerTerm.set(term, (entriesPerTerm.get(term) ?? 0) + 1);
    }
    for (const [term, count] of entriesPerTerm) this.specificity.set(term, Math.log((entryCount + 1) / count));
    const weights = [...this.specificity.entries()].filter(([term]) => !term.includes(' ')).map(([, weight]) => weight).sort((a, b) => a - b);
    this.unknownWordWeight = weights[Math.floor(weights.length * UNKNOWN_WORD_QUANTILE)] ?? 1;
    for (const phrase of this.phrases) {
      (phrase as { weight: number }).weight = this.totalWeight(phrase.terms);
    }
    this.fuse = new Fuse(
      this.phrases.map(({ entryId, text }) => ({ entryId, text })),
      { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: 0.45, useTokenSearch: true },
    );
  }

  /**
   * Entries ordered best first, at most `limit` of them, with scores in 0..1.
   * `skipPhrasing` leaves one curated phrasing out, so a curator can see what the rest of the
   * knowledge base would make of it.
   */
  rank(message: AnalyzedText, limit = 5, skipPhrasing?: AnalyzedText): MatchCandidate[] {
    const skippedText = skipPhrasing?.words.join(' ');
    const queryTerms = new Set(matchingTerms(message.words));
    const queryWeight = this.totalWeight(queryTerms);
    if (queryWeight === 0) return [];

    const bestPhraseScore = new Map<string, number>();
    for (const phrase of this.phrases) {
      if (phrase.weight === 0 || phrase.text === skippedText) continue;
      const shared = this.sharedWeight(queryTerms, phrase.terms);
      const score = fBeta(shared / phrase.weight, shared / queryWeight, RECALL_BIAS);
      if (score > (bestPhraseScore.get(phrase.entryId) ?? 0)) bestPhraseScore.set(phrase.entryId, score);
    }

    const fuzzyScore = new Map<string, number>();
    const query = message.words.join(' ');
    for (const result of this.fuse.search(query, { limit: 40 })) {
      if (result.item.text === skippedText) continue;
      const similarity = 1 - (result.score ?? 1);
      if (similarity > (fuzzyScore.get(result.item.entryId) ?? 0)) fuzzyScore.set(result.item.entryId, similarity);
    }

    const candidates: MatchCandidate[] = this.entryIds.map((id) => {
      const vocabulary = this.entryVocabulary.get(id) ?? new Set<string>();
      const answerWords = this.answerVocabulary.get(id) ?? new Set<string>();
      const vocabularyCoverage = (this.sharedWeight(queryTerms, vocabulary) + 0.5 * this.sharedWeight(queryTerms, answerWords, vocabulary)) / queryWeight;
      const score =
        WEIGHTS.bestPhrase * (bestPhraseScore.get(id) ?? 0) +
        WEIGHTS.entryVocabulary * vocabularyCoverage +
        WEIGHTS.fuzzy * (fuzzyScore.get(id) ?? 0);
      return { id, score: Math.round(Math.min(1, score) * 1000) / 1000 };
    });
    return candidates
      .filter((candidate) => candidate.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  private totalWeight(terms: ReadonlySet<string>): number {
    let total = 0;
    for (const term of terms) total += this.weightOf(term);
    return total;
  }

  /** The weight of the query terms found in `terms`, leaving out those already counted in `except`. */
  private sharedWeight(queryTerms: ReadonlySet<string>, terms: ReadonlySet<string>, except?: ReadonlySet<string>): number {
    let shared = 0;
    for (const term of queryTerms) if (terms.has(term) && !except?.has(term)) shared += this.weightOf(term);
    return shared;
  }

  /**
   * A word no entry uses cannot point to one entry, but it still dilutes the message: it weighs
   * like an ordinary word. An unknown pair of words adds nothing beyond its two words.
   */
  private weightOf(term: string): number {
    const known = this.knownWeight(term);
    if (known !== undefined) return known;
    return term.includes(' ') ? 0 : this.unknownWordWeight;
  }

  private knownWeight(term: string): number | undefined {
    const specificity = this.specificity.get(term);
    // A pair of words confirms its two words rather than adding a new idea: it counts for less.
    return specificity === undefined ? undefined : term.includes(' ') ? PAIR_DISCOUNT * specificity : specificity;
  }
}
