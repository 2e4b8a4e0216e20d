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
  analyze(text: string): { readonly words: readonly string[] };
}

const NO_EVIDENCE: MatchEvidence = { scope: 0, bestPhrase: 0, coverage: 0, words: 0 };

/** Whether an entry shares a term with the message, and where: in its phrasings, or in its answer only. */
const NOT_A_CANDIDATE = 0;
const IN_ANSWER_ONLY = 1;
const IN_PHRASINGS = 2;

interface IndexedEntry {
  readonly id: string;
  readonly phraseCount: number;
  /** In how many of the entry's phrasings each term appears. */
  readonly termCounts: ReadonlyMap<string, number>;
  /** The sum of termCounts, for the likelihood signal. */
  readonly termTotal: number;
  readonly answerTerms: ReadonlySet<string>;
}

/**
 * The entries each term touches, with what it adds to each one's vocabulary coverage, for every term
 * at once: term t's postings are positions heldStart[t] to heldStart[t + 1] of the held arrays, and
 * answerStart[t] to answerStart[t + 1] of answerEntries. Flat arrays rather than a few small arrays per
 * term: with thousands of phrasings most terms touch one entry, and per-term arrays cost ten times the heap.
 */
interface TermPostings {
  readonly heldStart: Int32Array;
  /** Entries whose phrasings hold the term. */
  readonly heldEntries: Int32Array;
  /** In how many of the entry's phrasings the term appears. */
  readonly heldCounts: Int32Array;
  /** affinity × weight, exactly as vocabularyCoverage adds it up. */
  readonly heldCoverage: Float64Array;
  readonly answerStart: Int32Array;
  /** Entries whose answers alone hold it. */
  readonly answerEntries: Int32Array;
  /** What it adds to the coverage of each of those (the answer's share × its weight), per term. */
  readonly answerOnlyCoverage: Float64Array;
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

/** Before "not", these ask what to do or avoid ("should not", "must not"): nothing is denied. */
const ADVICE_MODALS: ReadonlySet<string> = new Set(['should', 'must', 'ought', 'shall']);

/**
 * Words the patient says they do not have ("no fever or anything", "not an emergency"). The
 * safety check has already looked at them; for the FAQ they only set the scene.
 */
function negatedWords(message: AnalyzedText): Set<string> {
  const negated = new Set<string>();
  for (const clause of message.corrected.clauses) {
    clause.forEach((word, index) => {
      // "what should I not do after treatment": advice asked for, not something the patient lacks.
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

/** The `size` best scores seen so far, best first. */
class TopScores {
  private readonly scores: number[] = [];

  constructor(private readonly size: number) {}

  add(score: number): void {
    if (this.scores.length === this.size && score <= (this.scores[this.size - 1] ?? 0)) return;
    let index = this.scores.length;
    while (index > 0 && (this.scores[index - 1] ?? 0) < score) index -= 1;
    this.scores.splice(index, 0, score);
    if (this.scores.length > this.size) this.scores.pop();
  }

  /** The score a newcomer must reach to place: the size-th best, or 0 while fewer are known. */
  lowest(): number {
    return this.scores.length === this.size ? (this.scores[this.size - 1] ?? 0) : 0;
  }
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
 * the entries that hold it. A message reads only the entries that share a term with it, and scores
 * the phrasings only of those that can still reach the top of the list; every other entry shares
 * nothing, so its score depends only on how many terms its phrasings hold, and entries are grouped
 * by that. The ranking is the same as scoring every entry (tests/unit/faqMatcherIndex.test.ts
 * compares the two on every evaluation message), at a cost that grows with the evidence a message
 * shares with the knowledge base.
 */
export class FaqMatcher {
  private readonly entries: IndexedEntry[] = [];
  private readonly specificity = new Map<string, number>();
  /** Every stem the knowledge base uses anywhere, answers included. */
  private readonly knownStems = new Set<string>();
  private readonly answerOnlyWeight: number;
  private readonly fuzzyIndex = new Map<string, Fuse<string>>();
  private readonly fuzzyCache = new Map<string, string | null>();

  /** Every term a phrasing or answer holds that a message could share, by number. */
  private readonly termIds = new Map<string, number>();
  /** By term number: the entries that hold it. */
  private readonly postings: TermPostings;
  /** Entry e's phrasings are numbers entryPhrases[e] up to entryPhrases[e + 1]. */
  private readonly entryPhrases: Int32Array;
  private readonly phraseEntry: Int32Array;
  /** Total weight of each phrasing's terms. */
  private readonly phraseWeight: Float64Array;
  /** The lightest of each entry's phrasings (with any weight): the one whose recall a message can raise most. */
  private readonly lightestPhrase: Float64Array;
  /** Phrasing p's term numbers are phraseTermIds[phraseTerms[p]] up to phraseTermIds[phraseTerms[p + 1]]. */
  private readonly phraseTerms: Int32Array;
  private readonly phraseTermIds: Int32Array;
  /** The other way round: term t's phrasings are termPhrases[termPhraseStart[t]] to termPhrases[termPhraseStart[t + 1] - 1]. */
  private readonly termPhraseStart: Int32Array;
  private readonly termPhrases: Int32Array;
  /** Per phrasing, during one ranking of a message of at most 31 terms: the message's terms it holds, as bits by position. */
  private readonly phraseHeld: Uint32Array;
  /** The first phrasing with each analysed text, for skipPhrasing. */
  private readonly phraseByText = new Map<string, number>();
  /** Entries grouped by termTotal: an entry sharing no term with a message scores as its group does. */
  private readonly groupOf: Int32Array;
  private readonly groupTotals: number[] = [];
  private readonly groupMembers: Int32Array[];
  /** The most phrasings any entry has: no term appears in more. */
  private readonly maxPhraseCount: number;
  /**
   * log P(term | entry) for an entry of group g whose phrasings hold a term c times, at g × (maxPhraseCount + 1) + c:
   * the same expression the likelihood would work out, worked out once.
   */
  private readonly termLogs: Float64Array;

  /** Per-message working space by entry, reused (ranking is synchronous) and left zeroed after each message. */
  private readonly coveredOf: Float64Array;
  /** Weight of the message's terms that an entry's phrasings hold, for the bound on its closest phrasing. */
  private readonly heldWeight: Float64Array;
  /** NOT_A_CANDIDATE, IN_ANSWER_ONLY or IN_PHRASINGS. */
  private readonly candidateKind: Uint8Array;
  /** A phrase candidate's log-likelihood, then its likelihood relative to the highest. */
  private readonly logLikelihoodOf: Float64Array;
  /** How many of the entry's phrasings hold the term being read. */
  private readonly countOf: Int32Array;
  /** This message's candidates, and its phrase candidates (each list's length is kept beside it). */
  private readonly candidateList: Int32Array;
  private readonly phraseList: Int32Array;
  /** Phrase candidates in falling order of their bound, and each one's bound (in thousandths). */
  private readonly byBound: Int32Array;
  private readonly boundOf: Int32Array;
  private readonly sortedBound: Int32Array;
  /** 1 + a term's position in the message's terms; 0 when the message lacks it. */
  private readonly termPosition: Int32Array;

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

    // The index: each entry's phrasings by term number, and the entries by term.
    const idOf = (term: string): number => {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.termIds.size;
        this.termIds.set(term, id);
      }
      return id;
    };
    // Per term: the entries whose phrasings hold it (entry, count, coverage in turn), and those whose answers alone do.
    const held: number[][] = [];
    const answerOnly: number[][] = [];
    const answerOnlyCoverage: number[] = [];
    this.entries.forEach((entry, entryIndex) => {
      for (const term of new Set([...entry.termCounts.keys(), ...entry.answerTerms])) {
        const weight = this.weightOf(term);
        if (weight === 0) continue; // never a message term
        const id = idOf(term);
        const count = entry.termCounts.get(term) ?? 0;
        const coverage = affinityOf(count, entry.phraseCount, entry.answerTerms.has(term)) * weight;
        if (count > 0) (held[id] ??= []).push(entryIndex, count, coverage);
        else {
          (answerOnly[id] ??= []).push(entryIndex);
          answerOnlyCoverage[id] = coverage;
        }
      }
    });
    const termCount = this.termIds.size;
    const heldStart = new Int32Array(termCount + 1);
    const answerStart = new Int32Array(termCount + 1);
    for (let id = 0; id < termCount; id += 1) {
      heldStart[id + 1] = (heldStart[id] ?? 0) + (held[id]?.length ?? 0) / 3;
      answerStart[id + 1] = (answerStart[id] ?? 0) + (answerOnly[id]?.length ?? 0);
    }
    const postings: TermPostings = {
      heldStart,
      heldEntries: new Int32Array(heldStart[termCount] ?? 0),
      heldCounts: new Int32Array(heldStart[termCount] ?? 0),
      heldCoverage: new Float64Array(heldStart[termCount] ?? 0),
      answerStart,
      answerEntries: new Int32Array(answerStart[termCount] ?? 0),
      answerOnlyCoverage: Float64Array.from({ length: termCount }, (_unused, id) => answerOnlyCoverage[id] ?? 0),
    };
    for (let id = 0; id < termCount; id += 1) {
      const list = held[id] ?? [];
      const start = heldStart[id] ?? 0;
      for (let index = 0; index < list.length / 3; index += 1) {
        postings.heldEntries[start + index] = list[index * 3] ?? 0;
        postings.heldCounts[start + index] = list[index * 3 + 1] ?? 0;
        postings.heldCoverage[start + index] = list[index * 3 + 2] ?? 0;
      }
      postings.answerEntries.set(answerOnly[id] ?? [], answerStart[id] ?? 0);
    }
    this.postings = postings;
    this.entryPhrases = new Int32Array(this.entries.length + 1);
    this.phraseEntry = new Int32Array(phraseTerms.length);
    this.phraseWeight = new Float64Array(phraseTerms.length);
    this.phraseTerms = new Int32Array(phraseTerms.length + 1);
    const termIds: number[] = [];
    let phrase = 0;
    this.entries.forEach((entry, entryIndex) => {
      this.entryPhrases[entryIndex] = phrase;
      for (let own = 0; own < entry.phraseCount; own += 1, phrase += 1) {
        const terms = phraseTerms[phrase] ?? new Set<string>();
        this.phraseEntry[phrase] = entryIndex;
        this.phraseWeight[phrase] = this.totalWeight(terms);
        this.phraseTerms[phrase] = termIds.length;
        for (const term of terms) {
          const id = this.termIds.get(term);
          if (id !== undefined) termIds.push(id);
        }
      }
    });
    this.entryPhrases[this.entries.length] = phrase;
    this.lightestPhrase = Float64Array.from(this.entries, (_entry, entryIndex) => {
      let lightest = Infinity;
      for (let own = this.entryPhrases[entryIndex] ?? 0; own < (this.entryPhrases[entryIndex + 1] ?? 0); own += 1) {
        const weight = this.phraseWeight[own] ?? 0;
        if (weight > 0) lightest = Math.min(lightest, weight);
      }
      return lightest;
    });
    this.phraseTerms[phrase] = termIds.length;
    this.phraseTermIds = Int32Array.from(termIds);
    this.termPhraseStart = new Int32Array(this.termIds.size + 1);
    for (const id of termIds) this.termPhraseStart[id + 1] = (this.termPhraseStart[id + 1] ?? 0) + 1;
    for (let id = 0; id < this.termIds.size; id += 1) this.termPhraseStart[id + 1] = (this.termPhraseStart[id + 1] ?? 0) + (this.termPhraseStart[id] ?? 0);
    this.termPhrases = new Int32Array(termIds.length);
    const filled = this.termPhraseStart.slice(0, this.termIds.size);
    for (let own = 0; own < phrase; own += 1) {
      for (let index = this.phraseTerms[own] ?? 0; index < (this.phraseTerms[own + 1] ?? 0); index += 1) {
        const id = this.phraseTermIds[index] ?? 0;
        this.termPhrases[filled[id] ?? 0] = own;
        filled[id] = (filled[id] ?? 0) + 1;
      }
    }
    this.phraseHeld = new Uint32Array(phrase);

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
    this.maxPhraseCount = this.entries.reduce((most, entry) => Math.max(most, entry.phraseCount), 0);
    const vocabularySize = this.specificity.size;
    this.termLogs = new Float64Array(this.groupTotals.length * (this.maxPhraseCount + 1));
    this.groupTotals.forEach((total, group) => {
      for (let count = 0; count <= this.maxPhraseCount; count += 1) {
        this.termLogs[group * (this.maxPhraseCount + 1) + count] = Math.log((count + LIKELIHOOD_SMOOTHING) / (total + LIKELIHOOD_SMOOTHING * vocabularySize));
      }
    });
    this.coveredOf = new Float64Array(this.entries.length);
    this.heldWeight = new Float64Array(this.entries.length);
    this.candidateKind = new Uint8Array(this.entries.length);
    this.logLikelihoodOf = new Float64Array(this.entries.length);
    this.countOf = new Int32Array(this.entries.length);
    this.candidateList = new Int32Array(this.entries.length);
    this.phraseList = new Int32Array(this.entries.length);
    this.byBound = new Int32Array(this.entries.length);
    this.boundOf = new Int32Array(this.entries.length);
    this.sortedBound = new Int32Array(this.entries.length);
    this.termPosition = new Int32Array(this.termIds.size);

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
    const skippedPhrase = skipPhrasing === undefined ? -1 : (this.phraseByText.get(skipPhrasing.words.join(' ')) ?? -1);
    const skippedTerms = skippedPhrase < 0 || skipPhrasing === undefined ? undefined : new Set(matchingTerms(skipPhrasing.words));
    const skippedEntry = skippedPhrase < 0 ? -1 : (this.phraseEntry[skippedPhrase] ?? -1);
    const words = message.words.map((word) => this.fuzzyKnownWord(word) ?? word);
    const queryTerms = new Set(matchingTerms(words).filter((term) => this.weightOf(term) > 0));
    const queryWeight = this.totalWeight(queryTerms);
    if (queryWeight === 0) return { candidates: [], evidence: NO_EVIDENCE };
    const scope = this.scopeOf(words, negatedWords(message));

    // Candidates: the entries that share a term with the message (and the one a phrasing is left out of).
    // Those whose phrasings hold one (phrase candidates) are scored one by one; those whose answers
    // alone hold one have no closest phrasing, and the likelihood of their group.
    const candidates = this.candidateList;
    const phraseCandidates = this.phraseList;
    let candidateCount = 0;
    let phraseCount = 0;
    const kind = this.candidateKind;
    if (skippedEntry >= 0) {
      kind[skippedEntry] = IN_PHRASINGS;
      candidates[candidateCount++] = skippedEntry;
      phraseCandidates[phraseCount++] = skippedEntry;
    }

    // Vocabulary coverage, added up term by term in the message's order as a full scan does.
    const terms = [...queryTerms];
    const termWeights = terms.map((term) => this.weightOf(term));
    const ids = terms.map((term) => this.termIds.get(term) ?? -1);
    // Scoring a candidate's phrasings reads, per phrasing, which of the message's terms it holds: for a
    // message of at most 31 terms, as bits marked once from the term-to-phrasings index (phraseHeld);
    // for a longer one, by looking up each of its terms' positions (termPosition).
    const fewTerms = ids.length <= 31;
    if (!fewTerms) {
      ids.forEach((id, position) => {
        if (id >= 0) this.termPosition[id] = position + 1;
      });
    }
    let answerOnlyCoverage = 0;
    const { heldStart, heldEntries, heldCoverage, answerStart, answerEntries } = this.postings;
    for (let position = 0; position < ids.length; position += 1) {
      const id = ids[position] ?? -1;
      if (id < 0) continue;
      const weight = termWeights[position] ?? 0;
      for (let index = heldStart[id] ?? 0; index < (heldStart[id + 1] ?? 0); index += 1) {
        const entry = heldEntries[index] ?? 0;
        const was = kind[entry];
        if (was !== IN_PHRASINGS) {
          if (was === NOT_A_CANDIDATE) candidates[candidateCount++] = entry;
          kind[entry] = IN_PHRASINGS;
          phraseCandidates[phraseCount++] = entry;
        }
        this.coveredOf[entry] = (this.coveredOf[entry] ?? 0) + (heldCoverage[index] ?? 0);
        this.heldWeight[entry] = (this.heldWeight[entry] ?? 0) + weight;
      }
      const termAnswerCoverage = this.postings.answerOnlyCoverage[id] ?? 0;
      for (let index = answerStart[id] ?? 0; index < (answerStart[id + 1] ?? 0); index += 1) {
        const entry = answerEntries[index] ?? 0;
        if (kind[entry] === NOT_A_CANDIDATE) {
          kind[entry] = IN_ANSWER_ONLY;
          candidates[candidateCount++] = entry;
        }
        this.coveredOf[entry] = (this.coveredOf[entry] ?? 0) + termAnswerCoverage;
      }
      if ((answerStart[id + 1] ?? 0) > (answerStart[id] ?? 0)) answerOnlyCoverage += termAnswerCoverage;
    }
    const coverageOf = (entry: number): number => {
      if (entry === skippedEntry && skippedTerms !== undefined) return this.vocabularyCoverage(this.entries[entry] as IndexedEntry, queryTerms, skippedTerms) / queryWeight;
      return (this.coveredOf[entry] ?? 0) / queryWeight;
    };
    const likelihood = this.likelihoods(terms.filter((term) => this.specificity.has(term)), phraseCandidates.subarray(0, phraseCount), skippedEntry, skippedTerms);

    // Entries sharing nothing: their scores are exact already; the first `limit` of each group may place.
    const ranked: { readonly entry: number; readonly score: number; readonly bestPhrase: number }[] = [];
    this.groupMembers.forEach((members, group) => {
      const score = matchScore(0, 0, likelihood.ofGroup(group), scope);
      if (score <= 0) return;
      let taken = 0;
      for (let index = 0; index < members.length && taken < limit; index += 1) {
        const entry = members[index] ?? 0;
        if (kind[entry] !== NOT_A_CANDIDATE) continue;
        ranked.push({ entry, score, bestPhrase: 0 });
        taken += 1;
      }
    });
    // A candidate's closest phrasing shares at most the weight of the message's terms its phrasings hold,
    // and at most its own weight: that bounds its precision and recall, and so its score, from above.
    // Phrase candidates are scored in falling order of that bound (scores move in steps of 0.001, so
    // the bound sorts them into buckets), until it falls below the limit-th best score found: no
    // candidate left can place.
    const placing = new TopScores(limit);
    for (const candidate of ranked) placing.add(candidate.score);
    // The bits are marked when the first candidate is scored: a message whose candidates all fall short needs none.
    let marked = false;
    const evaluate = (entry: number): void => {
      if (fewTerms && !marked) {
        this.markPhrasings(ids, true);
        marked = true;
      }
      const bestPhrase = this.closestPhrasing(entry, termWeights, queryWeight, skippedPhrase);
      const score = matchScore(bestPhrase, coverageOf(entry), likelihood.ofCandidate(entry), scope);
      ranked.push({ entry, score, bestPhrase });
      placing.add(score);
    };
    const perBound = new Int32Array(1002);
    for (let index = 0; index < phraseCount; index += 1) {
      const entry = phraseCandidates[index] ?? 0;
      let bound = 1001; // the skipped entry is always scored, first
      if (entry !== skippedEntry) {
        const held = this.heldWeight[entry] ?? 0;
        // Widened a little, so rounding in the last bit can never put the bound below the score.
        const precision = Math.min(1, (held / queryWeight) * (1 + 1e-9));
        const recall = Math.min(1, (held / (this.lightestPhrase[entry] ?? Infinity)) * (1 + 1e-9));
        bound = Math.round(matchScore(Math.min(1, fBeta(recall, precision, RECALL_BIAS) + 1e-9), (this.coveredOf[entry] ?? 0) / queryWeight, likelihood.ofCandidate(entry), scope) * 1000);
      }
      this.boundOf[index] = bound;
      perBound[bound] = (perBound[bound] ?? 0) + 1;
    }
    // A counting sort: highest bounds first.
    let start = 0;
    for (let bound = 1001; bound >= 0; bound -= 1) {
      const count = perBound[bound] ?? 0;
      perBound[bound] = start;
      start += count;
    }
    for (let index = 0; index < phraseCount; index += 1) {
      const bound = this.boundOf[index] ?? 0;
      const at = perBound[bound] ?? 0;
      this.byBound[at] = phraseCandidates[index] ?? 0;
      this.sortedBound[at] = bound;
      perBound[bound] = at + 1;
    }
    for (let index = 0; index < phraseCount; index += 1) {
      const bound = this.sortedBound[index] ?? 0;
      if (bound <= 0 || bound < Math.round(placing.lowest() * 1000)) break;
      evaluate(this.byBound[index] ?? 0);
    }
    // Answer-only candidates score exactly without their phrasings; a group none of whose answers
    // could reach the places (each holds at most every answer-only term) is passed over whole.
    const answerOnlyBound = Math.min(1, (answerOnlyCoverage / queryWeight) * (1 + 1e-9) + 1e-9);
    const groupBound = this.groupTotals.map((_total, group) => matchScore(0, answerOnlyBound, likelihood.ofGroup(group), scope));
    for (let index = 0; index < candidateCount; index += 1) {
      const entry = candidates[index] ?? 0;
      if (kind[entry] !== IN_ANSWER_ONLY) continue;
      const bound = groupBound[this.groupOf[entry] ?? 0] ?? 0;
      if (bound <= 0 || bound < placing.lowest()) continue;
      const score = matchScore(0, coverageOf(entry), likelihood.ofCandidate(entry), scope);
      ranked.push({ entry, score, bestPhrase: 0 });
      placing.add(score);
    }
    const top = ranked
      .filter((candidate) => candidate.score > 0)
      .sort((a, b) => b.score - a.score || a.entry - b.entry)
      .slice(0, limit);
    const [best] = top;
    const evidence: MatchEvidence = {
      scope,
      bestPhrase: best?.bestPhrase ?? 0,
      coverage: best === undefined ? 0 : Math.min(1, kind[best.entry] === NOT_A_CANDIDATE ? 0 : coverageOf(best.entry)),
      words: words.length,
    };

    for (let index = 0; index < candidateCount; index += 1) {
      const entry = candidates[index] ?? 0;
      kind[entry] = NOT_A_CANDIDATE;
      this.coveredOf[entry] = 0;
      this.heldWeight[entry] = 0;
      this.logLikelihoodOf[entry] = 0;
    }
    if (!fewTerms) for (const id of ids) if (id >= 0) this.termPosition[id] = 0;
    if (marked) this.markPhrasings(ids, false);
    return { candidates: top.map(({ entry, score }) => ({ id: this.entries[entry]?.id ?? '', score })), evidence };
  }

  /** Sets (or clears) in phraseHeld, for every phrasing, the bits of the message's terms (by position) that it holds. */
  private markPhrasings(ids: readonly number[], set: boolean): void {
    ids.forEach((id, position) => {
      if (id < 0) return;
      for (let index = this.termPhraseStart[id] ?? 0; index < (this.termPhraseStart[id + 1] ?? 0); index += 1) {
        const own = this.termPhrases[index] ?? 0;
        this.phraseHeld[own] = set ? ((this.phraseHeld[own] ?? 0) | (1 << position)) >>> 0 : 0;
      }
    });
  }

  /**
   * How well the message covers the entry's closest phrasing (0 when none shares a term): each
   * phrasing's shared weight is added up in the message's term order, as a full scan adds it.
   */
  private closestPhrasing(entry: number, termWeights: readonly number[], queryWeight: number, skippedPhrase: number): number {
    let best = 0;
    const positions: number[] = [];
    const fewTerms = termWeights.length <= 31;
    for (let phrase = this.entryPhrases[entry] ?? 0; phrase < (this.entryPhrases[entry + 1] ?? 0); phrase += 1) {
      const weight = this.phraseWeight[phrase] ?? 0;
      if (weight === 0 || phrase === skippedPhrase) continue;
      let shared = 0;
      if (fewTerms) {
        // The positions of the message's terms this phrasing holds, as bits (marked by rankWithEvidence), added up lowest first.
        const held = this.phraseHeld[phrase] ?? 0;
        if (held === 0) continue;
        for (let bits = held; bits !== 0; bits &= bits - 1) shared += termWeights[31 - Math.clz32(bits & -bits)] ?? 0;
      } else {
        positions.length = 0;
        for (let index = this.phraseTerms[phrase] ?? 0; index < (this.phraseTerms[phrase + 1] ?? 0); index += 1) {
          const position = this.termPosition[this.phraseTermIds[index] ?? 0] ?? 0;
          if (position > 0) positions.push(position - 1);
        }
        if (positions.length === 0) continue;
        positions.sort((a, b) => a - b);
        for (const position of positions) shared += termWeights[position] ?? 0;
      }
      const score = fBeta(shared / weight, shared / queryWeight, RECALL_BIAS);
      if (score > best) best = score;
    }
    return best;
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
    phraseCandidates: Int32Array,
    skippedEntry: number,
    skippedTerms: ReadonlySet<string> | undefined,
  ): { ofCandidate(entry: number): number; ofGroup(group: number): number } {
    const vocabularySize = this.specificity.size;
    const discounts = terms.map((term) => (term.includes(' ') ? PAIR_DISCOUNT : 1));
    const stride = this.maxPhraseCount + 1;
    const groupLog = this.groupTotals.map((_total, group) => {
      const log = this.termLogs[group * stride] ?? 0;
      let logLikelihood = 0;
      for (const discount of discounts) logLikelihood += log * discount;
      return logLikelihood;
    });
    // Term by term, in the message's order, each phrase candidate adds the log-probability of the
    // term given how many of its phrasings hold it (none: that of its group).
    const logOf = this.logLikelihoodOf;
    const { countOf, termLogs, groupOf } = this;
    const candidates = phraseCandidates.length;
    const { heldStart, heldEntries, heldCounts } = this.postings;
    terms.forEach((term, index) => {
      const id = this.termIds.get(term);
      const discount = discounts[index] ?? 1;
      const first = id === undefined ? 0 : (heldStart[id] as number);
      const end = id === undefined ? 0 : (heldStart[id + 1] as number);
      for (let posting = first; posting < end; posting += 1) countOf[heldEntries[posting] as number] = heldCounts[posting] as number;
      for (let slot = 0; slot < candidates; slot += 1) {
        const entry = phraseCandidates[slot] as number;
        logOf[entry] = (logOf[entry] as number) + (termLogs[(groupOf[entry] as number) * stride + (countOf[entry] as number)] as number) * discount;
      }
      for (let posting = first; posting < end; posting += 1) countOf[heldEntries[posting] as number] = 0;
    });
    if (skippedEntry >= 0 && skippedTerms !== undefined) {
      // Its own counts and total, less the phrasing left out.
      const { termTotal, termCounts } = this.entries[skippedEntry] as IndexedEntry;
      const total = termTotal - skippedTerms.size;
      let logLikelihood = 0;
      terms.forEach((term, index) => {
        const count = (termCounts.get(term) ?? 0) - (skippedTerms.has(term) ? 1 : 0);
        const probability = (count + LIKELIHOOD_SMOOTHING) / (total + LIKELIHOOD_SMOOTHING * vocabularySize);
        logLikelihood += Math.log(probability) * (discounts[index] ?? 1);
      });
      logOf[skippedEntry] = logLikelihood;
    }

    // Normalize in a numerically safe way (subtract the highest before exponentiating), adding up
    // in entry order, as a full scan does, so every sum comes out to the same last bit.
    const others = this.groupMembers.map((members) => members.length);
    let highest = -Infinity;
    for (let slot = 0; slot < candidates; slot += 1) {
      const entry = phraseCandidates[slot] as number;
      const group = groupOf[entry] as number;
      others[group] = (others[group] as number) - 1;
      highest = Math.max(highest, logOf[entry] as number);
    }
    groupLog.forEach((log, group) => {
      if ((others[group] ?? 0) > 0) highest = Math.max(highest, log);
    });
    for (let slot = 0; slot < candidates; slot += 1) {
      const entry = phraseCandidates[slot] as number;
      logOf[entry] = Math.exp((logOf[entry] as number) - highest);
    }
    const groupRelative = Float64Array.from(groupLog, (log) => Math.exp(log - highest));
    const kind = this.candidateKind;
    let sum = 0;
    for (let entry = 0; entry < kind.length; entry += 1) {
      sum += kind[entry] === IN_PHRASINGS ? (logOf[entry] as number) : (groupRelative[groupOf[entry] as number] as number);
    }
    return {
      ofCandidate: (entry) => (kind[entry] === IN_PHRASINGS ? (logOf[entry] ?? 0) : (groupRelative[this.groupOf[entry] ?? 0] ?? 0)) / sum,
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
