import type { NormalizedText } from '../text/normalizeText';
import { isNegated, toClausedTokens, type ClausedTokens } from './negation';
import { findPastSpans, pastStatementAround } from './pastStatement';
import { NOT_LONG_AGO, readLongAgo, type LongAgo } from './longAgo';
import { anyPerson, PhraseIndex } from './phraseIndex';
import type { Phrase, TokenSpan, WordSequence } from './safetyPattern';
import { SPECIAL_CONCEPTS, type SafetyCheck, type SafetyLevel, type SafetyMatcher, type SafetyReply, type SafetyRule, type SafetyRules, type SpecialConcept } from './safetyRules';
import { matchingCombination } from './triggerMatcher';

export type { SafetyLevel } from './safetyRules';

/** One rule that fired. Holds no patient text, so it is safe to log. */
export interface SafetyFinding {
  readonly ruleId: string;
  readonly level: SafetyLevel;
  readonly reply: SafetyReply;
  readonly label: string;
  /** The emergency check a red flag asks first (see SafetyRule.escalate). */
  readonly escalate?: string;
}

/** A check question the message calls for: it touched a risk concept without enough to fire a rule. */
export interface SafetyCheckFinding {
  /** The concept the question is about; the check's id. */
  readonly concept: string;
  /** What a "yes" leads to. */
  readonly level: SafetyLevel;
  readonly reply: SafetyReply;
}

export interface SafetyAssessment {
  /** The most urgent level found: emergency beats red-flag. */
  readonly level: SafetyLevel | 'none';
  /** Every rule that fired, emergencies first, then in the order of safety.yaml. */
  readonly findings: readonly SafetyFinding[];
  /** Check questions the message calls for, emergencies first; the bot asks one when no rule fired. */
  readonly checks: readonly SafetyCheckFinding[];
  /**
   * True when the message uses any word or phrase safety.yaml lists, outside the four special concepts
   * (a concept's term, a rule's or check's phrase, even negated, long ago or firing nothing): "no chest
   * pain" touches safety. The gaps log never keeps such a message.
   */
  readonly touched: boolean;
}

/**
 * A clause that opens like this is a question ("can ART cause a clot?"), unless "not" or "be" follows
 * ("can not breathe", "could be broken"); "if" and "si" open a hypothetical ("if someone has a fracture").
 */
const QUESTION_OPENERS: ReadonlySet<string> = new Set([
  'can', 'could', 'does', 'do', 'did', 'is', 'are', 'will', 'would', 'should', 'how', 'what', 'why', 'when', 'which', 'who', 'any',
  'puede', 'pueden', 'es', 'que', 'como', 'cual', 'cuando', 'hay', 'se',
  // Tagalog: "pwede bang…" (can it…), "paano…" (how), "bakit…" (why); not "ano", which is Spanish "año" too.
  'pwede', 'puwede', 'paano', 'bakit',
]);
const HYPOTHETICAL_OPENERS: ReadonlySet<string> = new Set(['if', 'si']);
/** "risk of a clot", "riesgo de fractura": what follows is a possibility being asked about, like a question. */
const RISK_WORDS: ReadonlySet<string> = new Set(['risk', 'risks', 'chance', 'chances', 'danger', 'dangers', 'riesgo', 'riesgos', 'peligro']);
const RISK_OF: ReadonlySet<string> = new Set(['of', 'for', 'de']);
/** "if i get…", "si me da…": the writer as the subject of a condition. */
const WRITER_SUBJECTS: ReadonlySet<string> = new Set(['i', 'me', 'yo', 'we']);
/** Verbs of coming to have something, as a condition: "if i get / catch / come down with / end up with". */
const BECOMING: ReadonlySet<string> = new Set(['get', 'catch', 'develop', 'come', 'end', 'ever', 'happen', 'da', 'diera', 'llego', 'llegara', 'pega', 'enfermo', 'enfermara']);
/** Words that may lead into a question without changing it: "like can it cause a clot", "so is it safe". */
const LEAD_INS: ReadonlySet<string> = new Set(['like', 'so', 'and', 'but', 'also', 'ok', 'okay', 'well', 'anyway', 'plus', 'y', 'pero', 'entonces']);
/** "if" opens a hypothetical at the start of a clause or after these; "not sure if it's broken" is doubt, not a hypothetical. */
const HYPOTHETICAL_AFTER: ReadonlySet<string> = new Set(['what', 'happens', 'example', 'say', 'suppose', 'even', 'ejemplo', 'pasa']);

/** What a treatment may bring about: "can ART cause a clot", "puede provocar una trombosis". */
const CAUSE_WORDS: ReadonlySet<string> = new Set([
  'cause', 'causes', 'caused', 'causing', 'trigger', 'triggers', 'dislodge', 'dislodges', 'loosen', 'provoke', 'provokes', 'lead', 'leads',
  'result', 'results', 'give', 'gives', 'causar', 'causa', 'causan', 'provocar', 'provoca', 'provocan', 'soltar', 'suelta', 'producir', 'produce', 'dar', 'da',
]);

