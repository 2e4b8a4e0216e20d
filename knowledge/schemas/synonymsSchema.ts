import { z } from 'zod';
import { nonEmptyText } from './commonFields';

/**
 * knowledge/synonyms.yaml: words patients use, mapped to the words the FAQ uses.
 * "physio" becomes "physical therapist" before matching.
 */
export const synonymGroupSchema = z.strictObject({
  canonical: nonEmptyText,
  variants: z.array(nonEmptyText).min(1, 'must list at least one variant'),
});

export const synonymsFileSchema = z.strictObject({
  synonyms: z.array(synonymGroupSchema).default([]),
  misspellings: z.record(z.string(), nonEmptyText).default({}),
});

export type SynonymGroup = z.infer<typeof synonymGroupSchema>;
export type SynonymsFile = z.infer<typeof synonymsFileSchema>;
