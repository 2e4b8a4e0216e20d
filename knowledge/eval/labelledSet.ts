import { basename } from 'node:path';
import { z } from 'zod';
import { KnowledgeBaseError } from '../loading/knowledgeBaseError';
import { YamlFile } from '../loading/yamlFile';

/**
 * Labels that are not FAQ ids: out of scope, the two safety outcomes, and a harmless look-alike
 * (a message that sounds like a safety case but is not one: any reply but a safety one is right).
 */
export const SPECIAL_LABELS = ['none', 'red-flag', 'emergency', 'look-alike'] as const;

export const labelledItemSchema = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty'),
  expect: z.string().trim().min(1, 'must be an FAQ id, none, red-flag, emergency or look-alike'),
  /** Optional finer grouping for reports ("chest", "old-injury"); reports fall back to the label. */
  category: z.string().trim().min(1, 'must not be empty').optional(),
  /** For a message that asks two things: the FAQ id of the second question. */
  also: z.string().trim().min(1, 'must be an FAQ id').optional(),
});

export type LabelledItem = z.infer<typeof labelledItemSchema>;

/** Reads a labelled YAML list of { text, expect } and checks every label is known. */
export function loadLabelledSet(path: string, faqIds: ReadonlySet<string>): LabelledItem[] {
  const file = YamlFile.read(path, path);
  const items = file.validate(z.array(labelledItemSchema).min(1, 'must list at least one { text, expect } item'));
  const special: readonly string[] = SPECIAL_LABELS;
  const problems = items.flatMap((item, index) => [
    ...(faqIds.has(item.expect) || special.includes(item.expect)
      ? []
      : [{ ...file.problemAt([index, 'expect'], `"${item.expect}" is not an FAQ id, none, red-flag, emergency or look-alike`), entryId: `#${index + 1}` }]),
    ...(item.also === undefined || faqIds.has(item.also) ? [] : [{ ...file.problemAt([index, 'also'], `"${item.also}" is not an FAQ id`), entryId: `#${index + 1}` }]),
  ]);
  if (problems.length > 0) throw new KnowledgeBaseError(problems);
  return items;
}

/** A labelled item with the name of the file it came from (cross-validation holds out whole files). */
export type FileItem = LabelledItem & { readonly file: string };

export function loadFileItems(files: readonly string[], faqIds: ReadonlySet<string>): FileItem[] {
  return files.flatMap((file) => loadLabelledSet(file, faqIds).map((item) => ({ ...item, file: basename(file) })));
}
