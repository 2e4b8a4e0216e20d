import { z } from 'zod';

const weight = z.number({ error: 'must be a number (a weight; it may be negative)' }).finite();
const share = z.number({ error: 'must be a number from 0 to 1' }).min(0, 'must be at least 0').max(1, 'must be at most 1');

const topicSchema = z.strictObject({
  bias: weight,
  /** A weight per word stem ("durat") or pair of neighbouring stems ("how long"). */
  weights: z.record(z.string().trim().min(1, 'must not be empty'), weight),
});

/**
 * knowledge/faq-model.yaml: a learned second opinion on which FAQ entry a question is about (or none).
 * Written by `npm run kb:calibrate`, which fits it on the labelled evaluation sets and states its error rates.
 */
export const faqModelSchema = z.strictObject({
  /** The bot answers the ranking's best entry when the model is at least this sure of it… */
  answerAt: share.refine((value) => value > 0, 'must be above 0'),
  /** …and another entry among the "did you mean" choices when the model is at least this sure of it. */
  switchAt: share.refine((value) => value > 0, 'must be above 0'),
  /** When the model is at least this sure a question is out of scope, the ranking's answer becomes "did you mean". */
  noneAt: share.refine((value) => value > 0, 'must be above 0'),
  /** One per FAQ entry id, plus `none` (out of scope). */
  topics: z.record(z.string().trim().min(1, 'must not be empty'), topicSchema),
  fitted: z
    .strictObject({
      on: z.string().trim().min(1, 'must not be empty'),
      messages: z.number().int().min(0),
      files: z.number().int().min(0),
    })
    .optional(),
});

export type FaqModel = z.infer<typeof faqModelSchema>;

/** The topic id for an out-of-scope question. */
export const OUT_OF_SCOPE_TOPIC = 'none';
