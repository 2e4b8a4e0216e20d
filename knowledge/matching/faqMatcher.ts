import Fuse from 'fuse.js';
import type { FaqEntry } from '../schemas/faqSchema';
import { isEnglishWord } from '../text/englishDictionary';
import { stemWord } from '../text/stemWord';
import type { AnalyzedText, TextAnalyzer } from '../text/textAnalyzer';
import { isFillerWord, isNeutralWord, isReferenceWord, matchingTerms } from './matchingTerms';

export interface MatchCandidate {
  readonly id: string;
  /** 0..1, higher is better. */
  readonly score: number;
}

interface IndexedPhrase {
  readonly entryId: string;
  readonly text: string;
  readonly terms: ReadonlySet<string>;
  weight: number;
}

interface IndexedEntry {
  readonly id: string;
  readonly phraseCount: number;
  /** In how many of the entry's phrasings each term appears. */
  readonly termCounts: ReadonlyMap<string, number>;
  readonly answerTerms: ReadonlySet<string>;
}

/* eslint-disable */
const P = {
  bestPhrase: 0.55, entryVocabulary: 0.45, fuzzyThreshold: 0.3,
  pairDiscount: 0.5, recallBias: 2, saturation: 0.25, answerShare: 0.5,
  answerOnlyDomain: 0.5, answerQuantile: 0.25, foreignWeight: 2, foreignExp: 0.5, nonWordForeign: 0.7, referenceCredit: 1, scopeExp: 1, domainMode: 'spec', logScale: 0.5,
  ...(process.env.MATCH_PARAMS ? JSON.parse(process.env.MATCH_PARAMS) : {}),
};
/* eslint-enable */

/** Words shorter than this are never matched fuzzily: short words collide too easily. */
const MIN_FUZZY_LENGTH = 5;
const MAX_FUZZY_LENGTH_CHANGE = 2;
/** fuse.js score (0 = exact, 1 = nothing alike) above which a fuzzy match is not trusted. */
const FUZZY_THRESHOLD = P.fuzzyThreshold;
const FUZZY_CACHE_SIZE = 10_000;

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
 * The blend is then scaled by how sure we are that the message is about the clinic's topics at all.
 */
export class FaqMatcher {
  private readonly phrases: IndexedPhrase[] = [];
  private readonly entries: IndexedEntry[] = [];
  private readonly specificity = new Map<string, number>();
  private readonly phrasingCount = new Map<string, number>();
  /** Every stem the knowledge base uses anywhere, answers included. */
  private readonly knownStems = new Set<string>();
  private readonly fuzzyIndex = new Map<string, Fuse<string>>();
  private readonly fuzzyCache = new Map<string, string | null>();
  /** Words only the answers use weigh like an ordinary word, not a rare one. */
  private readonly answerOnlyWeight: number;