/** Words of the present: "my son fell and his arm hurts" is about now, not history. */
const PRESENT_WORDS: ReadonlySet<string> = new Set([
  'is', 'are', 'am', 'has', 'hurts', 'hurting', 'aches', 'aching', 'keeps', 'still', 'now', 'can', 'cant', 'will', 'does', 'seems',
  'looks', 'feels', 'esta', 'estan', 'tiene', 'duele', 'sigue', 'puede', 'ahora', 'ahorita', 'todavia',
]);

/**
 * Words that end a question's or a person's scope: "is ART painful and my elbow is red" asks one
 * thing and states another; "my dad had a stroke so I worry" says one thing of him, another of me.
 */
const SCOPE_BREAKS: ReadonlySet<string> = new Set(['and', 'but', 'so', 'then', 'also', 'plus', 'because', 'cos', 'coz', 'cuz', 'now', 'y', 'pero', 'porque', 'entonces']);

/**
 * A question also ends where the writer starts a statement of their own, punctuation or not:
 * "can ART cause a blood clot or anything like that I read something online" asks in general.
 */
const QUESTION_SCOPE_BREAKS: ReadonlySet<string> = new Set([...SCOPE_BREAKS, 'i', 'yo']);

/** What the special concepts say about who and what a message is about (see SPECIAL_CONCEPTS). */
interface MessageSubject {
  /** Positions inside general questions or hypotheticals that name no one ("can ART cause a clot"). */
  readonly generalQuestion: ReadonlySet<number>;
  /**
   * The general questions, with what only doubts a red flag, never an emergency: questions only the writer's "?"
   * or "¿" marks, the writer likening how they feel to an injury ("I feel like I got run over by a bus"), and an
   * occasion said to be an accident ("this week has been a car crash").
   */
  readonly redFlagDoubt: ReadonlySet<number>;
  /** Positions in a stretch about someone else, with no word about the writer and nothing recent in it. */
  readonly othersHistory: ReadonlySet<number>;
  /**
   * Positions in a stretch about someone else, with no word about the writer, when the writer turns to
   * their own reason for writing elsewhere in the message (for-me): "my mate broke his leg last week,
   * for me it's just tight calves". Empty otherwise.
   */
  readonly othersBeforeMe: ReadonlySet<number>;
  /** Whether the writer turns to their own reason for writing (for-me) outside any stretch about someone else. */
  readonly turnsToMe: boolean;
}

/** What an assessment says of a check question it calls for. */
export function checkFinding({ concept, level, reply }: SafetyCheck): SafetyCheckFinding {
  return { concept, level, reply };
}

