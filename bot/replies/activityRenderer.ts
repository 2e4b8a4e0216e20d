import { ActionTypes, MessageFactory, type Activity, type CardAction, type TurnContext } from 'botbuilder';
import type { PlannedReply, ReplyButton } from '../../knowledge/replies/plannedReply';
import { isTeams } from '../teams/conversationScope';
import { adaptiveCardButtons } from './adaptiveCardButtons';

/**
 * Teams gets buttons on a card in every scope: it hides suggested actions in channels and
 * group chats, and shows at most six elsewhere (the topic list has ten).
 */
export function prefersCardButtons(context: TurnContext): boolean {
  return isTeams(context.activity);
}

function toAction(button: ReplyButton): CardAction {
  return { type: ActionTypes.ImBack, title: button.title, value: button.value };
}

/**
 * Turns a planned reply into a Bot Framework message. Buttons become suggested actions where
 * the channel shows them (Emulator, Web Chat) and Adaptive Card buttons in Teams; either way,
 * pressing one sends its text back exactly as if the patient had typed it.
 */
export function renderReply(context: TurnContext, reply: PlannedReply): Partial<Activity> {
  let message: Partial<Activity>;
  if (reply.buttons.length === 0) message = MessageFactory.text(reply.text);
  else if (prefersCardButtons(context)) message = MessageFactory.attachment(adaptiveCardButtons(reply.buttons), reply.text);
  else message = MessageFactory.suggestedActions(reply.buttons.map(toAction), reply.text);
  message.textFormat = 'markdown';
  return message;
}
