import Fuse from 'fuse.js';
import type { FaqEntry } from '../schemas/faqSchema';
import { isEnglishWord } from '../text/englishDictionary';
import { stemWord } from '../text/stemWord';
import type { AnalyzedText } from '../text/textAnalyzer';
import { isFillerWord, isNeutralWord, isReferenceWord, matchingTerms } from './matchingTerms';

export interface MatchCandidate {
  readonly id: string;
  /** 0..1, higher is better. */
  readonly score: number;
}

/** What the ranking saw in a message, beyond the scores: the features the answer decision weighs. */
export interface MatchEvidence {
  /** 0..1: how much the message is about the clinic's topics at all (see scopeOf). */
  readonly scope: number;
  /** The best candidate's closest single phrasing, 0..1. */
  readonly bestPhrase: number;
  /** Share of the message's weighted words the best candidate's vocabulary covers, 0..1. */
  readonly coverage: number;
  /** How many words the ranking used. */
  readonly words: number;
}

export interface Ranking {
  readonly candidates: MatchCandidate[];
  readonly evidence: MatchEvidence;
}

/** What the matcher needs of the text pipeline: phrasings go through it exactly as messages do. */
export interface PhrasingAnalyzer {
  analyze(text: string): AnalyzedText;
}

const NO_EVIDENCE: MatchEvidence = { scope: 0, bestPhrase: 0, coverage: 0, words: 0 };

