/** A button the patient can press; pressing it sends `value` as if they had typed it. */
export interface ReplyButton {
  readonly title: string;
  readonly value: string;
}

/** A phone number as the clinic wrote it ("+1 555 010 2030"), and what a phone dials for it ("+15550102030": digits and + only). */
export interface PhoneNumber {
  readonly number: string;
  readonly dial: string;
}

/** A stretch of a reply's text: markdown as written, or one of the clinic's phone numbers, which a channel may make tappable. */
export type ReplyPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'phone'; readonly phone: PhoneNumber };

/** A button that calls a number ("Call 911"), offered under emergency, crisis, red-flag and other-language replies. */
export interface CallButton {
  readonly title: string;
  readonly phone: PhoneNumber;
}

/**
 * "Did this help?" under an FAQ answer: a line and two buttons. Unlike ReplyButtons, pressing one
 * sends a report on this answer, named by `offer`, not just text (see dialogs/answerFeedback.ts).
 */
export interface FeedbackRequest {
  readonly question: string;
  readonly helpfulLabel: string;
  readonly notHelpfulLabel: string;
  /** Names this one offer, so only a press on the latest answer's buttons counts, and only once. */
  readonly offer: string;
}

/**
 * What the bot should say, independent of any chat SDK: markdown text, the same text in parts
 * (with the clinic's phone numbers marked), buttons, call buttons, and under an FAQ answer "Did
 * this help?". The bot turns it into Bot Framework activities; a future host can render it its
 * own way. Built by the ReplyComposer, which keeps `parts` and `text` in step.
 */
export interface PlannedReply {
  /** The reply as markdown, phone numbers as written: for logs, tests and channels that link nothing. */
  readonly text: string;
  /** `text` in order, split around the clinic's phone numbers; joined, the parts are `text`. */
  readonly parts: readonly ReplyPart[];
  readonly buttons: readonly ReplyButton[];
  readonly calls: readonly CallButton[];
  readonly feedback?: FeedbackRequest;
}