  constructor(entries: readonly FaqEntry[], analyzer: TextAnalyzer) {
    for (const entry of entries) {
      const termCounts = new Map<string, number>();
      let phraseCount = 0;
      for (const phrasing of [entry.question, ...entry.alternates]) {
        const words = analyzer.analyze(phrasing).words;
        const terms = new Set(matchingTerms(words));
        terms.forEach((term) => termCounts.set(term, (termCounts.get(term) ?? 0) + 1));
        phraseCount += 1;
        this.phrases.push({ entryId: entry.id, text: words.join(' '), terms, weight: 0 });
      }
      // The answer's own words widen what the entry is about ("headaches" may appear only there),
      // without changing how specific a word is.
      const answerWords = analyzer.analyze(entry.answer).words;
      answerWords.forEach((word) => this.knownStems.add(stemWord(word)));
      this.entries.push({ id: entry.id, phraseCount, termCounts, answerTerms: new Set(matchingTerms(answerWords)) });
    }
    // A term found under few entries says a lot about which entry is meant.
    const entriesPerTerm = new Map<string, number>();
    for (const entry of this.entries) {
      for (const term of entry.termCounts.keys()) {
        entriesPerTerm.set(term, (entriesPerTerm.get(term) ?? 0) + 1);
        if (!term.includes(' ')) this.knownStems.add(term);
      }
    }
    for (const [term, count] of entriesPerTerm) this.specificity.set(term, Math.log((this.entries.length + 1) / count));
    for (const phrase of this.phrases) for (const term of phrase.terms) this.phrasingCount.set(term, (this.phrasingCount.get(term) ?? 0) + 1);
    const weights = [...this.specificity.entries()].filter(([term]) => !term.includes(' ')).map(([, weight]) => weight).sort((a, b) => a - b);
    this.answerOnlyWeight = weights[Math.floor(weights.length * P.answerQuantile)] ?? 1;
    for (const phrase of this.phrases) phrase.weight = this.totalWeight(phrase.terms);
    // fuse.js finds the knowledge base word a typo most likely meant, one small index per first letter.
    const wordsByFirstLetter = new Map<string, Set<string>>();
    for (const phrase of this.phrases) {
      for (const word of phrase.text.split(' ')) {
        if (word.length < MIN_FUZZY_LENGTH - MAX_FUZZY_LENGTH_CHANGE || isFillerWord(word)) continue;
        const bucket = wordsByFirstLetter.get(word.charAt(0)) ?? new Set<string>();
        bucket.add(word);
        wordsByFirstLetter.set(word.charAt(0), bucket);
      }
    }
    for (const [letter, words] of wordsByFirstLetter) {
      this.fuzzyIndex.set(letter, new Fuse([...words], { includeScore: true, ignoreLocation: true, threshold: FUZZY_THRESHOLD }));
    }
  }

