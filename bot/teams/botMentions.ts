import { TurnContext, type Activity, type Mention } from 'botbuilder';

function mentionsOfBot(activity: Partial<Activity>): Mention[] {
  const botId = activity.recipient?.id;
  if (botId === undefined) return [];
  return TurnContext.getMentions(activity).filter((mention) => mention.mentioned?.id === botId);
}

/** True when the message @mentions the bot itself (someone else's mention does not count). */
export function mentionsBot(activity: Partial<Activity>): boolean {
  return mentionsOfBot(activity).length > 0;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Any remaining `<at>Name</at>` (someone else's mention) becomes plain "Name". No '<' is
 * allowed inside the tag or name, which keeps matching linear on long or hostile text.
 */
const OTHER_MENTION = /<at(?:\s[^<>]*)?>([^<]*)<\/at>/gi;

/**
 * The message text without the bot's own @mention, as people meant it: Teams sends
 * "<at>ART Helper</at> is ART painful". Other people's names stay in the text, unwrapped
 * ("can <at>Sam</at> get ART" → "can Sam get ART"), so nothing they wrote is lost.
 */
export function textWithoutBotMention(activity: Partial<Activity>): string {
  if (typeof activity.text !== 'string') return '';
  const mentions = mentionsOfBot(activity);
  // The SDK removes the first mention of the bot, when its entity carries text (on a copy: this reads, never writes)…
  let text = mentions[0]?.text ? TurnContext.removeRecipientMention({ ...activity }) : activity.text;
  // …so sweep up repeats, and entities without text (seen in group chats), by the bot's name.
  for (const mention of mentions) {
    const written = mention.text ? escapeRegExp(mention.text) : `<at>${escapeRegExp(mention.mentioned.name ?? '')}</at>`;
    text = text.replace(new RegExp(written, 'gi'), ' ');
  }
  return text
    .replace(OTHER_MENTION, '$1')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?;:])/g, '$1')
    .trim();
}
