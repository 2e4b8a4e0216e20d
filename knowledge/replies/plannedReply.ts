/** A button the patient can press; pressing it sends `value` as if they had typed it. */
export interface ReplyButton {
  readonly title: string;
  readonly value: string;
}

/**
 * What the bot should say, independent of any chat SDK: markdown text and buttons.
 * The bot turns it into Bot Framework activities; a future host can render it its own way.
 */
export interface PlannedReply {
  readonly text: string;
  readonly buttons: readonly ReplyButton[];
}