/** Works a value out the first time it is asked for, then remembers it: most messages never need it. */
function once<T>(make: () => T): () => T {
  let made: { readonly value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

function positionsOf(spans: readonly TokenSpan[]): Set<number> {
  const positions = new Set<number>();
  for (const span of spans) for (let index = span.start; index < span.end; index += 1) positions.add(index);
  return positions;
}

/**
 * The safety screen every patient message passes before anything else. It answers one
 * question: does this message describe an emergency or a red flag for manual therapy, or touch
 * one closely enough that the bot should ask?
 *
 * Words are looked up once per message in one index of every concept and phrase; rules and
 * checks then combine what was found. A rule whose message is only a general question about
 * the treatment, or an undated injury of someone else, asks its check question instead.
 */
export class SafetyDetector {
  private readonly rules: readonly SafetyRule[];
  private readonly checks: readonly SafetyCheck[];
  /** Every phrase except those that tell who the message is about, with person forms folded (see anyPerson). */
  private readonly index: PhraseIndex;
  /** The special concepts' own words, as written: "my son" must stay someone else. */
  private readonly subjectIndex: PhraseIndex;
  private readonly special: ReadonlyMap<SpecialConcept, Phrase>;
  private readonly checkByConcept: ReadonlyMap<string, SafetyCheck>;
  /**
   * For each phrase a trigger is made of, the rules (then checks, numbered after the rules) whose
   * triggers use it. A rule can only match when every part of one of its triggers was found, so a
   * message looks only at the rules its phrases lead to, however many rules safety.yaml holds.
   */
  private readonly matchersByPart = new Map<Phrase, number[]>();

  constructor(private readonly safety: SafetyRules) {
    this.rules = safety.rules;
    this.checks = safety.checks;
    this.checkByConcept = new Map(safety.checks.map((check) => [check.concept, check]));
    const special = new Map<SpecialConcept, Phrase>();
    for (const concept of safety.concepts) {
      const id = SPECIAL_CONCEPTS.find((name) => name === concept.id);
      if (id !== undefined) special.set(id, concept.terms);
    }
    this.special = special;
    const subjectPhrases = new Set(special.values());
    this.index = new PhraseIndex(this.allPhrases().filter((phrase) => !subjectPhrases.has(phrase)), anyPerson);
    this.subjectIndex = new PhraseIndex(subjectPhrases);
    [...this.rules, ...this.checks].forEach(({ triggers }, matcher) => {
      for (const part of new Set(triggers.flatMap((trigger) => trigger.parts))) {
        const list = this.matchersByPart.get(part) ?? [];
        list.push(matcher);
        this.matchersByPart.set(part, list);
      }
    });
  }

  /** Rules and checks (as numbered in matchersByPart) with a trigger whose every part was found, in safety.yaml's order. */
  private candidateMatchers(found: ReadonlyMap<Phrase, unknown>): number[] {
    const touched = new Set<number>();
    for (const phrase of found.keys()) for (const matcher of this.matchersByPart.get(phrase) ?? []) touched.add(matcher);
    const all = [...this.rules, ...this.checks];
    return [...touched]
      .filter((matcher) => all[matcher]?.triggers.some((trigger) => trigger.parts.every((part) => found.has(part))) === true)
      .sort((a, b) => a - b);
  }

  assess(text: NormalizedText): SafetyAssessment {
    const message = toClausedTokens(text);
    const found = this.index.scan(message.tokens);
    // Any phrase of the folded index (every concept but the special ones) means the message touched safety.
    const touched = found.size > 0;
    for (const [phrase, spans] of this.subjectIndex.scan(message.tokens)) found.set(phrase, spans);
    const spansOf = (phrase: Phrase): readonly TokenSpan[] => found.get(phrase) ?? [];
    const specialSpans = (id: SpecialConcept): readonly TokenSpan[] => {
      const phrase = this.special.get(id);
      if (phrase === undefined) return [];
      // Its own ignore list holds here too: "mama" is a mother, but not in "cáncer de mama".
      if (phrase.ignore.length === 0) return spansOf(phrase);
      const blocked = this.blockedBy(phrase.ignore, message, spansOf);
      return spansOf(phrase).filter((span) => !overlapsPositions(span, blocked));
    };
    // What only some rules need is worked out when one first does.
    const longAgo = once(() => readLongAgo(message, specialSpans('long-ago'), specialSpans('healed')));
    const past = once(() => findPastSpans(message, longAgo().spans));
    const treatment = once(() => positionsOf(specialSpans('treatment')));
    const subject = once(() => this.subjectOf(message, specialSpans, treatment()));

    /** Whether the match sits in a question (`general`) that asks what something causes, naming the treatment or not. */
    const asksWhatCauses = (matched: readonly TokenSpan[], general: ReadonlySet<number>, namingTheTreatment: boolean): boolean => {
      const [first] = matched;
      if (first === undefined || !general.has(first.start)) return false;
      const clause = message.clauseOf[first.start];
      const before = (index: number): boolean => general.has(index) && message.clauseOf[index] === clause && index < first.start;
      const tokens = message.tokens;
      if (!tokens.some((token, index) => before(index) && CAUSE_WORDS.has(token))) return false;
      return !namingTheTreatment || tokens.some((_token, index) => before(index) && treatment().has(index));
    };
    /** Whether the match sits in a general question that names the treatment and asks what it causes ("can massage cause a stroke"). */
    const asksWhatTheTreatmentCauses = (matched: readonly TokenSpan[]): boolean => asksWhatCauses(matched, subject().redFlagDoubt, true);
    const findings: SafetyFinding[] = [];
    const checks: SafetyCheckFinding[] = [];
    const doubted: { readonly finding: SafetyFinding; readonly check: SafetyCheckFinding }[] = [];
    for (const matcher of this.candidateMatchers(found)) {
      const rule = this.rules[matcher];
      if (rule === undefined) {
        const check = this.checks[matcher - this.rules.length];
        if (check === undefined || this.firstMatch(check, message, spansOf, longAgo) === undefined) continue;
        // A red-flag check touched only inside a general question ("what kinds of injuries do you treat?") has
        // no one's symptom to ask about; an emergency check is asked all the same.
        const asked = subject().redFlagDoubt;
        if (check.level === 'red-flag' && asked.size > 0 && this.firstMatch(check, message, spansOf, longAgo, asked) === undefined) continue;
        checks.push(checkFinding(check));
        continue;
      }
      const matched = this.firstMatch(rule, message, spansOf, longAgo);
      if (matched === undefined) continue;
      const matchesOutside = (positions: ReadonlySet<number>): boolean => this.firstMatch(rule, message, spansOf, longAgo, positions) !== undefined;
      // "Can ART cause a blood clot?" asks about the treatment's risks, answered by the FAQ: nobody's sign to ask
      // about. An emergency is still asked about ("can massage cause chest pain?" may come from someone who has it).
      if (rule.level === 'red-flag' && asksWhatTheTreatmentCauses(matched) && !matchesOutside(subject().redFlagDoubt)) continue;
      const check = rule.check === undefined ? undefined : this.checkByConcept.get(rule.check);
      const namesTreatment = (positions: ReadonlySet<number>): boolean => [...positions].some((position) => treatment().has(position));
      const alongside = (): boolean => this.occursInClausesOf(rule.askIfAlso, matched, message, spansOf);
      const saysItsOver = (): boolean => this.saysAnywhere(rule.askIfMessageSays, message, spansOf);
      // Someone else's history, and the writer turning to their own reason for writing ("my dad had a stroke years
      // ago, for me it's just a stiff neck"): nothing of the writer's to ask about.
      const { othersHistory, turnsToMe } = subject();
      if (rule.askIfSomeoneElse && turnsToMe && othersHistory.size > 0 && !matchesOutside(othersHistory)) continue;
      // "Can neck work cause a stroke?" asks about a cause, whoever's treatment: an emergency named only there is asked about.
      const asksCauseOfEmergency = (): boolean => rule.level === 'emergency' && asksWhatCauses(matched, subject().generalQuestion, false) && !matchesOutside(subject().generalQuestion);
      if (check !== undefined && (this.asksInstead(rule, subject(), matchesOutside, namesTreatment) || alongside() || saysItsOver() || asksCauseOfEmergency())) {
        checks.push(checkFinding(check));
        continue;
      }
      const finding: SafetyFinding = { ruleId: rule.id, level: rule.level, reply: rule.reply, label: rule.label, ...(rule.escalate === undefined ? {} : { escalate: rule.escalate }) };
      // A red flag placed in the past in its own statement (and nowhere else in the message) is asked about.
      const inThePast = check !== undefined && rule.level === 'red-flag' && rule.exceptLongAgo ? pastStatementAround(message, matched, specialSpans('recent'), past) : undefined;
      if (check !== undefined && inThePast !== undefined && !matchesOutside(inThePast)) doubted.push({ finding, check: checkFinding(check) });
      else findings.push(finding);
    }

    // A red flag in doubt (placed in the past) is asked about instead, unless the message also touches an
    // emergency: then it stands, and its emergency check is asked first (see escalate).
    if (checks.some((check) => check.level === 'emergency')) findings.push(...doubted.map(({ finding }) => finding));
    else checks.push(...doubted.map(({ check }) => check));
    const sortedFindings = [...findings.filter((f) => f.level === 'emergency'), ...findings.filter((f) => f.level === 'red-flag')];
    const uniqueChecks = [...new Map(checks.map((check) => [check.concept, check])).values()];
    const sortedChecks = [...uniqueChecks.filter((c) => c.level === 'emergency'), ...uniqueChecks.filter((c) => c.level === 'red-flag')];
    return { level: sortedFindings[0]?.level ?? 'none', findings: sortedFindings, checks: sortedChecks, touched };
  }

  /** Every literal word the rules mention (wildcard stems without "*"), so a spelling corrector can correct toward them. */
  vocabulary(): ReadonlySet<string> {
    const words = new Set<string>();
    for (const sequence of this.allSequences()) for (const pattern of sequence) words.add(pattern.text);
    return words;
  }

  /** The stems the rules write with "*" ("fractur", "vomit"), for correcting typos toward them. */
  stems(): ReadonlySet<string> {
    const stems = new Set<string>();
    for (const sequence of this.allSequences()) for (const word of sequence) if (word.anyEnding) stems.add(word.text);
    return stems;
  }

  /** Every word sequence of every phrase once (phrases naming a concept share its sequences). */
  private allSequences(): Set<WordSequence> {
    const sequences = new Set<WordSequence>();
    for (const phrase of this.allPhrases()) for (const sequence of phrase.alternatives) sequences.add(sequence);
    return sequences;
  }

  /** Every phrase once, in the order first met (a concept's ignore list is shared by every phrase that names it). */
  private allPhrases(): Phrase[] {
    const phrases = new Set<Phrase>();
    const add = (phrase: Phrase): void => {
      if (phrases.has(phrase)) return;
      phrases.add(phrase);
      phrase.ignore.forEach(add);
    };
    for (const concept of this.safety.concepts) add(concept.terms);
    for (const { triggers, ignore } of [...this.rules, ...this.checks]) {
      triggers.forEach((trigger) => trigger.parts.forEach(add));
      ignore.forEach(add);
    }
    for (const rule of this.rules) [...rule.askIfAlso, ...rule.askIfMessageSays].forEach(add);
    return [...phrases];
  }

  /** The words of the first trigger of a rule or check that matches, leaving out `alsoBlocked` positions. */
  private firstMatch(
    { triggers, ignore, exceptLongAgo }: SafetyMatcher,
    message: ClausedTokens,
    spansOf: (phrase: Phrase) => readonly TokenSpan[],
    longAgo: () => LongAgo,
    alsoBlocked: ReadonlySet<number> = new Set(),
  ): readonly TokenSpan[] | undefined {
    const blocked = new Set([...this.blockedBy(ignore, message, spansOf), ...alsoBlocked]);
    const skipped = exceptLongAgo ? longAgo() : NOT_LONG_AGO;
    // A part's own ignore list (from the concepts it names) blocks only that part's words.
    const usable = (part: Phrase): readonly TokenSpan[] => {
      const partBlocked = part.ignore.length === 0 ? blocked : new Set([...blocked, ...this.blockedBy(part.ignore, message, spansOf)]);
      return spansOf(part).filter((span) => !overlapsPositions(span, partBlocked));
    };
    for (const trigger of triggers) {
      const matched = matchingCombination(trigger, message, usable, skipped);
      if (matched !== undefined) return matched;
    }
    return undefined;
  }

  /**
   * Whether any of the phrases occurs next to the match, in the same clause and not across "and",
   * "but", "also"…: "chest is sore from bench press" asks, "chest pain, and I went to the gym" fires.
   */
  private occursInClausesOf(phrases: readonly Phrase[], matched: readonly TokenSpan[], message: ClausedTokens, spansOf: (phrase: Phrase) => readonly TokenSpan[]): boolean {
    if (phrases.length === 0) return false;
    const { tokens, clauseOf } = message;
    const near = new Set<number>();
    for (const span of matched) {
      for (let index = span.start; index >= 0 && clauseOf[index] === clauseOf[span.start]; index -= 1) {
        near.add(index);
        if (index < span.start && breaksScope(tokens, index)) break;
      }
      for (let index = span.start; index < tokens.length && clauseOf[index] === clauseOf[span.start]; index += 1) {
        if (index >= span.end && breaksScope(tokens, index)) break;
        near.add(index);
      }
    }
    // A denied one does not count: "not joking i am having a heart attack" is no joke. A negative inside the
    // match itself denies nothing of it: "me dejó sin aire jajaja" still laughs.
    const matchedPositions = positionsOf(matched);
    const denied = (span: TokenSpan): boolean => isNegated(message, span, new Set([...matchedPositions, ...positionsOf([span])]));
    return phrases.some((phrase) => spansOf(phrase).some((span) => near.has(span.start) && !denied(span)));
  }

  /** Whether any of the phrases occurs anywhere in the message, not negated ("not healed" is no sign that it is over). */
  private saysAnywhere(phrases: readonly Phrase[], message: ClausedTokens, spansOf: (phrase: Phrase) => readonly TokenSpan[]): boolean {
    return phrases.some((phrase) => matchingCombination({ parts: [phrase], window: 1 }, message, spansOf) !== undefined);
  }

  /** Positions covered by ignored phrases; "i fell. asleep now" is not "fell asleep", so each must sit within one clause. */
  private blockedBy(ignore: readonly Phrase[], message: ClausedTokens, spansOf: (phrase: Phrase) => readonly TokenSpan[]): Set<number> {
    const blocked = new Set<number>();
    for (const phrase of ignore) {
      for (const span of spansOf(phrase)) {
        if (message.clauseOf[span.start] !== message.clauseOf[span.end - 1]) continue;
        for (let index = span.start; index < span.end; index += 1) blocked.add(index);
      }
    }
    return blocked;
  }

  private subjectOf(message: ClausedTokens, spans: (id: SpecialConcept) => readonly TokenSpan[], treatment: ReadonlySet<number>): MessageSubject {
    const { tokens, clauseOf } = message;
    const someoneElse = positionsOf(spans('someone-else'));
    // "my" in "my son" belongs to the son; "a client" or "any patient" is anyone, not a particular person.
    // So does "my" in "my late father" or "my 7 year old son": the words between describe the person.
    for (const position of [...someoneElse]) {
      let start = position;
      while (start > 0 && start > position - 4 && isPersonQualifier(tokens[start - 1] ?? '')) start -= 1;
      const before = tokens[start - 1] ?? '';
      // Dialect "me" is "my" before a person's name for a relation ("me mam had cancer"), not before a pronoun
      // (Spanish "me he roto" is "I have broken").
      const possessive = POSSESSIVES.has(before) || (before === 'me' && !PERSON_PRONOUNS.has(tokens[position] ?? ''));
      if (possessive) for (let index = start - 1; index < position; index += 1) someoneElse.add(index);
      if (INDEFINITE.has(tokens[position - 1] ?? '') && !RELATIONS.has(tokens[position] ?? '')) someoneElse.delete(position);
      // "my folks" are the writer's parents; "do you treat folks who have had cancer" asks about anyone.
      if (OWNED_ONLY.has(tokens[position] ?? '') && !OWNERS.has(before)) someoneElse.delete(position);
    }
    const personal = new Set([...positionsOf(spans('personal'))].filter((position) => !someoneElse.has(position)));
    // The "now" of "fine now" says it is over, not that it is recent.
    const healed = positionsOf(spans('healed'));
    const recent = new Set([...positionsOf(spans('recent'))].filter((position) => !healed.has(position)));

    /** The stretch from `start` to the end of its clause or the next scope break (`breaks`). */
    const scopeFrom = (start: number, breaks: ReadonlySet<string> = SCOPE_BREAKS): number[] => {
      const scope: number[] = [];
      for (let index = start; index < tokens.length && clauseOf[index] === clauseOf[start]; index += 1) {
        if (index > start && breaks.has(tokens[index] ?? '')) break;
        scope.push(index);
      }
      return scope;
    };
    /** The whole stretch a word stands in: back to the start of its clause or scope break, then on to the next. */
    const stretchAround = (position: number): number[] => {
      let start = position;
      while (start > 0 && clauseOf[start - 1] === clauseOf[position] && !SCOPE_BREAKS.has(tokens[start] ?? '')) start -= 1;
      return scopeFrom(start);
    };

    const generalQuestion = new Set<number>();
    const markedQuestion = new Set<number>();
    const clauseStart = (index: number): boolean => index === 0 || clauseOf[index - 1] !== clauseOf[index];
    tokens.forEach((token, index) => {
      // A question may follow a word that leads into it: "like, can it cause a clot?", "so is it safe".
      const opensClause = clauseStart(index) || (index > 0 && clauseStart(index - 1) && LEAD_INS.has(tokens[index - 1] ?? ''));
      const next = tokens[index + 1];
      const question = opensClause && QUESTION_OPENERS.has(token) && next !== 'not' && next !== 'be';
      const hypothetical = HYPOTHETICAL_OPENERS.has(token) && (opensClause || HYPOTHETICAL_AFTER.has(tokens[index - 1] ?? ''));
      const risk = RISK_WORDS.has(token) && RISK_OF.has(next ?? '');
      const opened = question || hypothetical || risk;
      // A clause the writer marked "?" or "¿" that asks about the treatment or the clinic is a question however it
      // opens ("¿el ART puede causar coágulos?", "ustedes revisan si uno tiene fracturas?"); one naming neither is
      // a doubt about a sign ("think it's fractured?"). A mark alone never doubts an emergency: "having real
      // trouble breathing is this from the treatment?" runs a statement into a question.
      const marked = !opened && clauseStart(index) && message.askedClauses?.has(clauseOf[index] ?? -1) === true;
      if (!opened && !marked) return;
      // "if i get a fever before my appointment": a condition on the writer's future, not a sign they have. It
      // reaches to the end of its clause or the next "and", "but"…, the writer's own words included.
      const ifIGet = hypothetical && WRITER_SUBJECTS.has(next ?? '') && BECOMING.has(tokens[index + 2] ?? '');
      const scope = ifIGet ? [index, index + 1, ...scopeFrom(index + 2)] : scopeFrom(index, QUESTION_SCOPE_BREAKS);
      if (!ifIGet && scope.some((position) => personal.has(position) || someoneElse.has(position))) return;
      if (marked && !scope.some((position) => treatment.has(position) || SECOND_PERSON.has(tokens[position] ?? ''))) return;
      scope.forEach((position) => (opened ? generalQuestion : markedQuestion).add(position));
    });

    const othersHistory = new Set<number>();
    // The person's stretch runs back to the start of the clause too: "broke his leg, my mate did".
    const stretches = [...someoneElse].map(stretchAround);
    // Anything in the present in their clauses ("my son fell and it hurts") makes it today's problem, not
    // history; a stretch about the writer ("and I'm 55 now") does not count.
    const theirClauses = new Set([...someoneElse].map((position) => clauseOf[position]));
    // "is fine", "está sanita": a present that says they are well is history still.
    const saysWell = (index: number): boolean => [0, 1, 2, 3].some((offset) => healed.has(index + offset) && clauseOf[index + offset] === clauseOf[index]);
    // "he says you are good", "dice que ustedes son buenos": that present is about the clinic.
    const aboutTheClinic = (index: number): boolean => [1, 2].some((back) => SECOND_PERSON.has(tokens[index - back] ?? '') && clauseOf[index - back] === clauseOf[index]);
    const aboutNow = tokens.some((token, index) => {
      if (!theirClauses.has(clauseOf[index]) || !PRESENT_WORDS.has(token) || saysWell(index) || aboutTheClinic(index)) return false;
      return !stretchAround(index).some((position) => personal.has(position));
    });
    for (const stretch of aboutNow ? [] : stretches) {
      if (stretch.some((index) => personal.has(index) || recent.has(index))) continue;
      stretch.forEach((index) => othersHistory.add(index));
    }
    const othersBeforeMe = new Set<number>();
    const turnsToMe = spans('for-me').some((span) => !someoneElse.has(span.start));
    for (const stretch of turnsToMe ? stretches : []) {
      if (stretch.some((index) => personal.has(index))) continue;
      stretch.forEach((index) => othersBeforeMe.add(index));
    }
    const likened = likenings(tokens, clauseOf, scopeFrom);
    const figurative = figurativeEvents(tokens, clauseOf);
    return { generalQuestion, redFlagDoubt: new Set([...generalQuestion, ...markedQuestion, ...likened, ...figurative]), othersHistory, othersBeforeMe, turnsToMe };
  }

  /**
   * When a rule that matched should ask its check question instead of firing:
   * - it matches only inside a general question or hypothetical that names no one ("can ART cause a
   *   clot?", "if someone has a fracture"); for an emergency rule only when that question names the
   *   treatment or clinic ("do your therapists screen for cauda equina?");
   * - it is marked askIfSomeoneElse and matches only in a stretch about someone else with no word about
   *   the writer and nothing recent ("my mate broke his leg, so I…"): it may be old news, so ask; or
   *   only in such a stretch, recent or not, when the writer then turns to their own reason for writing
   *   ("…last week. For me it's just tight calves").
   * A match anywhere else in the message still fires: "is it broken? I can't put weight on it".
   */
  private asksInstead(
    rule: SafetyRule,
    subject: MessageSubject,
    matchesOutside: (positions: ReadonlySet<number>) => boolean,
    namesTreatment: (positions: ReadonlySet<number>) => boolean,
  ): boolean {
    // Emergencies are asked about only in a question that names the treatment ("do your therapists
    // screen for cauda equina?"); red flags in any general question. Either way, only when the rule
    // would not also fire on the rest of the message.
    const question = rule.level === 'red-flag' ? subject.redFlagDoubt : subject.generalQuestion;
    if (question.size > 0 && (rule.level === 'red-flag' || namesTreatment(question)) && !matchesOutside(question)) return true;
    if (!rule.askIfSomeoneElse) return false;
    return [subject.othersHistory, subject.othersBeforeMe].some((others) => others.size > 0 && !matchesOutside(others));
  }
}

/** "my son", "our nan", "mi hijo", "minha mãe": the words between them and the person describe that person. */
const POSSESSIVES: ReadonlySet<string> = new Set(['my', 'our', 'mi', 'mis', 'meu', 'minha', 'meus', 'minhas']);
/** Pronouns among the someone-else words, which no possessive goes before. */
const PERSON_PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'they', 'him', 'her', 'them', 'we', 'you', 'el', 'ella', 'ellos', 'ellas']);
/** Words that make the person named next someone's own: the possessives, and "his", "her", "their", dialect "me". */
const OWNERS: ReadonlySet<string> = new Set([...POSSESSIVES, 'his', 'her', 'their', 'me']);
/** A person only when someone's: "my folks" are parents, "folks" alone are people in general. */
const OWNED_ONLY: ReadonlySet<string> = new Set(['folks']);

