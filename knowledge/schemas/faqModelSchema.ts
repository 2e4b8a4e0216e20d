import { z } from 'zod';
import { modelWeight as weight, unitScore } from './commonFields';

/** A probability the model must reach: above 0, which would act on every question. */
const level = unitScore.refine((value) => value > 0, 'must be above 0');

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
  answerAt: level,
  /** …and another entry among the "did you mean" choices when the model is at least this sure of it. */
  switchAt: level,
  /** When the model is at least this sure a question is out of scope, the ranking's answer becomes "did you mean". */
  noneAt: level,
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
