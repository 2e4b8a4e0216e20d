import { DECISION_FEATURES, type DecisionFeature } from '../schemas/matchingSchema';
import type { DecisionFeatures } from '../matching/answerConfidence';

export interface LabelledFeatures {
  readonly features: DecisionFeatures;
  /** 1 when the best-ranked entry was the right one, else 0 (a wrong entry, or the message was out of scope). */
  readonly label: 0 | 1;
}

export interface LogisticModel {
  readonly bias: number;
  readonly weights: Readonly<Record<DecisionFeature, number>>;
}

export interface FitOptions {
  /** Ridge penalty on the standardised weights: keeps them modest when features move together. */
  readonly l2?: number;
  readonly iterations?: number;
  readonly learningRate?: number;
}

/**
 * Fits a logistic regression by full-batch gradient descent on standardised features, then folds the
 * standardisation back into plain weights. Deterministic: the same examples always give the same
 * model. Seven features and a few thousand examples need nothing more than this.
 */
export function fitLogistic(examples: readonly LabelledFeatures[], { l2 = 0.01, iterations = 3000, learningRate = 0.5 }: FitOptions = {}): LogisticModel {
  if (examples.length === 0) throw new Error('fitLogistic needs at least one example');
  const rows = examples.map((example) => DECISION_FEATURES.map((feature) => example.features[feature]));
  const count = rows.length;
  const mean = DECISION_FEATURES.map((_, column) => rows.reduce((sum, row) => sum + (row[column] ?? 0), 0) / count);
  const spread = DECISION_FEATURES.map((_, column) => {
    const variance = rows.reduce((sum, row) => sum + ((row[column] ?? 0) - (mean[column] ?? 0)) ** 2, 0) / count;
    return Math.sqrt(variance) || 1;
  });
  const standard = rows.map((row) => row.map((value, column) => (value - (mean[column] ?? 0)) / (spread[column] ?? 1)));
  let weights = DECISION_FEATURES.map(() => 0);
  let bias = 0;
  for (let step = 0; step < iterations; step += 1) {
    const gradient = DECISION_FEATURES.map(() => 0);
    let biasGradient = 0;
    standard.forEach((row, index) => {
      const z = row.reduce((sum, value, column) => sum + (weights[column] ?? 0) * value, bias);
      const error = 1 / (1 + Math.exp(-z)) - (examples[index]?.label ?? 0);
      row.forEach((value, column) => {
        gradient[column] = (gradient[column] ?? 0) + (error * value) / count;
      });
      biasGradient += error / count;
    });
    weights = weights.map((weight, column) => weight - learningRate * ((gradient[column] ?? 0) + l2 * weight));
    bias -= learningRate * biasGradient;
  }
  const plain = weights.map((weight, column) => weight / (spread[column] ?? 1));
  const plainBias = bias - weights.reduce((sum, weight, column) => sum + (weight * (mean[column] ?? 0)) / (spread[column] ?? 1), 0);
  return { bias: plainBias, weights: Object.fromEntries(DECISION_FEATURES.map((feature, column) => [feature, plain[column] ?? 0])) as Record<DecisionFeature, number> };
}

