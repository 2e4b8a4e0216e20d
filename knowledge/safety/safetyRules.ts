import type { Phrase } from './safetyPattern';

/** emergency: call the emergency number now. red-flag: see a doctor before manual therapy. */
export const SAFETY_LEVELS = ['emergency', 'red-flag'] as const;
export type SafetyLevel = (typeof SAFETY_LEVELS)[number];

/** Which safety message a rule shows: by default the one of its level; `crisis` adds the crisis line. */
export const SAFETY_REPLIES = ['emergency', 'crisis', 'red-flag'] as const;
export type SafetyReply = (typeof SAFETY_REPLIES)[number];

/** The languages safety messages and check questions may be written in; English is required. */
export const SAFETY_LANGUAGES = ['en', 'es'] as const;
export type SafetyLanguage = (typeof SAFETY_LANGUAGES)[number];

/** How close the parts of a [list] trigger must be when a rule does not say: any 8 consecutive words. */
export const DEFAULT_TRIGGER_WINDOW = 8;

/**
 * Concepts with a fixed meaning to the detector, which the clinic fills with words in safety.yaml:
 * - personal: the writer themselves ("i", "me"); a general question has none of these;
 * - someone-else: another person ("my son", "he", "she");
 * - treatment: the treatment or clinic ("ART", "massage", "session");
 * - recent: words that place something in the last days or weeks ("yesterday", "this morning").
 */
export const REQUIRED_SPECIAL_CONCEPTS = ['personal', 'someone-else', 'treatment', 'recent'] as const;
/**
 * And three a clinic may leave out:
 * - for-me: the writer turning from someone else's story to their own reason for writing ("my mate
 *   broke his leg last week, for me it's just tight calves"): that story is asked about, not fired on;
 * - long-ago: time phrases that place an injury long in the past ("years ago", "as a kid");
 * - healed: words saying an old problem is over ("all healed now", "been fine since").
 *   Both are read by rules marked exceptLongAgo (see longAgo.ts); without them, old injuries count as new.
 */
export const SPECIAL_CONCEPTS = [...REQUIRED_SPECIAL_CONCEPTS, 'for-me', 'long-ago', 'healed'] as const;
export type SpecialConcept = (typeof SPECIAL_CONCEPTS)[number];

/**
 * One way a rule can fire. A phrase trigger has one part; a [list] trigger has several parts
 * that must all appear, in any order, within `window` consecutive words.
 */
export interface SafetyTrigger {
  readonly parts: readonly Phrase[];
  readonly window: number;
}

/** A named vocabulary ("chest": chest, chst, sternum, pecho…) that rules and checks refer to as @chest. */
export interface SafetyConcept {
  readonly id: string;
  readonly label: string;
  readonly terms: Phrase;
  /** Phrases whose words never count for this concept, such as "chest of drawers". */
  readonly ignore: readonly Phrase[];
}

/** What rules and check questions share: when they match, and what they lead to. */
export interface SafetyMatcher {
  readonly level: SafetyLevel;
  readonly reply: SafetyReply;
  /** It matches when any trigger matches (and is not negated). */
  readonly triggers: readonly SafetyTrigger[];
  /** Phrases whose words it never uses, such as "fell asleep" for the fall rule. */
  readonly ignore: readonly Phrase[];
  /** Skip injuries the patient clearly places long ago ("broke my ankle ten years ago"); see longAgo.ts. */
  readonly exceptLongAgo: boolean;
}

export interface SafetyRule extends SafetyMatcher {
  readonly id: string;
  /** Short description for traces and logs; never patient text. */
  readonly label: string;
  /**
   * The check question (by concept id) asked instead of firing when the rule matches only a general
   * question, someone else's history (askIfSomeoneElse) or beside an askIfAlso phrase. Without one, the rule always fires.
   */
  readonly check: string | undefined;
  /** Ask the check instead when only someone else's problem matched, with nothing recent ("my mate broke his leg"). */
  readonly askIfSomeoneElse: boolean;
  /** Phrases (usually concepts) that, in the same clause as the match, make the bot ask instead: sore pecs after bench press. */
  readonly askIfAlso: readonly Phrase[];
  /**
   * Phrases (usually concepts) that, anywhere in the message and not negated, make the bot ask instead:
   * signs that a named problem is over or someone else's ("my late father", "in remission", "back playing").
   * Unlike a date, these often sit a sentence away from the problem, so the whole message counts.
   */
  readonly askIfMessageSays: readonly Phrase[];
  /**
   * An emergency check (by concept id) asked whenever this red flag fires, unless the conversation
   * asked it already: a fall may have knocked someone out, a clot may have reached the lungs, in
   * words the rules do not know. A yes gives the emergency reply; a no, this red flag's reply.
   */
  readonly escalate: string | undefined;
}

/** A yes/no question asked when a message touches a risk concept without enough to fire a rule; `level` is what a "yes" leads to. */
export interface SafetyCheck extends SafetyMatcher {
  /** The concept it asks about; also the check's id in traces and state. */
  readonly concept: string;
  /**
   * Evaluation categories ("trauma", "fracture") whose labelled messages teach this check's learned
   * model (safety-model.yaml) to ask it; empty: no learned model for this check.
   */
  readonly learnFrom: readonly string[];
  /** The question, per language; English is always there. */
  readonly question: Readonly<Partial<Record<SafetyLanguage, string>>> & { readonly en: string };
}

/** Replies in one language, still holding {{clinic.*}} placeholders. */
export interface SafetyMessages {
  readonly emergency: string;
  readonly crisis: string;
  readonly redFlag: string;
  /** A message in a language the bot does not answer in: it answers in English, the phone, and the emergency number. */
  readonly otherLanguage: string;
  /** Said again above a check question when the answer was not a yes or no. */
  readonly checkReprompt: string;
  /** Put before a number on the call buttons under safety replies: "Call" makes "Call 911". */
  readonly callLabel: string;
  /** Yes/No button labels and free-text answers for check questions (English ones come from screening.yaml). */
  readonly answers?: { readonly yesLabel: string; readonly noLabel: string; readonly yes: readonly string[]; readonly no: readonly string[] };
}

/** safety.yaml, validated and with every pattern parsed. */
export interface SafetyRules {
  readonly messages: Readonly<Partial<Record<SafetyLanguage, SafetyMessages>>> & { readonly en: SafetyMessages };
  readonly concepts: readonly SafetyConcept[];
  readonly rules: readonly SafetyRule[];
  readonly checks: readonly SafetyCheck[];
}
