import { answerConfidence } from '../matching/answerConfidence';
import { isReferenceWord } from '../matching/matchingTerms';
import { FaqMatcher, type MatchCandidate, type Ranking } from '../matching/faqMatcher';
import { TopicModel, topicFeatures } from '../matching/topicModel';
import { CACHE_FOLDER } from '../loading/cacheFolder';
import type { KnowledgeBase } from '../loading/knowledgeBase';
import type { MatchingSettings } from '../schemas/matchingSchema';
import { checkFinding, SafetyDetector, type SafetyAssessment, type SafetyCheckFinding, type SafetyFinding } from '../safety/safetyDetector';
import { LearnedChecks } from '../safety/learnedCheck';
import { learnedFeatures } from '../text/learnedFeatures';
import type { SafetyCheck, SafetyLanguage } from '../safety/safetyRules';
import { isEnglishWord, isLowerCaseEnglishWord } from '../text/englishDictionary';
import { LanguageDetector } from '../text/languageDetector';
import { normalizeText, phrasingKey, type NormalizedText } from '../text/normalizeText';
import { isSpanishWord } from '../text/spanishWords';
import { SpellingCorrector } from '../text/spellingCorrector';
import { SynonymExpander } from '../text/synonymExpander';
import { isHinglishWord } from '../text/hinglishWords';
import { isTagalogWord } from '../text/tagalogWords';
import { TypingSlips } from '../text/typingSlips';
import { correctClauses, TextAnalyzer, type AnalyzedText } from '../text/textAnalyzer';
import { cuesFor, EntryCues, type EntryCue } from './entryCues';
import { FIND_PROVIDER_ID } from './findProvider';
import { splitQuestions } from './questionSplitter';
import { withTopicGuess } from './topicDecision';
import { RememberedPhrasings } from './rememberedPhrasings';
import type { ContentDecision, RoutingDecision } from './routingDecision';
import { SmallTalkDetector } from './smallTalkDetector';

/** Characters of a message that are spell-corrected and matched against the FAQ (a long message is ~1,000). */
export const MAX_ANALYSED_CHARACTERS = 4000;

export interface RouterOptions {
  /** Where the FAQ's phrasings, as the router reads them, are kept between starts (see RememberedPhrasings); null: nowhere. */
  readonly cacheFolder?: string | null;
}

export { FIND_PROVIDER_ID } from './findProvider';

/** Combines what was found in the text as typed and in the spell-corrected text: correcting may only add findings. */
function mergeAssessments(first: SafetyAssessment, second: SafetyAssessment): SafetyAssessment {
  const findings = new Map<string, SafetyFinding>();
  for (const finding of [...first.findings, ...second.findings]) findings.set(finding.ruleId, finding);
  const all = [...findings.values()];
  const level = all.some((finding) => finding.level === 'emergency') ? 'emergency' : all.length > 0 ? 'red-flag' : 'none';
  // Emergencies first (the crisis reply before all), so the decision's id names the most urgent rule.
  const rank = (finding: SafetyFinding): number => (finding.reply === 'crisis' ? 0 : finding.level === 'emergency' ? 1 : 2);
  all.sort((a, b) => rank(a) - rank(b));
  const checks = new Map<string, SafetyCheckFinding>();
  for (const check of [...first.checks, ...second.checks]) checks.set(check.concept, check);
  const allChecks = [...checks.values()].sort((a, b) => Number(b.level === 'emergency') - Number(a.level === 'emergency'));
  return { level, findings: all, checks: allChecks, touched: first.touched || second.touched };
}

/** Whether two texts have the same words in the same clauses (what the safety check reads). */
function sameClauses(a: NormalizedText, b: NormalizedText): boolean {
  if (a.clauses.length !== b.clauses.length || a.tokens.length !== b.tokens.length) return false;
  return a.clauses.every((clause, index) => {
    const other = b.clauses[index];
    return other !== undefined && clause.length === other.length && clause.every((word, position) => word === other[position]);
  });
}

export interface RouteOptions {
  /** Concepts whose check question this conversation has already asked: never asked twice. */
  readonly askedChecks?: readonly string[];
}

