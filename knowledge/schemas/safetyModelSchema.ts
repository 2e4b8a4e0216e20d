import { z } from 'zod';
import { kebabId, modelWeight as weight, unitScore as share } from './commonFields';

const count = z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must not be negative');

/** One learned check: a model that asks the check question of one concept in safety.yaml. */
const learnedCheckSchema = z.strictObject({
  /** The check concept (in safety.yaml) whose question the model asks. */
  concept: kebabId,
  /** The model asks that question when its score for a message is at least this. */
  askAt: share.refine((value) => value > 0, 'must be above 0 (0 would ask every message)'),
  bias: weight,
  /** A weight per word stem ("goodby") or pair of neighbouring stems ("not wake"). */
  weights: z.record(z.string().trim().min(1, 'must not be empty'), weight),
  /** What the fit measured, for people reading the file; the bot does not use it. */
  fitted: z
    .strictObject({
      on: z.string().trim().min(1, 'must not be empty'),
      messages: count,
      positives: count,
      files: count,
      crossValidated: z.strictObject({ caught: share, lookAlikesAsked: share, faqAsked: share }),
    })
    .optional(),
});

/**
 * knowledge/safety-model.yaml: learned second opinions, one per check concept whose check in safety.yaml
 * names categories to learnFrom. Written by `npm run kb:calibrate-safety`, which fits them on the
 * labelled evaluation sets and states their error rates.
 */
export const safetyModelSchema = z.strictObject({
  checks: z
    .array(learnedCheckSchema, { error: 'must be a list of learned checks' })
    .superRefine((checks, context) => {
      checks.forEach((check, index) => {
        if (checks.findIndex((other) => other.concept === check.concept) < index) {
          context.addIssue({ code: 'custom', path: [index, 'concept'], message: `"${check.concept}" has a model already; keep one per concept` });
        }
      });
    }),
});

export type LearnedCheckModel = z.infer<typeof learnedCheckSchema>;
export type SafetyModel = z.infer<typeof safetyModelSchema>;
