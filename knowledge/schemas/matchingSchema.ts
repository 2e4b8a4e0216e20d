import { z } from 'zod';
import { modelWeight as weight, unitScore } from './commonFields';
import { DECISION_FEATURES, type DecisionFeature } from './decisionFeatures';

export { DECISION_FEATURES, type DecisionFeature } from './decisionFeatures';

/**
 * The answer decision: a logistic model of how likely the best-ranked entry is the right one, and
 * the two confidence levels at which the bot answers or offers "did you mean". Written by
 * `npm run kb:calibrate`, which states the error rates each level gives.
 */
export const decisionSchema = z
  .strictObject({
    answerAt: unitScore,
    suggestAt: unitScore,
    bias: weight,
    weights: z.strictObject(Object.fromEntries(DECISION_FEATURES.map((feature) => [feature, weight])) as Record<DecisionFeature, typeof weight>),
  })
  .refine((decision) => decision.suggestAt <= decision.answerAt, { error: 'suggestAt must not be above answerAt', path: ['suggestAt'] });

/** knowledge/matching.yaml: when the bot answers, asks "did you mean…", or admits it does not know. */
const cueList = z
  .array(z.array(z.string().trim().min(1, 'must not be empty'), { error: 'must be a [list] of word groups' }).min(1, 'must name at least one word group'), {
    error: 'must be a list of cues, each a [list] of word groups',
  })
  .default([]);

export const matchingSchema = z.strictObject({
  maxSuggestions: z.number().int().min(1).max(5),
  /** kb:check: a rival entry this close to a phrasing's own entry (0..1 score) is a near-collision. */
  collisionMargin: unitScore,
  /** kb:check: rivals scoring below this are too weak to count as a collision. */
  collisionFloor: unitScore,
  decision: decisionSchema,
  /** When the bot does not know, entries whose ranking score is at least this come first among the fallback's topics. */
  fallbackTopicThreshold: unitScore,
  /** Cues (word groups, as in faq.yaml) for the clinic's words used in another sense: never answered. */
  otherSenses: cueList,
  /** Cues for services the clinic does not offer ("acupuncture", "counselling"): never answered from the FAQ either. */
  otherServices: cueList,
});

export type MatchingSettings = z.infer<typeof matchingSchema>;
export type DecisionModel = z.infer<typeof decisionSchema>;
