import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageRouter } from '../routing/messageRouter';
import type { LearnedCheckModel, SafetyModel } from '../schemas/safetyModelSchema';
import { faqEvaluationFiles } from './evaluationCoverage';
import type { FittedLearnedCheck, LearnedExample } from './fitLearnedCheck';
import type { TopicExample } from './fitTopicModel';
import type { FileItem } from './labelledSet';

/** The sets the learned check is fitted on: the safety and FAQ tuning sets and the dev set, never a sealed set. */
export function learnedCheckFiles(evaluationDir: string): string[] {
  const safetySets = join(evaluationDir, 'safety-sets');
  return [...topicModelFiles(evaluationDir), ...readdirSync(safetySets).filter((name) => name.endsWith('.yaml')).sort().map((name) => join(safetySets, name))];
}

/** Each message as the fit sees it: its words as the router reads them, its file, and no label yet. */
export function learnedMessages(router: MessageRouter, items: readonly FileItem[]): Omit<LearnedExample, 'positive'>[] {
  return items.map((item) => ({ features: router.learnedFeatures(item.text), group: item.file }));
}

/** The same messages labelled for one check: positive when the item's category is one the check learns from. */
export function learnedExamples(messages: readonly Omit<LearnedExample, 'positive'>[], items: readonly FileItem[], learnFrom: readonly string[]): LearnedExample[] {
  return messages.map((message, index) => ({ ...message, positive: learnFrom.includes(items[index]?.category ?? '') }));
}

/** Labels of safety items: the topic model learns from FAQ and out-of-scope questions only. */
const SAFETY_LABELS: ReadonlySet<string> = new Set(['emergency', 'red-flag', 'look-alike']);

/** The FAQ sets the topic model is fitted on: the dev set, check sets and FAQ tuning sets, never a sealed set. */
export function topicModelFiles(evaluationDir: string): string[] {
  return faqEvaluationFiles(evaluationDir, ['check-sets', 'faq-sets']);
}

/** Each FAQ or out-of-scope question as the topic model's fit sees it: its words, its entry (or none), its file. */
export function topicExamples(router: MessageRouter, items: readonly FileItem[]): TopicExample[] {
  return items.filter((item) => !SAFETY_LABELS.has(item.expect)).map((item) => ({ features: router.topicFeatures(item.text), topic: item.expect, group: item.file }));
}

/** A model as safety-model.yaml keeps it: weights to three decimals, in name order. */
export function roundedModel(fitted: FittedLearnedCheck): Pick<LearnedCheckModel, 'bias' | 'weights'> {
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  const weights: Record<string, number> = {};
  for (const [feature, weight] of fitted.weights) if (round(weight) !== 0) weights[feature] = round(weight);
  return { bias: round(fitted.bias), weights };
}

/** No learned checks: the rules alone, for measuring what the learned checks add. */
export const RULES_ONLY_MODEL: SafetyModel = { checks: [] };