/** "so" before these only makes the next word stronger ("choking people so hard haha"): no new statement. */
const SO_INTENSIFIES: ReadonlySet<string> = new Set([
  'hard', 'bad', 'badly', 'much', 'many', 'tight', 'sore', 'stiff', 'long', 'often', 'far', 'fast', 'quick', 'quickly', 'heavy', 'weird', 'funny',
  'good', 'well', 'tired', 'scared', 'worried', 'sick', 'painful', 'loud', 'dramatic', 'hilarious', 'extra',
]);

/** Whether the word at `index` ends an aside's reach (see occursInClausesOf). */
function breaksScope(tokens: readonly string[], index: number): boolean {
  const token = tokens[index] ?? '';
  if (token === 'so' && SO_INTENSIFIES.has(tokens[index + 1] ?? '')) return false;
  return SCOPE_BREAKS.has(token);
}

/** Who the writer speaks to: the clinic. */
const SECOND_PERSON: ReadonlySet<string> = new Set(['you', 'yall', 'ya', 'u', 'ustedes', 'usted']);

/** The writer feeling, and the word that turns it into a likening: "i feel like…", "me siento como…". */
const FEELING_VERBS: ReadonlySet<string> = new Set(['feel', 'feels', 'felt', 'feeling', 'siento', 'senti', 'sentia', 'sentimos']);
const LIKENING_WORDS: ReadonlySet<string> = new Set(['like', 'como']);
/** What may stand before the feeling verb when the writer likens themselves, not a body part ("my knee feels like it is broken"). */
const SELF_BEFORE_FEELING: ReadonlySet<string> = new Set(['i', 'me', 'yo', 'just', 'still', 'literally', 'honestly', 'been', 'am', 'always', 'kinda', 'totally', 'lol']);

