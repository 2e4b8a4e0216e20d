import { TopicModel, type TopicGuess } from '../matching/topicModel';
import { withTopicGuess, type RankingDecision, type TopicLevels } from '../routing/topicDecision';
import type { FaqModel } from '../schemas/faqModelSchema';
import { shuffled } from './fitLearnedCheck';
import { heldOutByFile } from './heldOutByFile';

/** One labelled question as the topic model's fit sees it. */
export interface TopicExample {
  readonly features: readonly string[];
  /** An FAQ entry id, or none. */
  readonly topic: string;
  /** Its file: cross-validation holds out whole files, as a new writer's questions would be. */
  readonly group: string;
}

export interface TopicFitOptions {
  readonly l2?: number;
  readonly epochs?: number;
  /** Words seen in fewer questions than this are left out: one writer's quirk is not a pattern. */
  readonly minCount?: number;
  /** Weights smaller than this are dropped after the fit, to keep the file short. */
  readonly minWeight?: number;
}

const DEFAULTS: Required<TopicFitOptions> = { l2: 0.001, epochs: 5, minCount: 3, minWeight: 0.2 };

export type FittedTopics = FaqModel['topics'];

/** Levels at which the model changes nothing: the ranking decides alone. */
export const TOPICS_OFF: TopicLevels = { answerAt: 1, switchAt: 1, noneAt: 1 };

/** Softmax probabilities of every topic for a question. */
function probabilities(topics: readonly { bias: number; weights: Map<string, number> }[], features: readonly string[]): number[] {
  const scores = topics.map((topic) => features.reduce((sum, feature) => sum + (topic.weights.get(feature) ?? 0), topic.bias));
  const top = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}

/**
 * Fits a softmax model over words (one weight per topic and word) by stochastic gradient descent
 * with a decaying step and a ridge penalty. Deterministic: the same questions give the same model.
 */
export function fitTopicModel(examples: readonly TopicExample[], options: TopicFitOptions = {}): FittedTopics {
  const { l2, epochs, minCount, minWeight } = { ...DEFAULTS, ...options };
  const seen = new Map<string, number>();
  for (const example of examples) for (const feature of example.features) seen.set(feature, (seen.get(feature) ?? 0) + 1);
  const ids = [...new Set(examples.map((example) => example.topic))].sort();
  const topics = ids.map(() => ({ bias: 0, weights: new Map<string, number>() }));
  const rows = examples.map((example) => ({ features: example.features.filter((feature) => (seen.get(feature) ?? 0) >= minCount), index: ids.indexOf(example.topic) }));
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    const step = 0.2 / (1 + epoch);
    for (const row of shuffled(rows, epoch + 1)) {
      const p = probabilities(topics, row.features);
      topics.forEach((topic, index) => {
        const gradient = (p[index] ?? 0) - (index === row.index ? 1 : 0);
        // A topic the question is nowhere near gets no update: the same result, far less work.
        if (Math.abs(gradient) < 1e-4) return;
        for (const feature of row.features) {
          const current = topic.weights.get(feature) ?? 0;
          topic.weights.set(feature, current - step * (gradient + l2 * current));
        }
        topic.bias -= step * gradient;
      });
    }
  }
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  return Object.fromEntries(
    ids.map((id, index) => {
      const topic = topics[index] ?? { bias: 0, weights: new Map<string, number>() };
      const weights: Record<string, number> = {};
      for (const [feature, weight] of [...topic.weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (Math.abs(weight) >= minWeight) weights[feature] = round(weight);
      return [id, { bias: round(topic.bias), weights }];
    }),
  );
}

/** The fitted topics as the bot reads them: a topic model that changes nothing on its own (levels at 1). */
export function topicModelOf(topics: FittedTopics): TopicModel {
  return new TopicModel({ ...TOPICS_OFF, topics }, new Set(Object.keys(topics)));
}

/** Each question's best topic from a model fitted without its file. Files are dealt into `folds` groups in name order. */
export function crossValidatedGuesses(examples: readonly TopicExample[], folds = 5, options: TopicFitOptions = {}): (TopicGuess | undefined)[] {
  return heldOutByFile(examples, folds, (training) => topicModelOf(fitTopicModel(training, options)), (model, example) => model.best(example.features));
}

/** A question the ranking decided, its held-out guess, and the right topic (none when out of scope). */
export interface TopicRow {
  readonly decision: RankingDecision;
  readonly guess: TopicGuess | undefined;
  readonly expect: string;
}

export interface TopicRates {
  readonly answeredRight: number;
  readonly answeredOrOffered: number;
  readonly wrongAnswer: number;
  readonly outOfScopeAnswered: number;
}

export function topicRates(rows: readonly TopicRow[], levels: TopicLevels, offered: number): TopicRates {
  const decided = rows.map((row) => ({ row, decision: withTopicGuess(row.decision, row.guess, levels, offered) }));
  const inScope = decided.filter(({ row }) => row.expect !== 'none');
  const outOfScope = decided.filter(({ row }) => row.expect === 'none');
  const share = (count: number, whole: number): number => (whole === 0 ? 0 : count / whole);
  const answered = (decision: RankingDecision, id: string): boolean => decision.route === 'answer' && decision.id === id;
  return {
    answeredRight: share(inScope.filter(({ row, decision }) => answered(decision, row.expect)).length, inScope.length),
    answeredOrOffered: share(
      inScope.filter(({ row, decision }) => answered(decision, row.expect) || (decision.route === 'suggest' && decision.candidates.slice(0, offered).some((candidate) => candidate.id === row.expect))).length,
      inScope.length,
    ),
    wrongAnswer: share(inScope.filter(({ row, decision }) => decision.route === 'answer' && decision.id !== row.expect).length, inScope.length),
    outOfScopeAnswered: share(outOfScope.filter(({ decision }) => decision.route === 'answer').length, outOfScope.length),
  };
}

export interface TopicTargets {
  readonly maxWrongAnswer: number;
  readonly maxOutOfScopeAnswered: number;
}

/**
 * The levels (0.5 to 0.95 in steps of 0.05; switchAt, at least answerAt, and noneAt may also be off, 1) that answer the most questions
 * right while wrong answers and out-of-scope answers stay within the targets. When none do, the
 * model is switched off (both levels 1) and the ranking decides alone.
 */
export function chooseTopicLevels(rows: readonly TopicRow[], targets: TopicTargets, offered: number): TopicLevels & { readonly rates: TopicRates } {
  const grid = Array.from({ length: 10 }, (_, index) => 0.5 + index * 0.05).map((value) => Math.round(value * 100) / 100);
  let best: (TopicLevels & { readonly rates: TopicRates }) | undefined;
  const atLeast = (floor: number): number[] => [...grid, 1].filter((level) => level >= floor);
  for (const answerAt of grid) {
    for (const switchAt of atLeast(answerAt)) {
      for (const noneAt of [...grid, 1]) {
        const rates = topicRates(rows, { answerAt, switchAt, noneAt }, offered);
        if (rates.wrongAnswer > targets.maxWrongAnswer || rates.outOfScopeAnswered > targets.maxOutOfScopeAnswered) continue;
        if (best === undefined || rates.answeredRight > best.rates.answeredRight) best = { answerAt, switchAt, noneAt, rates };
      }
    }
  }
  return best ?? { ...TOPICS_OFF, rates: topicRates(rows, TOPICS_OFF, offered) };
}
