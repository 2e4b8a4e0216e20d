import { ActionTypes, MessageFactory, type Activity, type CardAction, type TurnContext } from 'botbuilder';
import type { CallButton, FeedbackRequest, PlannedReply, ReplyButton, ReplyPart } from '../../knowledge/replies/plannedReply';
import { answerFeedbackValue } from '../answerFeedback';
import { isTeams } from '../conversationScope';
import { adaptiveCardButtons, telUrl } from './adaptiveCardButtons';

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

function toCallAction(call: CallButton): CardAction {
  return { type: ActionTypes.OpenUrl, title: call.title, value: telUrl(call.phone) };
}

/**
 * "Did this help?"'s buttons as messageBack: the value reports on the answer; the label is the
 * text, which Web Chat shows in the transcript as the patient's message (it hides a messageBack
 * without text), so screen readers and the patient scrolling back see what was pressed. The router
 * reads that text, safety first, like any message; it never counts as feedback or as an answer to
 * a question (see dialogs/answerFeedback.ts).
 */
function toFeedbackActions({ helpfulLabel, notHelpfulLabel, offer }: FeedbackRequest): CardAction[] {
  const action = (title: string, helpful: boolean): CardAction => ({ type: ActionTypes.MessageBack, title, text: title, displayText: title, value: answerFeedbackValue(offer, helpful) });
  return [action(helpfulLabel, true), action(notHelpfulLabel, false)];
}

function partMarkdown(part: ReplyPart): string {
  if (part.kind === 'text') return part.text;
  // The number stays the link's text, so it can be read (and dialled by hand) wherever tel: does nothing.
  return part.phone.dial === '' ? part.phone.number : `[${part.phone.number}](${telUrl(part.phone)})`;
}

/** A reply's markdown with the clinic's phone numbers as tel: links, "[911](tel:911)", inside whatever emphasis the text gives them. */
export function replyMarkdown(reply: Pick<PlannedReply, 'parts'>): string {
  return reply.parts.map(partMarkdown).join('');
}

/**
 * Turns a planned reply into a Bot Framework message. Phone numbers become tel: links in the
 * markdown. Buttons become suggested actions where the channel shows them (Emulator, Web Chat)
 * and Adaptive Card buttons in Teams; pressing one sends its text back exactly as if the patient
 * had typed it. Call buttons come first and open tel: (openUrl; Action.OpenUrl in Teams).
 * "Did this help?" ends the message's text, its two buttons first among the suggested actions,
 * next to it; in Teams both go at the bottom of the card.
 */
export function renderReply(context: TurnContext, reply: PlannedReply): Partial<Activity> {
  const text = replyMarkdown(reply);
  const { feedback } = reply;
  let message: Partial<Activity>;
  if (reply.buttons.length === 0 && reply.calls.length === 0 && feedback === undefined) message = MessageFactory.text(text);
  else if (prefersCardButtons(context)) message = MessageFactory.attachment(adaptiveCardButtons(reply.buttons, reply.calls, feedback), text);
  else {
    const actions = [...reply.calls.map(toCallAction), ...(feedback === undefined ? [] : toFeedbackActions(feedback)), ...reply.buttons.map(toAction)];
    message = MessageFactory.suggestedActions(actions, feedback === undefined ? text : `${text}\n\n${feedback.question}`);
  }
  message.textFormat = 'markdown';
  return message;
}