/** The "entry" an other-sense cue points to: none, so the bot says it cannot help with that. */
const OTHER_SENSE = 'other-sense';

/** A word of a language patients write that is never a typo: English, Hindi and Urdu in Latin letters ("nahi", "mein"), or Tagalog ("po", "yung"). */
function isWord(word: string): boolean {
  return isEnglishWord(word) || isHinglishWord(word) || isTagalogWord(word);
}

/** Titles left out of a provider's name when it becomes a booking cue: "Dr. Maya Chen" gives "chen". */
const NAME_TITLES: ReadonlySet<string> = new Set(['dr', 'doctor', 'mr', 'mrs', 'ms', 'miss', 'pt', 'rmt', 'dc', 'dpt', 'phd']);

/** The FAQ's cues, plus one per provider's surname beside a booking word: "can I still book with Dr Chen". */
function entryCues(knowledgeBase: KnowledgeBase): EntryCue[] {
  const cues: EntryCue[] = knowledgeBase.faq.flatMap((entry) => cuesFor(entry.id, entry.cues));
  if (knowledgeBase.faq.some((entry) => entry.id === FIND_PROVIDER_ID)) {
    for (const provider of knowledgeBase.providers) {
      const words = normalizeText(provider.name).tokens.filter((word) => !NAME_TITLES.has(word));
      const surname = words[words.length - 1];
      if (surname !== undefined && surname.length >= 3) cues.push(...cuesFor(FIND_PROVIDER_ID, [[surname, 'book*|appointment*|appt*|see|seeing|slot*|with|available|availability|free']]));
    }
  }
  return cues;
}

/**
 * The one place every message is routed, in a fixed order:
 * 1. safety (emergency, then red flags) wins over everything, in any language;
 * 2. a check question, when the message touches a risk without enough to be sure (once per concept);
 * 3. a message in another language gets a short reply saying the bot answers in English;
 * 4. small talk and commands, when that is all the message is;
 * 5. the FAQ: answer, "did you mean…", or an honest fallback.
 */
export class MessageRouter {
  private readonly analyzer: TextAnalyzer;
  private readonly safety: SafetyDetector;
  private readonly safetySpeller: SpellingCorrector;
  private readonly smallTalk: SmallTalkDetector;
  private readonly matcher: FaqMatcher;
  private readonly settings: MatchingSettings;
  private readonly languages: LanguageDetector;
  private readonly safetyLanguages: ReadonlySet<string>;
  private readonly checkByConcept: ReadonlyMap<string, SafetyCheck>;
  private readonly learnedChecks: LearnedChecks;
  private readonly topics: TopicModel;
  /** Curated phrasings (and button labels) answer their entry directly, whatever the scores. */
  private readonly entryByPhrasing = new Map<string, string>();
  private readonly cues: EntryCues;
  /** The clinic's words in another sense ("ART" for HIV, fascia boards on a roof) and services it does not offer: never answered. */
  private readonly otherSenses: EntryCues;

