import { logistic } from '../text/learnedFeatures';
import { heldOutByFile } from './heldOutByFile';

/** One labelled message as the learned check's fit sees it. */
export interface LearnedExample {
  readonly features: readonly string[];
  /** About the concept (a self-harm message, for the self-harm check). */
  readonly positive: boolean;
  /** The file it came from: cross-validation holds out whole files, as a new writer's messages would be. */
  readonly group: string;
}

export interface LearnedFitOptions {
  /** Ridge penalty: keeps any one word from deciding alone. */
  readonly l2?: number;
  readonly epochs?: number;
  /** Positives are rare; each counts this many times, so the model does not learn to say "no" to all. */
  readonly positiveWeight?: number;
  /** Words seen in fewer messages than this are left out: one writer's quirk is not a pattern. */
  readonly minCount?: number;
  /** Weights smaller than this are dropped after the fit: they hardly move a score, and keep the file short. */
  readonly minWeight?: number;
}

export interface FittedLearnedCheck {
  readonly bias: number;
  readonly weights: ReadonlyMap<string, number>;
}

const DEFAULTS: Required<LearnedFitOptions> = { l2: 0.01, epochs: 6, positiveWeight: 4, minCount: 3, minWeight: 0.2 };

/** A fixed pseudo-random order (a linear congruential generator): the same examples always give the same model. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0;
  for (let index = result.length - 1; index > 0; index -= 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const other = state % (index + 1);
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

/**
 * Fits a logistic model over words by stochastic gradient descent with a decaying step, positives
 * weighted up, and a ridge penalty. Deterministic.
 */
export function fitLearnedCheck(examples: readonly LearnedExample[], options: LearnedFitOptions = {}): FittedLearnedCheck {
  const { l2, epochs, positiveWeight, minCount, minWeight } = { ...DEFAULTS, ...options };
  const seen = new Map<string, number>();
  for (const example of examples) for (const feature of example.features) seen.set(feature, (seen.get(feature) ?? 0) + 1);
  const rows = examples.map((example) => ({ features: example.features.filter((feature) => (seen.get(feature) ?? 0) >= minCount), positive: example.positive }));
  const weights = new Map<string, number>();
  let bias = -2;
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    const step = 0.1 / (1 + epoch);
    for (const row of shuffled(rows, epoch + 1)) {
      const p = logistic(row.features.reduce((sum, feature) => sum + (weights.get(feature) ?? 0), bias));
      const gradient = (p - (row.positive ? 1 : 0)) * (row.positive ? positiveWeight : 1);
      for (const feature of row.features) {
        const current = weights.get(feature) ?? 0;
        weights.set(feature, current - step * (gradient + l2 * current));
      }
      bias -= step * gradient;
    }
  }
  const kept = new Map([...weights].filter(([, value]) => Math.abs(value) >= minWeight).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { bias, weights: kept };
}

export function scoreWith(model: FittedLearnedCheck, features: readonly string[]): number {
  return logistic(features.reduce((sum, feature) => sum + (model.weights.get(feature) ?? 0), model.bias));
}

/**
 * Each example's score from a model fitted without its file: what the model would say of messages
 * from a writer it never saw. Files are dealt into `folds` groups in name order.
 */
export function crossValidatedScores(examples: readonly LearnedExample[], folds = 5, options: LearnedFitOptions = {}): number[] {
  return heldOutByFile(examples, folds, (training) => fitLearnedCheck(training, options), (model, example) => scoreWith(model, example.features));
}

/** One labelled message with its held-out score, and what the rules already do with it. */
export interface ScoredExample {
  readonly score: number;
  readonly positive: boolean;
  readonly kind: 'look-alike' | 'faq' | 'other';
  /** The rules already give it a safety reply or a check question: the model changes nothing for it. */
  readonly rulesAct: boolean;
}

export interface AskTargets {
  /** Look-alikes (harmless messages that sound alarming) the model may newly ask about. */
  readonly maxLookAlikesAsked: number;
  /** Ordinary FAQ and out-of-scope questions the model may newly ask about. */
  readonly maxFaqAsked: number;
}

export interface AskLevel {
  readonly askAt: number;
  /** Positives scored at least askAt (held out, the model alone). */
  readonly caught: number;
  readonly lookAlikesAsked: number;
  readonly faqAsked: number;
}

/** The lowest level (0.05 to 0.95) whose new questions to harmless messages stay within the targets. */
export function chooseAskLevel(rows: readonly ScoredExample[], targets: AskTargets): AskLevel {
  const share = (part: readonly ScoredExample[], whole: number): number => (whole === 0 ? 0 : part.length / whole);
  const lookAlikes = rows.filter((row) => row.kind === 'look-alike');
  const faq = rows.filter((row) => row.kind === 'faq');
  const positives = rows.filter((row) => row.positive);
  const at = (askAt: number): AskLevel => ({
    askAt,
    caught: share(positives.filter((row) => row.score >= askAt), positives.length),
    lookAlikesAsked: share(lookAlikes.filter((row) => !row.rulesAct && row.score >= askAt), lookAlikes.length),
    faqAsked: share(faq.filter((row) => !row.rulesAct && row.score >= askAt), faq.length),
  });
  for (let hundredths = 5; hundredths < 95; hundredths += 1) {
    const level = at(hundredths / 100);
    if (level.lookAlikesAsked <= targets.maxLookAlikesAsked && level.faqAsked <= targets.maxFaqAsked) return level;
  }
  return at(0.95);
}
