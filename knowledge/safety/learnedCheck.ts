import type { SafetyModel } from '../schemas/safetyModelSchema';
import { learnedFeatures, logistic } from '../text/learnedFeatures';

/**
 * A second opinion on one check concept, learned from labelled messages (safety-model.yaml): a
 * logistic model over the message's words. The rules name warning signs one phrase at a time; the
 * model weighs every word it saw in patients' messages ("goodbye", "enough", "stay asleep"), so it
 * can notice a way of saying it that no rule lists. It only ever asks the concept's check question,
 * never gives a safety reply by itself, so a patient who answers "no" loses nothing.
 */
export class LearnedCheck {
  readonly concept: string;
  private readonly askAt: number;
  private readonly bias: number;
  private readonly weights: ReadonlyMap<string, number>;

  constructor(model: SafetyModel) {
    this.concept = model.concept;
    this.askAt = model.askAt;
    this.bias = model.bias;
    this.weights = new Map(Object.entries(model.weights));
  }

  /** How likely the message is about the concept, from 0 to 1. */
  score(clauses: readonly (readonly string[])[]): number {
    return logistic(learnedFeatures(clauses).reduce((sum, feature) => sum + (this.weights.get(feature) ?? 0), this.bias));
  }

  asks(clauses: readonly (readonly string[])[]): boolean {
    return this.score(clauses) >= this.askAt;
  }
}