  constructor(knowledgeBase: KnowledgeBase, { cacheFolder = CACHE_FOLDER }: RouterOptions = {}) {
    this.safety = new SafetyDetector(knowledgeBase.safety);
    const { conversation } = knowledgeBase;
    this.smallTalk = new SmallTalkDetector(conversation.smallTalk, { 'none-of-these': conversation.noneOfThese.label, 'all-topics': conversation.allTopics.label });
    const synonyms = new SynonymExpander(knowledgeBase.synonyms.synonyms);
    const safetyWords = { words: this.safety.vocabulary(), stems: this.safety.stems() };
    const vocabulary = new Set<string>([...safetyWords.words, ...this.smallTalk.vocabulary(), ...synonyms.vocabulary()]);
    // The safety rules read typos corrected toward every word but the FAQ phrasings': what the clinic adds to
    // faq.yaml ("tryin", "n" as written by patients) must never change how a warning sign is read.
    // Spanish words are words too: "cada" (each) is not a typo of "caida" (a fall), nor "factura" (an invoice)
    // of "fractura"; only their endings may change toward the rules' own ("infartos" → "infarto").
    this.safetySpeller = new SpellingCorrector(new Set(vocabulary), knowledgeBase.synonyms.misspellings, isWord, safetyWords, isSpanishWord);
    /** The FAQ's own words, which count as English for language detection ("myofascial", "fibro"). */
    const faqWords = new Set<string>();
    // Each phrasing is normalized once, for the vocabulary, the curated-phrasing look-up and the matcher (or read back from an earlier start).
    const phrasings = new RememberedPhrasings(cacheFolder, { faq: knowledgeBase.faq, synonyms: knowledgeBase.synonyms, words: [...vocabulary, ...[...safetyWords.stems].map((stem) => `${stem}*`)] });
    for (const entry of knowledgeBase.faq) {
      for (const phrasing of [entry.question, ...entry.alternates]) {
        const tokens = phrasings.tokens(phrasing);
        for (const word of tokens) {
          vocabulary.add(word);
          faqWords.add(word);
        }
        this.entryByPhrasing.set(tokens.join(' '), entry.id);
      }
    }
    // The "Find a provider" button sends its label, which must always reach the booking entry.
    if (knowledgeBase.faq.some((entry) => entry.id === FIND_PROVIDER_ID)) {
      this.entryByPhrasing.set(phrasingKey(knowledgeBase.conversation.findProviderLabel), FIND_PROVIDER_ID);
    }
    const speller = new SpellingCorrector(vocabulary, knowledgeBase.synonyms.misspellings, isWord, safetyWords);
    this.analyzer = new TextAnalyzer(speller, synonyms, new TypingSlips((word) => speller.isKnown(word) || isEnglishWord(word)));
    const analyzer = this.analyzer;
    this.matcher = new FaqMatcher(knowledgeBase.faq, { analyze: (text) => ({ words: phrasings.words(text, (normalized) => analyzer.analyzeNormalized(normalized)) }) });
    phrasings.save();
    this.cues = new EntryCues(entryCues(knowledgeBase));
    this.otherSenses = new EntryCues(cuesFor(OTHER_SENSE, [...knowledgeBase.matching.otherSenses, ...knowledgeBase.matching.otherServices]));
    this.settings = knowledgeBase.matching;
    this.languages = new LanguageDetector((word) => faqWords.has(word) || isLowerCaseEnglishWord(word));
    this.safetyLanguages = new Set(Object.keys(knowledgeBase.safety.messages));
    this.checkByConcept = new Map(knowledgeBase.safety.checks.map((check) => [check.concept, check]));
    this.learnedChecks = new LearnedChecks(knowledgeBase.safetyModel, knowledgeBase.safety.checks);
    this.topics = new TopicModel(knowledgeBase.faqModel, new Set(knowledgeBase.faq.map((entry) => entry.id)));
  }

  /** The text the safety rules read: as typed, and spell-corrected unless the message is in another language. */
  private safetyTexts(text: string): {
    readonly head: string;
    readonly analyzed: AnalyzedText;
    readonly asTyped: NormalizedText;
    readonly forSafety: NormalizedText;
    readonly detected: ReturnType<LanguageDetector['detect']>;
  } {
    // Spelling correction and FAQ matching look at the start of very long messages only, so one
    // huge message cannot stall the bot; the safety rules still read every word as typed.
    const head = text.slice(0, MAX_ANALYSED_CHARACTERS);
    const analyzed = this.analyzer.analyze(head);
    const asTyped = text.length > MAX_ANALYSED_CHARACTERS ? normalizeText(text) : analyzed.normalized;
    const detected = this.languages.detect(head, analyzed.normalized.tokens);
    // Correcting French or German "typos" toward English words only invents findings ("coûte" → "cut").
    const forSafety = detected === 'other' ? analyzed.normalized : correctClauses(analyzed.normalized, this.safetySpeller);
    return { head, analyzed, asTyped, forSafety, detected };
  }

  /** What the learned checks read of a message, for the tool that fits them (kb:calibrate-safety). */
  learnedFeatures(text: string): string[] {
    return learnedFeatures(this.safetyTexts(text).forSafety.clauses);
  }

