/**
 * The FAQ ranking as it was before the matcher was indexed (knowledge/matching/faqMatcher.ts until
 * issue 12), kept verbatim as the reference the indexed matcher must equal: it scores every phrasing
 * and every entry for every message. tests/unit/faqMatcherIndex.test.ts compares the two, score for
 * score and bit for bit, on every evaluation message, so the index can change only how fast the
 * ranking is found, never what it is. Change both together if the ranking itself is meant to change.
 */
import Fuse from 'fuse.js';
import type { FaqEntry } from '../../knowledge/schemas/faqSchema';
import { isEnglishWord } from '../../knowledge/text/englishDictionary';
import { stemWord } from '../../knowledge/text/stemWord';
import type { AnalyzedText } from '../../knowledge/text/textAnalyzer';
import type { MatchCandidate, MatchEvidence, PhrasingAnalyzer, Ranking } from '../../knowledge/matching/faqMatcher';
import { isFillerWord, isNeutralWord, isReferenceWord, matchingTerms } from '../../knowledge/matching/matchingTerms';

const NO_EVIDENCE: MatchEvidence = { scope: 0, bestPhrase: 0, coverage: 0, words: 0 };

interface IndexedPhrase {
  readonly entryId: string;
  readonly text: string;
  readonly terms: ReadonlySet<string>;
  /** Total weight of its terms, set once every term's specificity is known. */
  weight: number;
}

interface IndexedEntry {
  readonly id: string;
  readonly phraseCount: number;
  /** In how many of the entry's phrasings each term appears. */
  readonly termCounts: ReadonlyMap<string, number>;
  /** The sum of termCounts, for the likelihood signal. */
  readonly termTotal: number;
  readonly answerTerms: ReadonlySet<string>;
}

/** How much each signal counts toward how well an entry matches; they add up to 1. */
const WEIGHTS = { bestPhrase: 0.44, entryVocabulary: 0.36, likelihood: 0.2 } as const;

/** How much a pair of neighbouring words weighs, relative to a single word as specific. */
const PAIR_DISCOUNT = 0.5;

/** Recall counts four times as much as precision: long, rambling messages still carry the question. */
const RECALL_BIAS = 2;

/**
 * A term found in this share of an entry's phrasings already counts about half; one that runs
 * through all of them counts fully (BM25-style saturation).
 */
const SATURATION = 0.25;

/** A term only the entry's answer uses counts this much toward the entry's vocabulary. */
const ANSWER_TERM_SHARE = 0.5;

/** Words only the answers use weigh like the word at this quantile of specificity: ordinary, not rare. */
const ANSWER_ONLY_QUANTILE = 0.25;

/** Additive smoothing for the likelihood signal: unseen terms are unlikely, not impossible. */
const LIKELIHOOD_SMOOTHING = 0.5;

/**
 * How the in-scope factor weighs a message's words. Each word the FAQ phrasings use counts 1 for
 * the clinic's topics (a word only the answers use, half that), and "it"/"this" pointing at the
 * treatment counts 1 too. Words the knowledge base never uses count against, with diminishing
 * weight: one unknown word in a short question ("tattoo") says more than five in a long story.
 */
const SCOPE = {
  answerOnlyWord: 0.5,
  reference: 1,
  /** A non-word (an unfixable typo or a brand name) is weaker evidence than a real word. */
  nonWord: 0.7,
  foreignWeight: 2,
  foreignExponent: 0.3,
  /** Words up to this far after "no"/"not" are what the patient does not have. */
  negationWindow: 3,
} as const;

/** Words shorter than this are never matched fuzzily: short words collide too easily. */
const MIN_FUZZY_LENGTH = 5;
/** Nor are words longer than any real word ("hahahaha…" with a key held down): bitap cost grows with length. */
const MAX_FUZZY_LENGTH = 24;
const MAX_FUZZY_LENGTH_CHANGE = 2;
/** fuse.js score (0 = exact, 1 = nothing alike) above which a fuzzy match is not trusted. */
const FUZZY_THRESHOLD = 0.3;
const FUZZY_CACHE_SIZE = 10_000;

const NEGATORS: ReadonlySet<string> = new Set(['no', 'not', 'nothing', 'without', 'never']);
/** "what should I not do": advice asked for, nothing denied. */
const ADVICE_MODALS: ReadonlySet<string> = new Set(['should', 'must', 'ought', 'shall']);

/**
 * Words the patient says they do not have ("no fever or anything", "not an emergency"). The
 * safety check has already looked at them; for the FAQ they only set the scene.
 */
function negatedWords(message: AnalyzedText): Set<string> {
  const negated = new Set<string>();
  for (const clause of message.corrected.clauses) {
    clause.forEach((word, index) => {
      if (!NEGATORS.has(word) || ADVICE_MODALS.has(clause[index - 1] ?? '') || ADVICE_MODALS.has(clause[index - 2] ?? '')) return;
      for (const next of clause.slice(index + 1, index + 1 + SCOPE.negationWindow)) negated.add(next);
    });
  }
  return negated;
}

