import type { Activity } from 'botbuilder';
import { mentionsBot, textWithoutBotMention } from './botMentions';
import { submittedText } from './cardSubmissions';
import { answerFeedbackClick } from '../../dialogs/answerFeedback';
import { isSharedTeamsConversation } from '../../dialogs/conversationScope';

/**
 * Whether the bot should answer this message at all. In a 1:1 chat (and every non-Teams
 * channel) it answers everything. In a Teams channel or group chat it answers only when it is
 * @mentioned, or when someone presses a button on one of its cards (a submission carries a
 * value, and often no mention), "Did this help?" included.
 *
 * An emergency typed in a channel WITHOUT mentioning the bot is deliberately ignored, like any
 * other un-addressed message: the bot was not spoken to, and Teams does not even deliver such
 * messages to bots unless the app is granted resource-specific consent (RSC) to read all
 * channel messages, which this app does not ask for. Reading and answering bystanders' health
 * messages would need that consent and a different design; with a mention, safety still comes
 * first (the router checks every addressed message for emergencies before anything else).
 */
export function isAddressedToBot(activity: Partial<Activity>): boolean {
  if (!isSharedTeamsConversation(activity)) return true;
  return mentionsBot(activity) || submittedText(activity) !== undefined || answerFeedbackClick(activity) !== undefined;
}

/**
 * The text to route, exactly as if the person had typed it: the message without the bot's
 * @mention, or, for a card submission without text, the text of the button that was pressed.
 */
export function routableText(activity: Partial<Activity>): string {
  return textWithoutBotMention(activity) || (submittedText(activity) ?? '');
}

/**
 * Gets an incoming message ready before anything reads it, so the router, the dialogs (and
 * their prompts, which read activity.text) and the safety check all see the same cleaned text.
 * Returns false when the bot should stay silent.
 */
export function prepareIncomingMessage(activity: Activity): boolean {
  if (!isAddressedToBot(activity)) return false;
  activity.text = routableText(activity);
  return true;
}
