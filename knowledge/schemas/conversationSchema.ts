import { z } from 'zod';
import { kebabId, nonEmptyText } from './commonFields';

/** The intents that change what the bot does, not only what it says. */
export const SMALL_TALK_INTENTS = ['greeting', 'thanks', 'goodbye', 'help', 'restart', 'not-helpful'] as const;
export type SmallTalkIntentId = (typeof SMALL_TALK_INTENTS)[number];
/** Small talk plus the "None of these" button under "did you mean" choices. */
export type SmallTalkId = SmallTalkIntentId | 'none-of-these';

export function isSmallTalkId(id: string): id is SmallTalkId {
  return id === 'none-of-these' || (SMALL_TALK_INTENTS as readonly string[]).includes(id);
}

const smallTalkIntentSchema = z.strictObject({
  id: z.enum(SMALL_TALK_INTENTS, { error: `must be one of: ${SMALL_TALK_INTENTS.join(', ')}` }),
  phrases: z.array(nonEmptyText).min(1, 'must list at least one phrase'),
  reply: nonEmptyText,
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
  error: nonEmptyText,
  /** FAQ ids listed, in this order, when the bot says what it can help with. */
  topics: z.array(kebabId).min(1, 'must list at least one FAQ id'),
  smallTalk: z.array(smallTalkIntentSchema).min(1),
});

export type Conversation = z.infer<typeof conversationSchema>;
export type SmallTalkIntent = z.infer<typeof smallTalkIntentSchema>;