/** Something done to the writer, as likenings put it: "like i got / had been / was run over", "como si me hubiera…". */
const DONE_TO: ReadonlySet<string> = new Set(['got', 'been', 'was', 'were', 'by', 'si', 'hubiera', 'hubieran', 'hubiese']);

/**
 * Where the writer likens how they feel to being injured: from "like" or "como" after "i feel", "felt", "me
 * siento", when what follows is done to them ("i feel like i got run over by a bus", "me siento como
 * atropellado"), to the end of the stretch. A belief is no likening ("i feel like i broke my wrist"), nor is a
 * body part that feels like something ("my knee feels like it is broken").
 */
function likenings(tokens: readonly string[], clauseOf: readonly number[], scopeFrom: (start: number) => number[]): number[] {
  const likened: number[] = [];
  tokens.forEach((token, index) => {
    if (!LIKENING_WORDS.has(token) || !FEELING_VERBS.has(tokens[index - 1] ?? '')) return;
    const before = index - 2;
    if (before >= 0 && clauseOf[before] === clauseOf[index] && !SELF_BEFORE_FEELING.has(tokens[before] ?? '')) return;
    const stretch = scopeFrom(index);
    const doneTo = stretch.some((position) => DONE_TO.has(tokens[position] ?? '')) || /(ado|ada|ido|ida)$/.test(tokens[index + 1] ?? '');
    if (doneTo) likened.push(...stretch);
  });
  return likened;
}

