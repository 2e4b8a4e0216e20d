import { z } from 'zod';
import { kebabId, modelWeight as weight, unitScore as share } from './commonFields';

const count = z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must not be negative');

/**
 * knowledge/safety-model.yaml: a learned second opinion on one check concept (self-harm). Written by
 * `npm run kb:calibrate-safety`, which fits it on the labelled evaluation sets and states its error rates.
 */
export const safetyModelSchema = z.strictObject({
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

export type SafetyModel = z.infer<typeof safetyModelSchema>;
