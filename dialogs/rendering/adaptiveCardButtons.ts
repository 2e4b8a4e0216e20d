import { CardFactory, type Attachment } from 'botbuilder';
import type { CallButton, FeedbackRequest, PhoneNumber, ReplyButton } from '../../knowledge/replies/plannedReply';
import { answerFeedbackValue } from '../answerFeedback';

/** The tel: link for a number: digits and a leading + only. */
export function telUrl(phone: PhoneNumber): string {
  return `tel:${phone.dial}`;
}

/**
 * What a button hands back when pressed. Teams turns `msteams.messageBack` into a message
 * whose text is the button's value (shown in the chat as if typed) and whose `value` is
 * `{ text }`; a client that ignores `msteams` posts the data itself as `value`. Either way the
 * bot reads the same text (see teams/cardSubmissions.ts).
 */
export interface ButtonSubmitData {
  readonly text: string;
  readonly msteams: {
    readonly type: 'messageBack';
    readonly text: string;
    readonly displayText: string;
    readonly value: { readonly text: string };
  };
}

export function buttonSubmitData(button: ReplyButton): ButtonSubmitData {
  return {
    text: button.value,
    msteams: { type: 'messageBack', text: button.value, displayText: button.value, value: { text: button.value } },
  };
}

/**
 * What a "Did this help?" button hands back: Teams' messageBack posts `value` (the report on the
 * answer) and shows the label as the patient's message; its text is the label, which the router
 * reads (safety first) like any message but which never counts as feedback or as an answer to a
 * question (see dialogs/answerFeedback.ts). A client that ignores `msteams` posts the whole data
 * as `value`, which carries the report too.
 */
function feedbackSubmitData(title: string, offer: string, helpful: boolean): Record<string, unknown> {
  const value = answerFeedbackValue(offer, helpful);
  return { ...value, msteams: { type: 'messageBack', text: title, displayText: title, value } };
}

/** "Did this help?" and its two buttons side by side, below a line that sets them apart from the follow-ups. */
function feedbackElements({ question, helpfulLabel, notHelpfulLabel, offer }: FeedbackRequest): object[] {
  const submit = (title: string, helpful: boolean) => ({ type: 'Action.Submit', title, data: feedbackSubmitData(title, offer, helpful) });
  return [
    { type: 'TextBlock', text: question, wrap: true, separator: true, spacing: 'Medium' },
    { type: 'ActionSet', actions: [submit(helpfulLabel, true), submit(notHelpfulLabel, false)] },
  ];
}

/** Answers this short (Yes, No) fit side by side; questions get a row each, as Teams cuts long titles short. */
const SHORT_TITLE = 16;
const SHORT_ROW = 3;

function rows<Button extends { readonly title: string }>(buttons: readonly Button[]): Button[][] {
  const allShort = buttons.every((button) => button.title.length <= SHORT_TITLE);
  if (!allShort) return buttons.map((button) => [button]);
  const result: Button[][] = [];
  for (let start = 0; start < buttons.length; start += SHORT_ROW) result.push(buttons.slice(start, start + SHORT_ROW));
  return result;
}

/**
 * An Adaptive Card holding only buttons (the reply's text stays in the message). Buttons sit in
 * ActionSets in the body rather than in the card's actions, which Teams caps at six: the topic
 * list has ten. Action.Submit works in personal chats, group chats and channels alike, unlike
 * suggested actions, and Adaptive Card 1.2 renders on every Teams client. Call buttons come
 * first, as Action.OpenUrl with a tel: link: Teams mobile dials it; Teams desktop may ignore
 * tel:, which is why the number is always written in the message's text as well. "Did this
 * help?" comes last, under the follow-ups.
 */
export function adaptiveCardButtons(buttons: readonly ReplyButton[], calls: readonly CallButton[] = [], feedback?: FeedbackRequest): Attachment {
  const callRows = rows(calls).map((row) => ({
    type: 'ActionSet',
    actions: row.map((call) => ({ type: 'Action.OpenUrl', title: call.title, url: telUrl(call.phone) })),
  }));
  const buttonRows = rows(buttons).map((row) => ({
    type: 'ActionSet',
    actions: row.map((button) => ({ type: 'Action.Submit', title: button.title, data: buttonSubmitData(button) })),
  }));
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.2',
    body: [...callRows, ...buttonRows, ...(feedback === undefined ? [] : feedbackElements(feedback))],
  });
}
