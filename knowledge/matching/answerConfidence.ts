import { DECISION_FEATURES, type DecisionFeature } from '../schemas/decisionFeatures';
import type { DecisionModel } from '../schemas/matchingSchema';
import type { Ranking } from './faqMatcher';

/** The numbers the decision weighs for one ranking, by name. */
export type DecisionFeatures = Readonly<Record<DecisionFeature, number>>;

export function decisionFeatures({ candidates, evidence }: Ranking): DecisionFeatures {
  const best = candidates[0]?.score ?? 0;
  const runnerUp = candidates[1]?.score ?? 0;
  return {
    bestScore: best,
    runnerUpScore: runnerUp,
    margin: best - runnerUp,
    scope: evidence.scope,
    bestPhrase: evidence.bestPhrase,
    coverage: evidence.coverage,
    // Longer messages score lower overall, so length tempers the scores (log: 5 words vs 50, not 45 vs 50).
    length: Math.log(1 + evidence.words),
  };
}

/**
 * How likely it is, from 0 to 1, that the best-ranked entry is the one the patient meant: a logistic
 * model over the ranking's own features (best score, its lead, how much of the message is about the
 * clinic's topics, how much the entry covers), fitted on labelled messages by `npm run kb:calibrate`.
 * Unlike hand-set score thresholds, its levels come with error rates measured on those messages.
 */
export function answerConfidence(ranking: Ranking, model: DecisionModel): number {
  if (ranking.candidates.length === 0) return 0;
  return logisticConfidence(model, decisionFeatures(ranking));
}

/** The model's probability for a set of features: what answerConfidence and kb:calibrate both compute. */
export function logisticConfidence(model: Pick<DecisionModel, 'bias' | 'weights'>, features: DecisionFeatures): number {
  const z = DECISION_FEATURES.reduce((sum, feature) => sum + model.weights[feature] * features[feature], model.bias);
  return 1 / (1 + Math.exp(-z));
}