  /**
   * The learned checks' question, when one of their models asks and the rules have not found an
   * emergency. Left out: a concept the rules ask already or the conversation has asked, and after a red
   * flag any question that could only lead to the red-flag reply it already gives.
   */
  private learnedCheckFor(safety: SafetyAssessment, text: NormalizedText, askedChecks: readonly string[]): SafetyCheckFinding | undefined {
    if (safety.level === 'emergency') return undefined;
    const check = this.learnedChecks.bestFor(
      text.clauses,
      ({ concept, level }) => askedChecks.includes(concept) || safety.checks.some((other) => other.concept === concept) || (safety.level === 'red-flag' && level !== 'emergency'),
    );
    return check === undefined ? undefined : checkFinding(check);
  }

  /** The rules' checks with the learned one: after the rules' emergency checks, before the rest. */
  private static withCheck(safety: SafetyAssessment, learned: SafetyCheckFinding | undefined): SafetyAssessment {
    if (learned === undefined) return safety;
    const emergencyChecks = safety.checks.filter((other) => other.level === 'emergency');
    const otherChecks = safety.checks.filter((other) => other.level !== 'emergency');
    return { ...safety, checks: learned.level === 'emergency' ? [...emergencyChecks, learned, ...otherChecks] : [...safety.checks, learned] };
  }

  route(text: string, { askedChecks = [] }: RouteOptions = {}): RoutingDecision {
    const { head, analyzed, asTyped, forSafety, detected } = this.safetyTexts(text);
    const typed = this.safety.assess(asTyped);
    // Most messages need no correction: the corrected text is then the text as typed, assessed already.
    const corrected = asTyped === analyzed.normalized && sameClauses(analyzed.normalized, forSafety) ? typed : undefined;
    const ruled = detected === 'other' ? typed : mergeAssessments(typed, corrected ?? this.safety.assess(forSafety));
    const learned = this.learnedCheckFor(ruled, forSafety, askedChecks);
    const safety = MessageRouter.withCheck(ruled, learned);
    const ranking = this.rankingOf(analyzed);
    const { candidates } = ranking;
    const language: SafetyLanguage = detected !== 'other' && this.safetyLanguages.has(detected) ? detected : 'en';
    const [mostUrgent] = safety.findings;
    if (safety.level !== 'none' && mostUrgent !== undefined) {
      const decision = { route: safety.level, id: mostUrgent.ruleId, score: 1 as const, candidates, findings: safety.findings, reply: mostUrgent.reply, language };
      // A red flag that also touches an emergency concept asks that emergency check first, and so does one whose rule
      // names an emergency check to ask (escalate): under-triage is worse than a question.
      // The rules' own emergency checks come before the learned one's guess.
      const escalation = safety.level === 'red-flag' ? (this.escalationFor(ruled, askedChecks) ?? learned) : undefined;
      return escalation === undefined ? decision : { ...decision, escalation };
    }
    const decided: ContentDecision =
      detected === 'en' ? this.withSecondQuestion(head, this.withQuestionAlone(head, analyzed, this.contentDecision(analyzed, ranking))) : { route: 'other-language', id: detected, score: 1, candidates };
    const content: ContentDecision = safety.touched ? { ...decided, touchesSafety: true } : decided;
    const check = safety.checks.find((candidate) => !askedChecks.includes(candidate.concept));
    if (check !== undefined) return { route: 'safety-check', id: check.concept, score: 1, candidates, check, language, pending: content };
    return content;
  }

