import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MessageRouter } from '../routing/messageRouter';
import type { SafetyModel } from '../schemas/safetyModelSchema';
import { faqEvaluationFiles } from './evaluationCoverage';
import type { FittedLearnedCheck, LearnedExample } from './fitLearnedCheck';
import { loadLabelledSet, type LabelledItem } from './labelledSet';

/** The sets the learned check is fitted on: the safety and FAQ tuning sets and the dev set, never a sealed set. */
export function learnedCheckFiles(evaluationDir: string): string[] {
  const safetySets = join(evaluationDir, 'safety-sets');
  return [...faqEvaluationFiles(evaluationDir, ['check-sets', 'faq-sets']), ...readdirSync(safetySets).filter((name) => name.endsWith('.yaml')).sort().map((name) => join(safetySets, name))];
}

export type FileItem = LabelledItem & { readonly file: string };

export function loadFileItems(files: readonly string[], faqIds: ReadonlySet<string>): FileItem[] {
  return files.flatMap((file) => loadLabelledSet(file, faqIds).map((item) => ({ ...item, file: basename(file) })));
}

/** Each message as the fit sees it: its words as the router reads them, whether it is labelled `concept`, and its file. */
export function learnedExamples(router: MessageRouter, items: readonly FileItem[], concept: string): LearnedExample[] {
  return items.map((item) => ({ features: router.learnedFeatures(item.text), positive: item.category === concept, group: item.file }));
}

/** A model as safety-model.yaml keeps it: weights to three decimals, in name order. */
export function roundedModel(fitted: FittedLearnedCheck): Pick<SafetyModel, 'bias' | 'weights'> {
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  const weights: Record<string, number> = {};
  for (const [feature, weight] of fitted.weights) if (round(weight) !== 0) weights[feature] = round(weight);
  return { bias: round(fitted.bias), weights };
}

/** A model that never asks: the rules alone, for measuring what the learned check adds. */
export function rulesOnlyModel(concept: string): SafetyModel {
  return { concept, askAt: 1, bias: -30, weights: {} };
}
