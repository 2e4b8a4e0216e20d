import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledItem } from './labelledSet';

/** An entry with fewer evaluation messages than this is not measured well enough to trust. */
export const MIN_EVALUATION_MESSAGES = 5;

/** The folders of labelled sets in the evaluation folder (tests/eval) that measure the FAQ (safety sets measure safety). */
export const FAQ_SET_FOLDERS = ['check-sets', 'faq-sets', 'faq-sealed'] as const;

/** The evaluation folder's dev-set.yaml and every YAML file in `folders` that exists in it. */
export function faqEvaluationFiles(evaluationDir: string, folders: readonly string[] = FAQ_SET_FOLDERS): string[] {
  const devSet = join(evaluationDir, 'dev-set.yaml');
  const inFolder = (folder: string): string[] => {
    const path = join(evaluationDir, folder);
    return existsSync(path) ? readdirSync(path).filter((name) => name.endsWith('.yaml')).sort().map((name) => join(path, name)) : [];
  };
  return [...(existsSync(devSet) ? [devSet] : []), ...folders.flatMap(inFolder)];
}

/** How many evaluation messages ask about each entry (as the question, or as a second question). */
export function evaluationCounts(entryIds: readonly string[], items: readonly LabelledItem[]): Map<string, number> {
  const counts = new Map(entryIds.map((id) => [id, 0]));
  for (const item of items) {
    for (const id of [item.expect, item.also]) if (id !== undefined && counts.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Entries with fewer than `minimum` evaluation messages, fewest first. */
export function underMeasuredEntries(entryIds: readonly string[], items: readonly LabelledItem[], minimum = MIN_EVALUATION_MESSAGES): { id: string; count: number }[] {
  return [...evaluationCounts(entryIds, items)]
    .filter(([, count]) => count < minimum)
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => a.count - b.count || a.id.localeCompare(b.id));
}