  /** What to answer when safety is not a concern: small talk, a curated phrasing, or the FAQ ranking's decision. */
  private contentDecision(analyzed: AnalyzedText, ranking: Ranking): ContentDecision {
    const { candidates } = ranking;
    const intent = this.smallTalk.detect(analyzed.corrected.tokens);
    if (intent !== undefined) return { route: 'smalltalk', id: intent, score: 1, candidates };
    // "That is not what I asked. Please read my question again": a complaint first, then only more of it. A
    // real question after the complaint ("…What does it cost?") is answered instead.
    const [firstClause, ...otherClauses] = analyzed.corrected.clauses;
    if (firstClause !== undefined && otherClauses.length > 0 && this.smallTalk.detect(firstClause) === 'not-helpful') {
      const restDecision = this.decideAlone(otherClauses.map((clause) => clause.join(' ')).join('. '));
      return restDecision.route === 'answer' ? restDecision : { route: 'smalltalk', id: 'not-helpful', score: 1, candidates };
    }
    const curated = this.entryByPhrasing.get(analyzed.normalized.tokens.join(' '));
    // Another sense or service outranks a cue: "can you write an email to my boss" is not a question for the clinic's email.
    if (curated === undefined && this.otherSenses.entryFor(analyzed.corrected) !== undefined) return { route: 'fallback', id: null, score: candidates[0]?.score ?? 0, candidates };
    const exact = curated ?? this.cues.entryFor(analyzed.corrected);
    if (exact !== undefined) {
      return { route: 'answer', id: exact, score: 1, candidates: [{ id: exact, score: 1 }, ...candidates.filter((c) => c.id !== exact)] };
    }
    return this.decideFaqRoute(ranking, analyzed);
  }

  /**
   * "stretches for my neck? i be on my phone all day": a statement beside the one question can drown it.
   * When the whole message is not answered, its one sentence that ends in "?" is decided alone, and answered
   * if the bot is sure of it on its own.
   */
  private withQuestionAlone(text: string, analyzedWhole: AnalyzedText, whole: ContentDecision): ContentDecision {
    if (whole.route !== 'fallback' && whole.route !== 'suggest') return whole;
    // The statement may say what the question is about: "the fascia boards on my garage are rotten. Do you know someone?"
    if (this.otherSenses.entryFor(analyzedWhole.corrected) !== undefined) return whole;
    const sentences = text.split(/(?<=[?.!])\s+|\n+/).map((sentence) => sentence.trim()).filter((sentence) => sentence !== '');
    const questions = sentences.filter((sentence) => sentence.endsWith('?'));
    const [question] = questions;
    if (questions.length !== 1 || question === undefined || sentences.length < 2) return whole;
    const alone = this.decideAlone(question);
    return alone.route === 'answer' ? alone : whole;
  }

  /** The FAQ ranking of a message, as long as the decision and "did you mean" need. */
  private rankingOf(analyzed: AnalyzedText): Ranking {
    return this.matcher.rankWithEvidence(analyzed, Math.max(5, this.settings.maxSuggestions));
  }

  /** A piece of a message decided on its own, as if it had been sent alone (safety aside). */
  private decideAlone(text: string): ContentDecision {
    const analyzed = this.analyzer.analyze(text);
    return this.contentDecision(analyzed, this.rankingOf(analyzed));
  }

