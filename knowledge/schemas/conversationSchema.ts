import { z } from 'zod';
import { kebabId, nonEmptyText } from './commonFields';
import { MAX_FALLBACK_TOPICS, SMALL_TALK_INTENTS } from './smallTalkIds';

export { BUTTON_INTENTS, FORGET_ME_ID, isSmallTalkId, MAX_FALLBACK_TOPICS, SMALL_TALK_INTENTS, type ButtonIntentId, type SmallTalkId, type SmallTalkIntentId } from './smallTalkIds';

const smallTalkIntentSchema = z.strictObject({
  id: z.enum(SMALL_TALK_INTENTS, { error: `must be one of: ${SMALL_TALK_INTENTS.join(', ')}` }),
  phrases: z.array(nonEmptyText).min(1, 'must list at least one phrase'),
  reply: nonEmptyText,
  /**
   * forget-me only, and required there: added to its reply when a safety hold was kept, saying
   * booking stays paused for safety (see checkForgetMe).
   */
  whileOnHold: nonEmptyText.optional(),
});

/**
 * "Did this help?" under FAQ answers: the question, its two buttons, and what the bot says to each.
 * notHelpful hands the patient to a person, so it gives {{clinic.phone}} (see checkFeedbackTexts).
 */
const feedbackSchema = z.strictObject({
  /** false: answers are sent without the question and nothing is counted. */
  enabled: z.boolean({ error: 'must be true or false' }),
  question: nonEmptyText,
  helpfulLabel: nonEmptyText,
  notHelpfulLabel: nonEmptyText,
  thanks: nonEmptyText,
  notHelpful: nonEmptyText,
});

/** knowledge/conversation.yaml: everything the bot says that is not an FAQ answer or a safety message. */
export const conversationSchema = z.strictObject({
  welcome: nonEmptyText,
  /** Added to the welcome when the bot is added to a Teams team or group chat. */
  teamIntroduction: nonEmptyText,
  fallback: nonEmptyText,
  didYouMean: nonEmptyText,
  noneOfThese: z.strictObject({ label: nonEmptyText, reply: nonEmptyText }),
  findProviderLabel: nonEmptyText,
  /** Said instead of starting booking while an earlier warning sign holds it. */
  bookingOnHold: nonEmptyText,
  sourcesLabel: nonEmptyText,
  /** Said instead of a clinical answer whose review is missing or out of date, when clinic.yaml has requireReview: true. */
  reviewPending: nonEmptyText,
  /** The last line of each answer when clinic.yaml has showReviewed: true; {{review.by}} and {{review.on}} are filled in. */
  reviewedLine: nonEmptyText,
  error: nonEmptyText,
  /** FAQ ids listed, in this order, when the bot says what it can help with (and by "See all topics"). */
  topics: z.array(kebabId).min(1, 'must list at least one FAQ id'),
  /** The fallback's topic buttons when no FAQ entry came close, in this order. */
  fallbackTopics: z
    .array(kebabId)
    .min(1, 'must list at least one FAQ id')
    .max(MAX_FALLBACK_TOPICS, `must list at most ${MAX_FALLBACK_TOPICS} FAQ ids: the fallback shows ${MAX_FALLBACK_TOPICS} topic buttons`),
  /** The last button under the fallback's topics, and what pressing it (or typing its label) says before the list of topics. */
  allTopics: z.strictObject({ label: nonEmptyText, reply: nonEmptyText }),
  smallTalk: z.array(smallTalkIntentSchema).min(1),
  feedback: feedbackSchema,
});

export type Conversation = z.infer<typeof conversationSchema>;
export type SmallTalkIntent = z.infer<typeof smallTalkIntentSchema>;
export type AnswerFeedbackTexts = z.infer<typeof feedbackSchema>;