  /**
   * Entries ordered best first, at most `limit` of them, with scores in 0..1.
   * `skipPhrasing` leaves one curated phrasing out, so a curator can see what the rest of the
   * knowledge base would make of it.
   */
  rank(message: AnalyzedText, limit = 5, skipPhrasing?: AnalyzedText): MatchCandidate[] {
    const skippedText = skipPhrasing?.words.join(' ');
    const skipped = this.phrases.find((phrase) => phrase.text === skippedText);
    const words = message.words.map((word) => this.fuzzyKnownWord(word) ?? word);
    const queryTerms = new Set(matchingTerms(words).filter((term) => this.weightOf(term) > 0));
    const queryWeight = this.totalWeight(queryTerms);
    if (queryWeight === 0) return [];
    const scope = this.scopeOf(words);

    const bestPhraseScore = new Map<string, number>();
    for (const phrase of this.phrases) {
      if (phrase.weight === 0 || phrase === skipped) continue;
      const shared = this.sharedWeight(queryTerms, phrase.terms);
      const score = fBeta(shared / phrase.weight, shared / queryWeight, P.recallBias);
      if (score > (bestPhraseScore.get(phrase.entryId) ?? 0)) bestPhraseScore.set(phrase.entryId, score);
    }

    const candidates: MatchCandidate[] = this.entries.map((entry) => {
      const vocabularyCoverage = this.vocabularyCoverage(entry, queryTerms, skipped?.entryId === entry.id ? skipped : undefined) / queryWeight;
      const match =
        P.bestPhrase * (bestPhraseScore.get(entry.id) ?? 0) +
        P.entryVocabulary * vocabularyCoverage;
      const score = Math.min(1, match) * scope ** P.scopeExp;
      return { id: entry.id, score: Math.round(score * 1000) / 1000 };
    });
    return candidates
      .filter((candidate) => candidate.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  /**
   * The knowledge base word that a word it does not know most likely meant ("uncomfterble"), found
   * with fuse.js: its bitap scoring forgives scattered slips that an edit count rejects. Only for
   * non-words (a real word such as "tattoo" means itself), and only a match that starts with the
   * same letter and is about as long. This stays out of the shared spelling corrector on purpose:
   * a guess this loose must not feed the safety check.
   */
  private fuzzyKnownWord(word: string): string | undefined {
    if (word.length < MIN_FUZZY_LENGTH || /\d/.test(word) || this.knownStems.has(stemWord(word))) return undefined;
    let match = this.fuzzyCache.get(word);
    if (match === undefined) {
      const [best] = isEnglishWord(word)
        ? []
        : (this.fuzzyIndex.get(word.charAt(0))?.search(word, { limit: 5 }) ?? []).filter(
            (result) => Math.abs(result.item.length - word.length) <= MAX_FUZZY_LENGTH_CHANGE,
          );
      match = best?.item ?? null;
      if (this.fuzzyCache.size < FUZZY_CACHE_SIZE) this.fuzzyCache.set(word, match);
    }
    return match ?? undefined;
  }

  /**
   * How much of the query's weight the entry's vocabulary explains. A term that runs through many
   * of the entry's phrasings is central to it and counts fully; one found in a single phrasing
   * counts less (saturating, as in BM25).
   */
  private vocabularyCoverage(entry: IndexedEntry, queryTerms: ReadonlySet<string>, skipped?: IndexedPhrase): number {
    const phraseCount = entry.phraseCount - (skipped === undefined ? 0 : 1);
    let covered = 0;
    for (const term of queryTerms) {
      const count = (entry.termCounts.get(term) ?? 0) - (skipped?.terms.has(term) === true ? 1 : 0);
      let affinity = 0;
      if (count > 0) {
        const share = count / phraseCount;
        affinity = (share * (1 + P.saturation)) / (share + P.saturation);
      }
      if (entry.answerTerms.has(term)) affinity = Math.max(affinity, P.answerShare);
      covered += affinity * this.weightOf(term);
    }
    return covered;
  }

  /**
   * How sure we are, from 0 to 1, that the message is about the clinic's topics at all. Words the
   * knowledge base never uses ("tattoo", "banana") point elsewhere; words it uses point here, the
   * more so the more specific they are; words that only set the scene count for neither.
   */
  private scopeOf(words: readonly string[]): number {
    let domain = 0;
    let foreign = 0;
    let referencesTreatment = false;
    for (const word of new Set(words)) {
      if (isReferenceWord(word)) referencesTreatment = true;
      if (isNeutralWord(word)) continue;
      const stem = stemWord(word);
      if (this.specificity.has(stem)) domain += this.domainWeight(stem);
      else if (this.knownStems.has(stem)) domain += P.answerOnlyDomain;
      else foreign += isEnglishWord(word) ? 1 : P.nonWordForeign;
    }
    if (foreign === 0) return 1;
    if (referencesTreatment) domain += P.referenceCredit;
    const against = P.foreignWeight * foreign ** P.foreignExp;
    return domain / (domain + against);
  }

  private domainWeight(stem: string): number {
    const specificity = this.specificity.get(stem) ?? 0;
    if (P.domainMode === 'count') return 1;
    if (P.domainMode === 'log') return Math.log(1 + (this.phrasingCount.get(stem) ?? 0)) * P.logScale;
    if (P.domainMode === 'max') return Math.max(specificity, Math.log(1 + (this.phrasingCount.get(stem) ?? 0)) * P.logScale);
    return specificity;
  }

  private totalWeight(terms: ReadonlySet<string>): number {
    let total = 0;
    for (const term of terms) total += this.weightOf(term);
    return total;
  }

  private sharedWeight(queryTerms: ReadonlySet<string>, terms: ReadonlySet<string>): number {
    let shared = 0;
    for (const term of queryTerms) if (terms.has(term)) shared += this.weightOf(term);
    return shared;
  }

  /** A term's weight: its specificity; a pair of words confirms its two words rather than adding a new idea. */
  private weightOf(term: string): number {
    const specificity = this.specificity.get(term);
    if (specificity !== undefined) return term.includes(' ') ? P.pairDiscount * specificity : specificity;
    return this.knownStems.has(term) ? this.answerOnlyWeight : 0;
  }
}