  /**
   * A message that asks two things ("how long is a session and how much does it cost?") gets both:
   * each question is decided on its own, and a second answered question is answered too, or offered
   * as a button when the bot is unsure of it. Booking is never the second answer (every answer offers
   * "Find a provider"). At most two questions are answered; a third waits for the patient to ask again.
   */
  private withSecondQuestion(text: string, whole: ContentDecision): ContentDecision {
    if (whole.route === 'smalltalk' || whole.route === 'other-language') return whole;
    const questions = splitQuestions(text);
    if (questions.length < 2) return whole;
    const analyzedParts = questions.map((question) => this.analyzer.analyze(question));
    const rankings = analyzedParts.map((analyzed) => this.rankingOf(analyzed));
    const decided = analyzedParts.map((analyzed, index) => this.contentDecision(analyzed, rankings[index] as Ranking));
    // "How much is a tattoo, and does it hurt?": a later question's "it" points back at the question before
    // it, not at the treatment, so after a question about something else it is not answered on its own. A
    // question the bot could not place but that names nothing outside its topics ("why would one choose this
    // treatment? what does it offer?") is about the treatment, and so is its "it".
    const aboutSomethingElse = (index: number): boolean => {
      const analyzed = analyzedParts[index];
      return decided[index]?.route === 'fallback' && ((rankings[index]?.evidence.scope ?? 0) < 1 || (analyzed !== undefined && this.otherSenses.entryFor(analyzed.corrected) !== undefined));
    };
    const pointsBack = decided.map((part, index) => aboutSomethingElse(index - 1) && part.route !== 'smalltalk' && analyzedParts[index]?.corrected.tokens.some(isReferenceWord) === true);
    const parts = decided.filter((_part, index) => pointsBack[index] !== true);
    const answered = [...new Set(parts.flatMap((part) => (part.route === 'answer' ? [part.id] : [])))];
    const topics = answered.filter((id) => id !== FIND_PROVIDER_ID);
    const [first, second] = topics.length > 0 ? topics : answered;
    if (first === undefined) return pointsBack.includes(true) && whole.route === 'answer' ? { route: 'fallback', id: null, score: whole.score, candidates: whole.candidates } : whole;
    const primary = parts.find((part) => part.route === 'answer' && part.id === first) ?? whole;
    if (primary.route !== 'answer') return whole;
    if (second !== undefined) return { ...primary, also: { route: 'answer', id: second } };
    const [unsure] = parts.flatMap((part) => (part.route === 'suggest' && part.id !== first && part.id !== FIND_PROVIDER_ID ? [part.id] : []));
    return unsure === undefined ? primary : { ...primary, also: { route: 'suggest', id: unsure } };
  }

  /** Only the FAQ ranking, for tools that tune the knowledge base; `skipPhrasing` leaves that curated phrasing out. */
  rank(text: string, limit = 5, skipPhrasing?: string): MatchCandidate[] {
    return this.matcher.rank(this.analyze(text), limit, skipPhrasing === undefined ? undefined : this.analyze(skipPhrasing));
  }

  /** The emergency check a red flag asks first, if any that was not asked yet: one the message touched, else one its rules name. */
  private escalationFor(safety: SafetyAssessment, askedChecks: readonly string[]): SafetyCheckFinding | undefined {
    const touched = safety.checks.find((check) => check.level === 'emergency' && !askedChecks.includes(check.concept));
    if (touched !== undefined) return touched;
    for (const finding of safety.findings) {
      const check = finding.escalate === undefined || askedChecks.includes(finding.escalate) ? undefined : this.checkByConcept.get(finding.escalate);
      if (check !== undefined) return checkFinding(check);
    }
    return undefined;
  }

  analyze(text: string): AnalyzedText {
    return this.analyzer.analyze(text);
  }

  /** How likely the best-ranked entry is the right one (see answerConfidence), for tools that calibrate it. */
  confidence(text: string): { readonly ranking: Ranking; readonly confidence: number } {
    const ranking = this.rankingOf(this.analyze(text));
    return { ranking, confidence: answerConfidence(ranking, this.settings.decision) };
  }

  /** What the learned topic model reads of a message, for the tool that fits it (kb:calibrate). */
  topicFeatures(text: string): string[] {
    return topicFeatures(this.analyze(text.slice(0, MAX_ANALYSED_CHARACTERS)));
  }

  /**
   * Answer, "did you mean", or fallback, by the calibrated confidence that the best entry is right,
   * then with the learned topic model's opinion (see topicDecision.ts).
   */
  private decideFaqRoute(ranking: Ranking, analyzed: AnalyzedText): ContentDecision {
    const { candidates } = ranking;
    const [best] = candidates;
    const { answerAt, suggestAt } = this.settings.decision;
    const confidence = answerConfidence(ranking, this.settings.decision);
    const decided =
      best === undefined || confidence < suggestAt
        ? { route: 'fallback' as const, id: null, score: best?.score ?? 0, candidates, confidence }
        : confidence >= answerAt
          ? { route: 'answer' as const, id: best.id, score: best.score, candidates, confidence }
          : { route: 'suggest' as const, id: best.id, score: best.score, candidates, confidence };
    return withTopicGuess(decided, this.topics.best(topicFeatures(analyzed)), this.topics, this.settings.maxSuggestions);
  }
}