/** A time or an occasion said to be something: "this week has been a car crash", "el finde fue un choque en cadena". */
const OCCASIONS: ReadonlySet<string> = new Set([
  'week', 'day', 'month', 'year', 'weekend', 'shift', 'night', 'morning', 'season', 'game', 'match', 'meeting', 'party', 'trip', 'holiday',
  'launch', 'release', 'wedding', 'semana', 'dia', 'mes', 'ano', 'finde', 'noche', 'turno', 'temporada', 'jornada', 'reunion', 'viaje', 'fiesta', 'partido',
]);
const COPULAS: ReadonlySet<string> = new Set(['is', 'was', 'been', 'be', 'fue', 'es', 'sido', 'era']);
const INDEFINITE_ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'un', 'una']);
/** How far back from the verb the occasion may be ("opening day of the grouse was…"), and how many words may describe what it was. */
const OCCASION_REACH = 4;
const PREDICATE_WORDS = 4;

/**
 * Where a time or an occasion is said to be something, as a figure of speech: "this week has been a straight
 * up car crash", "opening day was a car crash", "esta semana fue un choque en cadena". The stretch is what it
 * was said to be: an article and a few words after "was", "has been", "fue". Only doubts a red flag.
 */
function figurativeEvents(tokens: readonly string[], clauseOf: readonly number[]): number[] {
  const positions: number[] = [];
  tokens.forEach((token, index) => {
    if (!COPULAS.has(token) || !INDEFINITE_ARTICLES.has(tokens[index + 1] ?? '')) return;
    const sameClause = (position: number): boolean => clauseOf[position] === clauseOf[index];
    let occasion = false;
    for (let back = 1; back <= OCCASION_REACH && index - back >= 0 && sameClause(index - back); back += 1) {
      if (OCCASIONS.has(tokens[index - back] ?? '')) occasion = true;
    }
    if (!occasion) return;
    const stretch: number[] = [];
    for (let position = index + 1; position <= index + 1 + PREDICATE_WORDS && position < tokens.length && sameClause(position); position += 1) stretch.push(position);
    // Someone's own crash is no figure of speech: "last week was a bad crash on my bike".
    if (stretch.some((position) => OWNERS.has(tokens[position] ?? '') || tokens[position] === 'i')) return;
    positions.push(...stretch);
  });
  return positions;
}

