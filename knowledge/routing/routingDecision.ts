import type { MatchCandidate } from '../matching/faqMatcher';
import type { SmallTalkId } from '../schemas/conversationSchema';
import type { SafetyFinding } from '../safety/safetyDetector';

export const ROUTES = ['answer', 'suggest', 'fallback', 'red-flag', 'emergency', 'smalltalk'] as const;
export type Route = (typeof ROUTES)[number];

/** What the router decided for one message, and why. Holds ids and scores only, never the message text. */
export type RoutingDecision =
  | { readonly route: 'emergency' | 'red-flag'; readonly id: string; readonly score: 1; readonly candidates: readonly MatchCandidate[]; readonly findings: readonly SafetyFinding[] }
  | { readonly route: 'smalltalk'; readonly id: SmallTalkId; readonly score: 1; readonly candidates: readonly MatchCandidate[] }
  | { readonly route: 'answer' | 'suggest'; readonly id: string; readonly score: number; readonly candidates: readonly MatchCandidate[] }
  | { readonly route: 'fallback'; readonly id: null; readonly score: number; readonly candidates: readonly MatchCandidate[] };

/** The value of the FaqRouting trace activity the Emulator shows. */
export interface RoutingTraceValue {
  readonly route: Route;
  readonly id: string | null;
  readonly score: number;
  readonly candidates: readonly MatchCandidate[];
}

export function toTraceValue(decision: RoutingDecision): RoutingTraceValue {
  return {
    route: decision.route,
    id: decision.id,
    score: decision.score,
    candidates: decision.candidates.map(({ id, score }) => ({ id, score })),
  };
}
