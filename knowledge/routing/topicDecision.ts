import type { MatchCandidate } from '../matching/faqMatcher';
import type { TopicGuess } from '../matching/topicModel';
import { OUT_OF_SCOPE_TOPIC } from '../schemas/faqModelSchema';
import type { ContentDecision } from './routingDecision';

export type RankingDecision = Extract<ContentDecision, { route: 'answer' | 'suggest' | 'fallback' }>;

export interface TopicLevels {
  readonly answerAt: number;
  /** For an entry the ranking offers but did not put first: the model must be surer to answer it. */
  readonly switchAt: number;
  readonly noneAt: number;
}

/**
 * The ranking's decision with the learned topic model's opinion (faq-model.yaml):
 * - the model at least `answerAt` sure of the ranking's best entry: it is answered, even if the
 *   ranking alone only offered it ("did you mean"); at least `switchAt` sure of another of the first
 *   `offered` candidates: that one is answered instead;
 * - the model at least `noneAt` sure the question is out of scope: an answer becomes "did you mean".
 * - the ranking fell back and the model is at least `answerAt` sure of one of those candidates: it is
 *   offered first under "did you mean", never answered. Whether a question is about the clinic's
 *   topics at all stays the ranking's call ("is it safe to fly after cataract surgery?" shares the
 *   risks entry's words), so the patient chooses.
 * Otherwise the ranking decides alone. The model never answers or offers an entry the ranking did not find.
 */
export function withTopicGuess(decision: RankingDecision, guess: TopicGuess | undefined, levels: TopicLevels, offered: number): RankingDecision {
  if (guess === undefined) return decision;
  const withGuess = { ...decision, topic: guess };
  // What every changed decision keeps of the ranking's: its calibrated confidence, and the guess that changed it.
  const kept = { topic: guess, ...(decision.confidence === undefined ? {} : { confidence: decision.confidence }) };
  if (guess.id === OUT_OF_SCOPE_TOPIC) {
    if (decision.route === 'answer' && guess.probability >= levels.noneAt) return { route: 'suggest', id: decision.id, score: decision.score, candidates: decision.candidates, ...kept };
    return withGuess;
  }
  const candidates = decision.candidates.slice(0, offered);
  const candidate: MatchCandidate | undefined = candidates.find((other) => other.id === guess.id);
  if (decision.route === 'fallback') {
    if (candidate === undefined || guess.probability < levels.answerAt) return withGuess;
    // Offered first under "did you mean", never answered: the patient chooses.
    const reordered = [candidate, ...decision.candidates.filter((other) => other !== candidate)];
    return { route: 'suggest', id: candidate.id, score: candidate.score, candidates: reordered, ...kept };
  }
  const needed = candidate === candidates[0] ? levels.answerAt : levels.switchAt;
  if (candidate === undefined || guess.probability < needed) return withGuess;
  return { route: 'answer', id: candidate.id, score: candidate.score, candidates: decision.candidates, ...kept };
}