/** "a client", "any patient": anyone, not a particular person. */
const INDEFINITE: ReadonlySet<string> = new Set(['a', 'an', 'any', 'un', 'una', 'algun', 'alguna']);
/** Except a relation: "a friend" or "un amigo" is a particular person ("un amigo que se murió de cáncer"). */
const RELATIONS: ReadonlySet<string> = new Set([
  'friend', 'mate', 'buddy', 'pal', 'colleague', 'coworker', 'teammate', 'neighbour', 'neighbor', 'flatmate', 'roommate', 'cousin',
  'nephew', 'niece', 'uncle', 'aunt', 'amigo', 'amiga', 'vecino', 'vecina', 'companero', 'companera', 'primo', 'prima', 'tio', 'tia',
  'pata', 'pana', 'cuate', 'cuata', 'compa', 'parcero', 'parcera', 'causa', 'chamo', 'chama', 'colega',
]);

/** Words that describe a person between "my" and who they are: "my late father", "my little bro", "my 7 year old". */
const PERSON_QUALIFIERS: ReadonlySet<string> = new Set([
  'late', 'old', 'older', 'oldest', 'elder', 'eldest', 'little', 'younger', 'youngest', 'big', 'best', 'dear', 'poor', 'step', 'ex',
  'teenage', 'baby', 'twin', 'wee', 'elderly', 'grown', 'year', 'years', 'yr', 'yo', 'month', 'months', 'difunto', 'difunta', 'querido', 'querida',
]);

function isPersonQualifier(token: string): boolean {
  return PERSON_QUALIFIERS.has(token) || /^\d{1,3}$/.test(token);
}

function overlapsPositions(span: TokenSpan, positions: ReadonlySet<number>): boolean {
  if (positions.size === 0) return false;
  for (let index = span.start; index < span.end; index += 1) if (positions.has(index)) return true;
  return false;
}
