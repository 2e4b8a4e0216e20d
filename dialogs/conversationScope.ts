import { Channels, type Activity } from 'botbuilder';

/** Where a Teams conversation happens: a 1:1 chat with the bot, a group chat, or a team's channel. */
export type TeamsScope = 'personal' | 'groupChat' | 'channel';

export function isTeams(activity: Partial<Activity>): boolean {
  return activity.channelId === Channels.Msteams;
}

/** The Teams scope of an activity, or undefined outside Teams. */
export function teamsScope(activity: Partial<Activity>): TeamsScope | undefined {
  if (!isTeams(activity)) return undefined;
  const type = activity.conversation?.conversationType;
  if (type === 'personal' || type === 'groupChat' || type === 'channel') return type;
  // Older payloads carry only isGroup; a group without a type is treated like a group chat.
  return activity.conversation?.isGroup === true ? 'groupChat' : 'personal';
}

/** Channels and group chats: other people read along, and the bot speaks only when spoken to. */
export function isSharedTeamsConversation(activity: Partial<Activity>): boolean {
  const scope = teamsScope(activity);
  return scope === 'groupChat' || scope === 'channel';
}
