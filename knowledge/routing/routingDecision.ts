import type { MatchCandidate } from '../matching/faqMatcher';
import type { TopicGuess } from '../matching/topicModel';
import type { SmallTalkId } from '../schemas/conversationSchema';
import type { SafetyCheckFinding, SafetyFinding } from '../safety/safetyDetector';
import type { SafetyLanguage, SafetyReply } from '../safety/safetyRules';

export const ROUTES = ['answer', 'suggest', 'fallback', 'red-flag', 'emergency', 'safety-check', 'smalltalk', 'other-language'] as const;
export type Route = (typeof ROUTES)[number];

/** The second question of a message that asks two: answered too, or offered as a button. */
export interface SecondQuestion {
  readonly route: 'answer' | 'suggest';
  readonly id: string;
}

/*
 * `confidence` (0..1) is set when the FAQ ranking's calibrated decision chose the route (see
 * answerConfidence.ts), and absent when a curated phrasing, a cue or small talk did. `topic` is then
 * the learned topic model's guess (faq-model.yaml), which may have changed the route (topicDecision.ts).
 */

/**
 * Set on a content decision when the message used a word safety.yaml knows without firing a rule or
 * asking a check ("no chest pain, how long is a session?"): the gaps log never keeps such a message.
 */
interface SafetyContact {
  readonly touchesSafety?: true;
}

/** What the bot would say if safety were not a concern: kept while a check question waits for its answer. */
export type ContentDecision = (
  | { readonly route: 'smalltalk'; readonly id: SmallTalkId; readonly score: 1; readonly candidates: readonly MatchCandidate[] }
  | { readonly route: 'answer'; readonly id: string; readonly score: number; readonly candidates: readonly MatchCandidate[]; readonly confidence?: number; readonly topic?: TopicGuess; readonly also?: SecondQuestion }
  | { readonly route: 'suggest'; readonly id: string; readonly score: number; readonly candidates: readonly MatchCandidate[]; readonly confidence?: number; readonly topic?: TopicGuess }
  | { readonly route: 'fallback'; readonly id: null; readonly score: number; readonly candidates: readonly MatchCandidate[]; readonly confidence?: number; readonly topic?: TopicGuess }
  | { readonly route: 'other-language'; readonly id: 'es' | 'other'; readonly score: 1; readonly candidates: readonly MatchCandidate[] }
) &
  SafetyContact;

/** What the router decided for one message, and why. Holds ids and scores only, never the message text. */
export type RoutingDecision =
  | {
      readonly route: 'emergency' | 'red-flag';
      readonly id: string;
      readonly score: 1;
      readonly candidates: readonly MatchCandidate[];
      readonly findings: readonly SafetyFinding[];
      readonly reply: SafetyReply;
      readonly language: SafetyLanguage;
      /**
       * For a red flag that may be an emergency ("my calf is swollen… and I get winded on the stairs"):
       * an emergency check question to ask first. Yes gives the emergency reply, anything else the red-flag one.
       */
      readonly escalation?: SafetyCheckFinding;
    }
  | {
      readonly route: 'safety-check';
      /** The concept the check question asks about. */
      readonly id: string;
      readonly score: 1;
      readonly candidates: readonly MatchCandidate[];
      readonly check: SafetyCheckFinding;
      readonly language: SafetyLanguage;
      /** The answer to give if the check is answered no. */
      readonly pending: ContentDecision;
    }
  | ContentDecision;

/** True for what the bot would say if safety were not a concern: neither a safety reply nor a check question. */
export function isContentDecision(decision: RoutingDecision): decision is ContentDecision {
  return decision.route !== 'emergency' && decision.route !== 'red-flag' && decision.route !== 'safety-check';
}

/**
 * A content decision reduced to ids, as conversation state keeps it while a check question waits:
 * never the message text, only what was decided.
 */
export interface StoredContentDecision {
  readonly route: ContentDecision['route'];
  readonly id: string | null;
  readonly candidateIds: readonly string[];
  readonly also?: SecondQuestion;
}

export function storeContentDecision(decision: ContentDecision): StoredContentDecision {
  const stored = { route: decision.route, id: decision.id, candidateIds: decision.candidates.map((candidate) => candidate.id) };
  return decision.route === 'answer' && decision.also !== undefined ? { ...stored, also: decision.also } : stored;
}

/** Rebuilds a content decision from state; anything that no longer makes sense becomes the fallback. */
export function restoreContentDecision(stored: StoredContentDecision, isSmallTalk: (id: string) => id is SmallTalkId): ContentDecision {
  const candidates = stored.candidateIds.map((id) => ({ id, score: 0 }));
  const { route, id } = stored;
  const { also } = stored;
  if (route === 'answer' && id !== null) return also === undefined ? { route, id, score: 1, candidates } : { route, id, score: 1, candidates, also };
  if (route === 'suggest' && id !== null) return { route, id, score: 1, candidates };
  if (route === 'smalltalk' && id !== null && isSmallTalk(id)) return { route, id, score: 1, candidates };
  if (route === 'other-language' && (id === 'es' || id === 'other')) return { route, id, score: 1, candidates };
  return { route: 'fallback', id: null, score: 0, candidates };
}

/** The value of the FaqRouting trace activity the Emulator shows. */
export interface RoutingTraceValue {
  readonly route: Route;
  readonly id: string | null;
  readonly score: number;
  readonly candidates: readonly MatchCandidate[];
  /** The second question of a two-question message, when it was answered or offered. */
  readonly also?: SecondQuestion;
  /** The calibrated confidence in the best entry, when the ranking decided. */
  readonly confidence?: number;
  /** The learned topic model's guess, when the ranking decided. */
  readonly topic?: TopicGuess;
}

export function toTraceValue(decision: RoutingDecision): RoutingTraceValue {
  const value = {
    route: decision.route,
    id: decision.id,
    score: decision.score,
    candidates: decision.candidates.map(({ id, score }) => ({ id, score })),
  };
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  const confidence = 'confidence' in decision && decision.confidence !== undefined ? { confidence: round(decision.confidence) } : {};
  const topic = 'topic' in decision && decision.topic !== undefined ? { topic: { id: decision.topic.id, probability: round(decision.topic.probability) } } : {};
  return decision.route === 'answer' && decision.also !== undefined ? { ...value, ...confidence, ...topic, also: decision.also } : { ...value, ...confidence, ...topic };
}
