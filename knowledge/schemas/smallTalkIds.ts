/**
 * The small-talk intents and buttons conversation.yaml names, as plain values: the dialogs and replies
 * use them at every turn, without loading the schema that validates the file.
 */
/** The intents that change what the bot does, not only what it says. */
export const SMALL_TALK_INTENTS = ['greeting', 'thanks', 'goodbye', 'help', 'restart', 'not-helpful', 'about-bot', 'forget-me'] as const;
export type SmallTalkIntentId = (typeof SMALL_TALK_INTENTS)[number];
/** The buttons that send their label like a small-talk phrase: "None of these" and "See all topics". */
export const BUTTON_INTENTS = ['none-of-these', 'all-topics'] as const;
export type ButtonIntentId = (typeof BUTTON_INTENTS)[number];
/** Small talk plus the "None of these" button under "did you mean" choices and the fallback's "See all topics". */
export type SmallTalkId = SmallTalkIntentId | ButtonIntentId;

export function isSmallTalkId(id: string): id is SmallTalkId {
  return (BUTTON_INTENTS as readonly string[]).includes(id) || (SMALL_TALK_INTENTS as readonly string[]).includes(id);
}

/** The fallback shows at most this many topic buttons, then "See all topics". */
export const MAX_FALLBACK_TOPICS = 4;

/** The intent that deletes the conversation's stored state (the safety hold stays); its reply says so. */
export const FORGET_ME_ID = 'forget-me' satisfies SmallTalkIntentId;
