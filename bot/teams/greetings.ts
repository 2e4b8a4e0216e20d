import type { Activity } from 'botbuilder';
import { isSharedTeamsConversation, teamsScope } from '../../dialogs/conversationScope';

/** How the bot greets a conversationUpdate that adds members. */
export type Greeting = 'welcome' | 'introduction' | 'none';

/**
 * - Teams channel or group chat: one short introduction when the bot itself is added (Teams
 *   sends membersAdded with the bot, eventType teamMemberAdded); nothing when people join later,
 *   so a team of fifty does not get fifty greetings.
 * - Teams 1:1 chat: the welcome, once, when the chat starts (Teams adds the bot and the person
 *   in one update).
 * - Elsewhere (Emulator, Web Chat): the welcome when someone other than the bot joins.
 */
export function greetingFor(activity: Partial<Activity>): Greeting {
  const added = activity.membersAdded ?? [];
  if (added.length === 0) return 'none';
  const botId = activity.recipient?.id;
  const botAdded = added.some((member) => member.id === botId);
  const othersAdded = added.some((member) => member.id !== botId);
  if (isSharedTeamsConversation(activity)) return botAdded ? 'introduction' : 'none';
  if (teamsScope(activity) === 'personal') return 'welcome';
  return othersAdded ? 'welcome' : 'none';
}