function fBeta(recall: number, precision: number, beta: number): number {
  if (recall === 0 || precision === 0) return 0;
  const betaSquared = beta * beta;
  return ((1 + betaSquared) * recall * precision) / (betaSquared * precision + recall);
}

/**
 * Ranks FAQ entries for a message. Three signals are blended into how well an entry matches:
 * - how well the message covers its closest curated phrasing (words weighted by how specific they are to one entry);
 * - how much of the message falls inside the entry's whole vocabulary, words central to the entry counting most;
 * - how likely the entry's phrasings make the message's words (naive Bayes), which stays decisive
 *   on long messages where every overlap score is low.
 * The match is then scaled by how sure we are that the message is about the clinic's topics at all,
 * so "how much does a tattoo hurt" falls back instead of answering "Is ART painful?".
 * fuse.js finds the word a typo meant when the shared spelling corrector could not.
 */
export class ReferenceFaqMatcher {
  private readonly phrases: IndexedPhrase[] = [];
  private readonly entries: IndexedEntry[] = [];
  private readonly specificity = new Map<string, number>();
  /** Every stem the knowledge base uses anywhere, answers included. */
  private readonly knownStems = new Set<string>();
  private readonly answerOnlyWeight: number;
  private readonly fuzzyIndex = new Map<string, Fuse<string>>();
  private readonly fuzzyCache = new Map<string, string | null>();

