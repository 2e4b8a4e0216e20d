import { z } from 'zod';

const unitScore = z.number({ error: 'must be a number from 0 to 1' }).min(0, 'must be at least 0').max(1, 'must be at most 1');

/**
 * knowledge/matching.yaml: when the bot answers, asks "did you mean…", or admits it does not know.
 * Scores are 0..1, higher is better.
 */
export const matchingSchema = z
  .strictObject({
    answerThreshold: unitScore,
    suggestThreshold: unitScore,
    /** When the best two are closer than this, the bot asks instead of guessing. */
    ambiguityMargin: unitScore,
    maxSuggestions: z.number().int().min(1).max(5),
    /** A best match at least this good is also answered when it leads the runner-up by leadRatio. */
    leadAnswerThreshold: unitScore,
    leadRatio: z.number({ error: 'must be a number of at least 1' }).min(1, 'must be at least 1'),
    /** Below suggestThreshold: when the bot does not know, entries scoring at least this come first among the fallback's topics. */
    fallbackTopicThreshold: unitScore,
  })
  .refine((settings) => settings.suggestThreshold <= settings.answerThreshold, {
    error: 'suggestThreshold must not be above answerThreshold',
    path: ['suggestThreshold'],
  })
  .refine((settings) => settings.suggestThreshold <= settings.leadAnswerThreshold, {
    error: 'suggestThreshold must not be above leadAnswerThreshold',
    path: ['leadAnswerThreshold'],
  })
  .refine((settings) => settings.fallbackTopicThreshold <= settings.suggestThreshold, {
    error: 'fallbackTopicThreshold must not be above suggestThreshold: it picks among messages scoring below it',
    path: ['fallbackTopicThreshold'],
  });

export type MatchingSettings = z.infer<typeof matchingSchema>;
