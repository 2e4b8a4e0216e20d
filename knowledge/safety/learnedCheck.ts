import type { LearnedCheckModel, SafetyModel } from '../schemas/safetyModelSchema';
import { learnedFeatures, logistic } from '../text/learnedFeatures';
import type { SafetyCheck } from './safetyRules';

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

  constructor(model: LearnedCheckModel) {
    this.concept = model.concept;
    this.askAt = model.askAt;
    this.bias = model.bias;
    this.weights = new Map(Object.entries(model.weights));
  }

  /** How likely the message is about the concept, from 0 to 1. */
  score(clauses: readonly (readonly string[])[]): number {
    return this.scoreOf(learnedFeatures(clauses));
  }

  /** How far past its asking level the message is (0 at askAt, 1 at certainty); negative below it. */
  margin(features: readonly string[]): number {
    return (this.scoreOf(features) - this.askAt) / (1 - this.askAt);
  }

  asks(clauses: readonly (readonly string[])[]): boolean {
    return this.score(clauses) >= this.askAt;
  }

  private scoreOf(features: readonly string[]): number {
    return logistic(features.reduce((sum, feature) => sum + (this.weights.get(feature) ?? 0), this.bias));
  }
}

/**
 * Every learned check of safety-model.yaml, each beside its check question. A message gets at most one
 * learned question: one the patient can answer, not a row of them.
 */
export class LearnedChecks {
  private readonly checks: readonly { readonly model: LearnedCheck; readonly check: SafetyCheck }[];

  /** A model whose concept has no check question in `checks` is left out (the loader refuses one). */
  constructor(model: SafetyModel, checks: readonly SafetyCheck[]) {
    const byConcept = new Map(checks.map((check) => [check.concept, check]));
    this.checks = model.checks.flatMap((entry) => {
      const check = byConcept.get(entry.concept);
      return check === undefined ? [] : [{ model: new LearnedCheck(entry), check }];
    });
  }

  /**
   * The check to ask, of those whose model reaches its level and that `skip` does not exclude:
   * an emergency check before a red-flag one (under-triage is the worse mistake), then the model
   * furthest past its level.
   */
  bestFor(clauses: readonly (readonly string[])[], skip: (check: SafetyCheck) => boolean): SafetyCheck | undefined {
    const features = learnedFeatures(clauses);
    let best: { readonly check: SafetyCheck; readonly rank: number } | undefined;
    for (const { model, check } of this.checks) {
      if (skip(check)) continue;
      const margin = model.margin(features);
      if (margin < 0) continue;
      const rank = (check.level === 'emergency' ? 1 : 0) + margin;
      if (best === undefined || rank > best.rank) best = { check, rank };
    }
    return best?.check;
  }
}

/**
 * Where safety.yaml's checks and safety-model.yaml disagree: checks that name categories to learn
 * from but have no model yet (never fitted, or added since), and models for checks that no longer
 * learn (still used until the next fit).
 */
export function learnedCheckGaps(checks: readonly SafetyCheck[], model: SafetyModel): { readonly unfitted: string[]; readonly notLearning: string[] } {
  const modelled = new Set(model.checks.map((entry) => entry.concept));
  const learning = new Set(checks.filter((check) => check.learnFrom.length > 0).map((check) => check.concept));
  return {
    unfitted: [...learning].filter((concept) => !modelled.has(concept)),
    notLearning: [...modelled].filter((concept) => !learning.has(concept)),
  };
}