  constructor(entries: readonly FaqEntry[], analyzer: PhrasingAnalyzer) {
    for (const entry of entries) {
      const termCounts = new Map<string, number>();
      const phrasings = [entry.question, ...entry.alternates];
      for (const phrasing of phrasings) {
        const words = analyzer.analyze(phrasing).words;
        const terms = new Set(matchingTerms(words));
        terms.forEach((term) => termCounts.set(term, (termCounts.get(term) ?? 0) + 1));
        this.phrases.push({ entryId: entry.id, text: words.join(' '), terms, weight: 0 });
      }
      // The answer's own words widen what the entry is about ("headaches" may appear only there),
      // without changing how specific a word is.
      const answerWords = analyzer.analyze(entry.answer).words;
      answerWords.forEach((word) => this.knownStems.add(stemWord(word)));
      const termTotal = [...termCounts.values()].reduce((sum, count) => sum + count, 0);
      this.entries.push({ id: entry.id, phraseCount: phrasings.length, termCounts, termTotal, answerTerms: new Set(matchingTerms(answerWords)) });
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
    const weights = [...this.specificity.entries()].filter(([term]) => !term.includes(' ')).map(([, weight]) => weight).sort((a, b) => a - b);
    this.answerOnlyWeight = weights[Math.floor(weights.length * ANSWER_ONLY_QUANTILE)] ?? 1;
    for (const phrase of this.phrases) phrase.weight = this.totalWeight(phrase.terms);

    // One small fuse.js index per first letter keeps fuzzy look-ups fast (see fuzzyKnownWord).
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
    return this.rankWithEvidence(message, limit, skipPhrasing).candidates;
  }

  /** The ranking, with what the answer decision needs to know about it. */
  rankWithEvidence(message: AnalyzedText, limit = 5, skipPhrasing?: AnalyzedText): Ranking {
    const skippedText = skipPhrasing?.words.join(' ');
    const skipped = this.phrases.find((phrase) => phrase.text === skippedText);
    const words = message.words.map((word) => this.fuzzyKnownWord(word) ?? word);
    const queryTerms = new Set(matchingTerms(words).filter((term) => this.weightOf(term) > 0));
    const queryWeight = this.totalWeight(queryTerms);
    if (queryWeight === 0) return { candidates: [], evidence: NO_EVIDENCE };
    const scope = this.scopeOf(words, negatedWords(message));

    const bestPhraseScore = new Map<string, number>();
    for (const phrase of this.phrases) {
      if (phrase.weight === 0 || phrase === skipped) continue;
      const shared = this.sharedWeight(queryTerms, phrase.terms);
      const score = fBeta(shared / phrase.weight, shared / queryWeight, RECALL_BIAS);
      if (score > (bestPhraseScore.get(phrase.entryId) ?? 0)) bestPhraseScore.set(phrase.entryId, score);
    }
    const likelihood = this.likelihoods(queryTerms, skipped);

    const coverageOf = new Map<string, number>();
    const candidates: MatchCandidate[] = this.entries.map((entry) => {
      const ownSkipped = skipped?.entryId === entry.id ? skipped : undefined;
      const coverage = this.vocabularyCoverage(entry, queryTerms, ownSkipped) / queryWeight;
      coverageOf.set(entry.id, coverage);
      const match = WEIGHTS.bestPhrase * (bestPhraseScore.get(entry.id) ?? 0) + WEIGHTS.entryVocabulary * coverage + WEIGHTS.likelihood * (likelihood.get(entry.id) ?? 0);
      return { id: entry.id, score: Math.round(Math.min(1, match) * scope * 1000) / 1000 };
    });
    const ranked = candidates
      .filter((candidate) => candidate.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
    const best = ranked[0]?.id ?? '';
    return {
      candidates: ranked,
      evidence: { scope, bestPhrase: bestPhraseScore.get(best) ?? 0, coverage: Math.min(1, coverageOf.get(best) ?? 0), words: words.length },
    };
  }

  /**
   * The knowledge base word that a word it does not know most likely meant ("strechs"), found
   * with fuse.js: its bitap scoring forgives scattered slips that an edit count rejects. Only for
   * non-words (a real word such as "tattoo" means itself), and only a match that starts with the
   * same letter and is about as long. This stays out of the shared spelling corrector on purpose:
   * a guess this loose must not feed the safety check.
   */
  private fuzzyKnownWord(word: string): string | undefined {
    if (word.length < MIN_FUZZY_LENGTH || word.length > MAX_FUZZY_LENGTH || /\d/.test(word)) return undefined;
    if (this.knownStems.has(stemWord(word))) return undefined;
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
   * counts less.
   */
  private vocabularyCoverage(entry: IndexedEntry, queryTerms: ReadonlySet<string>, skipped?: IndexedPhrase): number {
    const phraseCount = entry.phraseCount - (skipped === undefined ? 0 : 1);
    let covered = 0;
    for (const term of queryTerms) {
      const count = (entry.termCounts.get(term) ?? 0) - (skipped?.terms.has(term) === true ? 1 : 0);
      let affinity = 0;
      if (count > 0 && phraseCount > 0) {
        const share = count / phraseCount;
        affinity = (share * (1 + SATURATION)) / (share + SATURATION);
      }
      if (entry.answerTerms.has(term)) affinity = Math.max(affinity, ANSWER_TERM_SHARE);
      covered += affinity * this.weightOf(term);
    }
    return covered;
  }

  /**
   * Naive Bayes over the entries' phrasings: the probability, summing to 1 over entries, that the
   * message's known terms were drawn from each entry's phrasings. Every term adds its evidence, so
   * a long message with many weak clues still points clearly at one entry.
   */
  private likelihoods(queryTerms: ReadonlySet<string>, skipped?: IndexedPhrase): Map<string, number> {
    const vocabularySize = this.specificity.size;
    const logLikelihoods = new Map<string, number>();
    let highest = -Infinity;
    for (const entry of this.entries) {
      const ownSkipped = skipped?.entryId === entry.id ? skipped : undefined;
      const total = entry.termTotal - (ownSkipped?.terms.size ?? 0);
      let logLikelihood = 0;
      for (const term of queryTerms) {
        if (!this.specificity.has(term)) continue;
        const count = (entry.termCounts.get(term) ?? 0) - (ownSkipped?.terms.has(term) === true ? 1 : 0);
        const probability = (count + LIKELIHOOD_SMOOTHING) / (total + LIKELIHOOD_SMOOTHING * vocabularySize);
        logLikelihood += Math.log(probability) * (term.includes(' ') ? PAIR_DISCOUNT : 1);
      }
      logLikelihoods.set(entry.id, logLikelihood);
      highest = Math.max(highest, logLikelihood);
    }
    // Normalize in a numerically safe way (subtract the highest before exponentiating).
    let sum = 0;
    for (const [id, logLikelihood] of logLikelihoods) {
      const relative = Math.exp(logLikelihood - highest);
      logLikelihoods.set(id, relative);
      sum += relative;
    }
    for (const [id, relative] of logLikelihoods) logLikelihoods.set(id, relative / sum);
    return logLikelihoods;
  }

  /**
   * How sure we are, from 0 to 1, that the message is about the clinic's topics at all. Words the
   * knowledge base never uses ("tattoo", "banana") point elsewhere; words it uses, or "it" meaning
   * the treatment, point here; question words and scene-setting words count for neither.
   */
  private scopeOf(words: readonly string[], negated: ReadonlySet<string>): number {
    let domain = words.some(isReferenceWord) ? SCOPE.reference : 0;
    let foreign = 0;
    for (const word of new Set(words)) {
      if (isNeutralWord(word) || negated.has(word)) continue;
      const stem = stemWord(word);
      if (this.specificity.has(stem)) domain += 1;
      else if (this.knownStems.has(stem)) domain += SCOPE.answerOnlyWord;
      else foreign += isEnglishWord(word) ? 1 : SCOPE.nonWord;
    }
    if (foreign === 0) return 1;
    return domain / (domain + SCOPE.foreignWeight * foreign ** SCOPE.foreignExponent);
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

  /**
   * A term's weight: its specificity; a pair of words confirms its two words rather than adding a
   * new idea. A word only the answers use weighs like an ordinary word; anything else, nothing.
   */
  private weightOf(term: string): number {
    const specificity = this.specificity.get(term);
    if (specificity !== undefined) return term.includes(' ') ? PAIR_DISCOUNT * specificity : specificity;
    return this.knownStems.has(term) ? this.answerOnlyWeight : 0;
  }
}
