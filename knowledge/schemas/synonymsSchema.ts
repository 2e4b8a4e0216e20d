import { z } from 'zod';
import { nonEmptyText } from './commonFields';

/** A single lower-case word, as messages are compared after normalizing. */
const SINGLE_WORD = /^[\p{Ll}\p{N}]+$/u;

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
  /** One word each side ("theraphy: therapy"): phrases belong in synonyms. */
  misspellings: z
    .record(
      z.string().regex(SINGLE_WORD, 'each misspelling must be one lower-case word (put phrases under synonyms)'),
      z.string().regex(SINGLE_WORD, 'must be the one lower-case word it should read as (put phrases under synonyms)'),
    )
    .default({}),
});

export type SynonymGroup = z.infer<typeof synonymGroupSchema>;
export type SynonymsFile = z.infer<typeof synonymsFileSchema>;
