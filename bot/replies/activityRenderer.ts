import { ActionTypes, CardFactory, MessageFactory, type Activity, type CardAction, type TurnContext } from 'botbuilder';
import type { PlannedReply, ReplyButton } from '../../knowledge/replies/plannedReply';

/** Teams hides suggested actions in channels and group chats, so there buttons go on a card. */
export function prefersCardButtons(context: TurnContext): boolean {
  return context.activity.channelId === 'msteams';
}

function toAction(button: ReplyButton): CardAction {
  return { type: ActionTypes.ImBack, title: button.title, value: button.value };
}

/**
 * Turns a planned reply into a Bot Framework message. Buttons become suggested actions where
 * the channel shows them (Emulator, Web Chat) and hero-card buttons in Teams; either way,
 * pressing one sends its text back exactly as if the patient had typed it.
 */
export function renderReply(context: TurnContext, reply: PlannedReply): Partial<Activity> {
  const actions = reply.buttons.map(toAction);
  if (actions.length === 0) {
    const message = MessageFactory.text(reply.text);
    message.textFormat = 'markdown';
    return message;
  }
  if (prefersCardButtons(context)) {
    const message = MessageFactory.attachment(CardFactory.heroCard('', undefined, actions), reply.text);
    message.textFormat = 'markdown';
    return message;
  }
  const message = MessageFactory.suggestedActions(actions, reply.text);
  message.textFormat = 'markdown';
  return message;
}
