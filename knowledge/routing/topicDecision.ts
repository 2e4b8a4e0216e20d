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
 * Otherwise the ranking decides alone. The model never answers an entry the ranking did not offer, and
 * never overrides the ranking's "I don't know": whether a question is about the clinic's topics at all
 * is the ranking's call ("is it safe to fly after cataract surgery?" shares the risks entry's words).
 */
export function withTopicGuess(decision: RankingDecision, guess: TopicGuess | undefined, levels: TopicLevels, offered: number): RankingDecision {
  if (guess === undefined || decision.route === 'fallback') return guess === undefined ? decision : { ...decision, topic: guess };
  const withGuess = { ...decision, topic: guess };
  if (guess.id === OUT_OF_SCOPE_TOPIC) {
    if (decision.route === 'answer' && guess.probability >= levels.noneAt) return { route: 'suggest', id: decision.id, score: decision.score, candidates: decision.candidates, topic: guess, ...(decision.confidence === undefined ? {} : { confidence: decision.confidence }) };
    return withGuess;
  }
  const candidates = decision.candidates.slice(0, offered);
  const candidate: MatchCandidate | undefined = candidates.find((other) => other.id === guess.id);
  const needed = candidate === candidates[0] ? levels.answerAt : levels.switchAt;
  if (candidate === undefined || guess.probability < needed) return withGuess;
  return { route: 'answer', id: candidate.id, score: candidate.score, candidates: decision.candidates, topic: guess, ...(decision.confidence === undefined ? {} : { confidence: decision.confidence }) };
}
