import type { PlannedReply } from '../../knowledge/replies/plannedReply';

/**
 * What the bot posts once when it is added to a team or group chat: the clinic's welcome (with
 * its disclaimer) and conversation.yaml's teamIntroduction (how to address the bot there, and a
 * nudge to keep personal health details to a 1:1 chat). No topic buttons: it should stay short
 * in a busy channel.
 */
export function teamIntroduction(welcome: PlannedReply, introduction: PlannedReply): PlannedReply {
  const gap = { kind: 'text', text: '\n\n' } as const;
  return { text: `${welcome.text}\n\n${introduction.text}`, parts: [...welcome.parts, gap, ...introduction.parts], buttons: [], calls: [] };
}