interface IndexedPhrase {
  readonly entry: number;
  /** Total weight of its terms. */
  readonly weight: number;
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

/** The entries a term touches, with what it adds to each one's vocabulary coverage. */
interface TermEntries {
  readonly entries: Int32Array;
  /** In how many of the entry's phrasings the term appears (0: only its answer uses it). */
  readonly counts: Int32Array;
  /** affinity × weight, exactly as vocabularyCoverage adds it up. */
  readonly coverage: Float64Array;
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

/**
 * Words the patient says they do not have ("no fever or anything", "not an emergency"). The
 * safety check has already looked at them; for the FAQ they only set the scene.
 */
function negatedWords(message: AnalyzedText): Set<string> {
  const negated = new Set<string>();
  for (const clause of message.corrected.clauses) {
    clause.forEach((word, index) => {
      if (!NEGATORS.has(word)) return;
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

/** How central a term is to an entry: found in `count` of its `phraseCount` phrasings, or only in its answer. */
function affinityOf(count: number, phraseCount: number, inAnswer: boolean): number {
  let affinity = 0;
  if (count > 0 && phraseCount > 0) {
    const share = count / phraseCount;
    affinity = (share * (1 + SATURATION)) / (share + SATURATION);
  }
  if (inAnswer) affinity = Math.max(affinity, ANSWER_TERM_SHARE);
  return affinity;
}

/** The three signals blended into how well an entry matches, scaled by scope and rounded. */
function matchScore(bestPhrase: number, coverage: number, likelihood: number, scope: number): number {
  const match = WEIGHTS.bestPhrase * bestPhrase + WEIGHTS.entryVocabulary * coverage + WEIGHTS.likelihood * likelihood;
  return Math.round(Math.min(1, match) * scope * 1000) / 1000;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
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
 *
 * The knowledge base is indexed by term (a stem, or a pair of neighbouring stems): each term lists
 * the phrasings and entries that contain it. A message scores only the phrasings and entries that
 * share a term with it; every other entry shares nothing, so its score depends only on how many
 * terms its phrasings hold, and entries are grouped by that. The ranking is the same as scoring
 * every entry (tests/unit/faqMatcherIndex.test.ts compares the two on every evaluation message),
 * at a cost that grows with the evidence a message shares with the knowledge base.
 */
export class FaqMatcher {
  private readonly phrases: IndexedPhrase[] = [];
  private readonly entries: IndexedEntry[] = [];
  private readonly specificity = new Map<string, number>();
  /** Every stem the knowledge base uses anywhere, answers included. */
  private readonly knownStems = new Set<string>();
  private readonly answerOnlyWeight: number;
  private readonly fuzzyIndex = new Map<string, Fuse<string>>();
  private readonly fuzzyCache = new Map<string, string | null>();

  /** Phrasings (by index) that hold each term, in order. */
  private readonly phrasesByTerm = new Map<string, Int32Array>();
  private readonly entriesByTerm = new Map<string, TermEntries>();
  /** The first phrasing with each analysed text, for skipPhrasing. */
  private readonly phraseByText = new Map<string, number>();
  /** Entries grouped by termTotal: an entry sharing no term with a message scores as its group does. */
  private readonly groupOf: Int32Array;
  private readonly groupTotals: number[] = [];
  private readonly groupMembers: Int32Array[];

  /** Per-message working space, reused (ranking is synchronous) and left zeroed after each message. */
  private readonly sharedWeight: Float64Array;
  private readonly bestPhraseOf: Float64Array;
  private readonly coveredOf: Float64Array;
  /** 1 + the entry's position among this message's candidates; 0 when it is none. */
  private readonly candidateSlot: Int32Array;

  constructor(entries: readonly FaqEntry[], analyzer: PhrasingAnalyzer) {
    const phraseTerms: ReadonlySet<string>[] = [];
    for (const entry of entries) {
      const termCounts = new Map<string, number>();
      const phrasings = [entry.question, ...entry.alternates];
      for (const phrasing of phrasings) {
        const words = analyzer.analyze(phrasing).words;
        const terms = new Set(matchingTerms(words));
        terms.forEach((term) => termCounts.set(term, (termCounts.get(term) ?? 0) + 1));
        const text = words.join(' ');
        if (!this.phraseByText.has(text)) this.phraseByText.set(text, phraseTerms.length);
        phraseTerms.push(terms);
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

    // The index: phrasings and entries by term.
    const phrasesByTerm = new Map<string, number[]>();
    let phraseIndex = 0;
    this.entries.forEach((entry, entryIndex) => {
      for (let own = 0; own < entry.phraseCount; own += 1, phraseIndex += 1) {
        const terms = phraseTerms[phraseIndex] ?? new Set<string>();
        this.phrases.push({ entry: entryIndex, weight: this.totalWeight(terms) });
        for (const term of terms) pushTo(phrasesByTerm, term, phraseIndex);
      }
    });
    for (const [term, list] of phrasesByTerm) this.phrasesByTerm.set(term, Int32Array.from(list));
    const entriesByTerm = new Map<string, [number, number, number][]>();
    this.entries.forEach((entry, entryIndex) => {
      const terms = new Set([...entry.termCounts.keys(), ...entry.answerTerms]);
      for (const term of terms) {
        const weight = this.weightOf(term);
        if (weight === 0) continue; // never a message term
        const count = entry.termCounts.get(term) ?? 0;
        pushTo(entriesByTerm, term, [entryIndex, count, affinityOf(count, entry.phraseCount, entry.answerTerms.has(term)) * weight]);
      }
    });
    for (const [term, list] of entriesByTerm) {
      this.entriesByTerm.set(term, {
        entries: Int32Array.from(list, ([entry]) => entry),
        counts: Int32Array.from(list, ([, count]) => count),
        coverage: Float64Array.from(list, ([, , coverage]) => coverage),
      });
    }
    const groupByTotal = new Map<number, number>();
    const members: number[][] = [];
    this.groupOf = Int32Array.from(this.entries, (entry, entryIndex) => {
      let group = groupByTotal.get(entry.termTotal);
      if (group === undefined) {
        group = this.groupTotals.length;
        groupByTotal.set(entry.termTotal, group);
        this.groupTotals.push(entry.termTotal);
        members.push([]);
      }
      members[group]?.push(entryIndex);
      return group;
    });
    this.groupMembers = members.map((list) => Int32Array.from(list));
    this.sharedWeight = new Float64Array(this.phrases.length);
    this.bestPhraseOf = new Float64Array(this.entries.length);
    this.coveredOf = new Float64Array(this.entries.length);
    this.candidateSlot = new Int32Array(this.entries.length);

    // One small fuse.js index per first letter keeps fuzzy look-ups fast (see fuzzyKnownWord).
    const wordsByFirstLetter = new Map<string, Set<string>>();
    for (const text of this.phraseByText.keys()) {
      for (const word of text.split(' ')) {
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
    const skippedIndex = skipPhrasing === undefined ? undefined : this.phraseByText.get(skipPhrasing.words.join(' '));
    const skipped = skippedIndex === undefined || skipPhrasing === undefined ? undefined : { index: skippedIndex, terms: new Set(matchingTerms(skipPhrasing.words)) };
    const skippedEntry = skipped === undefined ? -1 : (this.phrases[skipped.index]?.entry ?? -1);
    const words = message.words.map((word) => this.fuzzyKnownWord(word) ?? word);
    const queryTerms = new Set(matchingTerms(words).filter((term) => this.weightOf(term) > 0));
    const queryWeight = this.totalWeight(queryTerms);
    if (queryWeight === 0) return { candidates: [], evidence: NO_EVIDENCE };
    const scope = this.scopeOf(words, negatedWords(message));

    // Candidates: the entries that share a term with the message (and the one a phrasing is left out of).
    const candidates: number[] = [];
    const addCandidate = (entry: number): void => {
      if (this.candidateSlot[entry] !== 0) return;
      candidates.push(entry);
      this.candidateSlot[entry] = candidates.length;
    };
    if (skippedEntry >= 0) addCandidate(skippedEntry);

    // Each phrasing's shared weight, added up in the message's term order as a full scan would.
    const touched: number[] = [];
    for (const term of queryTerms) {
      const postings = this.phrasesByTerm.get(term);
      if (postings === undefined) continue;
      const weight = this.weightOf(term);
      for (const phrase of postings) {
        if (this.sharedWeight[phrase] === 0) touched.push(phrase);
        this.sharedWeight[phrase] = (this.sharedWeight[phrase] ?? 0) + weight;
      }
    }
    for (const phrase of touched) {
      const shared = this.sharedWeight[phrase] ?? 0;
      this.sharedWeight[phrase] = 0;
      const { entry, weight } = this.phrases[phrase] as IndexedPhrase;
      addCandidate(entry);
      if (weight === 0 || phrase === skipped?.index) continue;
      const score = fBeta(shared / weight, shared / queryWeight, RECALL_BIAS);
      if (score > (this.bestPhraseOf[entry] ?? 0)) this.bestPhraseOf[entry] = score;
    }

    // Vocabulary coverage, and the candidates' counts of the terms the likelihood reads.
    const likelihoodTerms = [...queryTerms].filter((term) => this.specificity.has(term));
    for (const term of queryTerms) {
      const list = this.entriesByTerm.get(term);
      if (list === undefined) continue;
      for (let index = 0; index < list.entries.length; index += 1) {
        const entry = list.entries[index] ?? 0;
        addCandidate(entry);
        this.coveredOf[entry] = (this.coveredOf[entry] ?? 0) + (list.coverage[index] ?? 0);
      }
    }
    const counts = new Int32Array(candidates.length * likelihoodTerms.length);
    likelihoodTerms.forEach((term, termIndex) => {
      const list = this.entriesByTerm.get(term);
      if (list === undefined) return;
      for (let index = 0; index < list.entries.length; index += 1) {
        const slot = (this.candidateSlot[list.entries[index] ?? 0] ?? 1) - 1;
        counts[slot * likelihoodTerms.length + termIndex] = list.counts[index] ?? 0;
      }
    });
    const coverageOf = (entry: number): number => {
      if (entry === skippedEntry && skipped !== undefined) return this.vocabularyCoverage(this.entries[entry] as IndexedEntry, queryTerms, skipped.terms) / queryWeight;
      return (this.coveredOf[entry] ?? 0) / queryWeight;
    };

    const likelihood = this.likelihoods(likelihoodTerms, candidates, counts, skippedEntry, skipped?.terms);
    const scored: { readonly entry: number; readonly score: number }[] = candidates.map((entry) => ({
      entry,
      score: matchScore(this.bestPhraseOf[entry] ?? 0, coverageOf(entry), likelihood.ofCandidate(entry), scope),
    }));
    // Entries sharing nothing: the first `limit` of each group may still place (when few entries score at all).
    this.groupMembers.forEach((members, group) => {
      const score = matchScore(0, 0, likelihood.ofGroup(group), scope);
      if (score <= 0) return;
      let taken = 0;
      for (let index = 0; index < members.length && taken < limit; index += 1) {
        const entry = members[index] ?? 0;
        if (this.candidateSlot[entry] !== 0) continue;
        scored.push({ entry, score });
        taken += 1;
      }
    });
    const ranked = scored
      .filter((candidate) => candidate.score > 0)
      .sort((a, b) => b.score - a.score || a.entry - b.entry)
      .slice(0, limit);
    const best = ranked[0]?.entry;
    const evidence: MatchEvidence = {
      scope,
      bestPhrase: best === undefined ? 0 : (this.bestPhraseOf[best] ?? 0),
      coverage: best === undefined ? 0 : Math.min(1, this.candidateSlot[best] === 0 ? 0 : coverageOf(best)),
      words: words.length,
    };

    for (const entry of candidates) {
      this.candidateSlot[entry] = 0;
      this.bestPhraseOf[entry] = 0;
      this.coveredOf[entry] = 0;
    }
    return { candidates: ranked.map(({ entry, score }) => ({ id: this.entries[entry]?.id ?? '', score })), evidence };
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
   * counts less. The index holds this, term by term, for every entry but one with a phrasing left out.
   */
  private vocabularyCoverage(entry: IndexedEntry, queryTerms: ReadonlySet<string>, skipped: ReadonlySet<string>): number {
    const phraseCount = entry.phraseCount - 1;
    let covered = 0;
    for (const term of queryTerms) {
      const count = (entry.termCounts.get(term) ?? 0) - (skipped.has(term) ? 1 : 0);
      covered += affinityOf(count, phraseCount, entry.answerTerms.has(term)) * this.weightOf(term);
    }
    return covered;
  }

  /**
   * Naive Bayes over the entries' phrasings: the probability, summing to 1 over entries, that the
   * message's known terms were drawn from each entry's phrasings. Every term adds its evidence, so
   * a long message with many weak clues still points clearly at one entry. An entry that holds
   * none of the terms has a likelihood set by its termTotal alone: one value per group.
   */
  private likelihoods(
    terms: readonly string[],
    candidates: readonly number[],
    counts: Int32Array,
    skippedEntry: number,
    skippedTerms: ReadonlySet<string> | undefined,
  ): { ofCandidate(entry: number): number; ofGroup(group: number): number } {
    const vocabularySize = this.specificity.size;
    const discounts = terms.map((term) => (term.includes(' ') ? PAIR_DISCOUNT : 1));
    const noTermLog = this.groupTotals.map((total) => Math.log((0 + LIKELIHOOD_SMOOTHING) / (total + LIKELIHOOD_SMOOTHING * vocabularySize)));
    const groupLog = noTermLog.map((log) => {
      let logLikelihood = 0;
      for (const discount of discounts) logLikelihood += log * discount;
      return logLikelihood;
    });
    const candidateLog = candidates.map((entry, slot) => {
      const { termTotal, termCounts } = this.entries[entry] as IndexedEntry;
      let logLikelihood = 0;
      if (entry === skippedEntry && skippedTerms !== undefined) {
        const total = termTotal - skippedTerms.size;
        terms.forEach((term, index) => {
          const count = (termCounts.get(term) ?? 0) - (skippedTerms.has(term) ? 1 : 0);
          const probability = (count + LIKELIHOOD_SMOOTHING) / (total + LIKELIHOOD_SMOOTHING * vocabularySize);
          logLikelihood += Math.log(probability) * (discounts[index] ?? 1);
        });
        return logLikelihood;
      }
      const none = noTermLog[this.groupOf[entry] ?? 0] ?? 0;
      for (let index = 0; index < terms.length; index += 1) {
        const count = counts[slot * terms.length + index] ?? 0;
        const log = count === 0 ? none : Math.log((count + LIKELIHOOD_SMOOTHING) / (termTotal + LIKELIHOOD_SMOOTHING * vocabularySize));
        logLikelihood += log * (discounts[index] ?? 1);
      }
      return logLikelihood;
    });

    // Normalize in a numerically safe way (subtract the highest before exponentiating), adding up
    // in entry order, as a full scan does, so every sum comes out to the same last bit.
    const nonCandidates = this.groupMembers.map((members) => members.length);
    for (const entry of candidates) {
      const group = this.groupOf[entry] ?? 0;
      nonCandidates[group] = (nonCandidates[group] ?? 0) - 1;
    }
    let highest = -Infinity;
    for (const log of candidateLog) highest = Math.max(highest, log);
    groupLog.forEach((log, group) => {
      if ((nonCandidates[group] ?? 0) > 0) highest = Math.max(highest, log);
    });
    const candidateRelative = candidateLog.map((log) => Math.exp(log - highest));
    const groupRelative = groupLog.map((log) => Math.exp(log - highest));
    let sum = 0;
    for (let entry = 0; entry < this.entries.length; entry += 1) {
      const slot = this.candidateSlot[entry] ?? 0;
      sum += slot === 0 ? (groupRelative[this.groupOf[entry] ?? 0] ?? 0) : (candidateRelative[slot - 1] ?? 0);
    }
    return {
      ofCandidate: (entry) => (candidateRelative[(this.candidateSlot[entry] ?? 1) - 1] ?? 0) / sum,
      ofGroup: (group) => (groupRelative[group] ?? 0) / sum,
    };
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
