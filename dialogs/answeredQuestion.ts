import type { TurnContext } from 'botbuilder';

const ANSWERED_KEY = Symbol('answeredQuestion');

/**
 * A message that answered a question the bot asked: a screening question, the area question, a
 * safety check, or "Did this help?" under an answer. Logs report it under its own route, so staff
 * (and the gaps report) can tell a patient's "no" from a question the FAQ could not answer. Ids
 * and yes/no only, never the text.
 */
export interface AnsweredQuestion {
  readonly route: 'screening-answer' | 'check-answer' | 'answer-feedback';
  /** The screening question's id, "area", the check's concept, or the FAQ entry asked about ("unknown" for a press on no current answer). */
  readonly id: string;
  /** yes, no, unclear, for the area question the area id, for feedback helpful, not-helpful or not-counted. */
  readonly answer: string;
}

export function noteAnsweredQuestion(context: TurnContext, answered: AnsweredQuestion): void {
  context.turnState.set(ANSWERED_KEY, answered);
}

/** What the turn's message answered, if it answered a question the bot asked. */
export function answeredQuestion(context: TurnContext): AnsweredQuestion | undefined {
  return context.turnState.get<AnsweredQuestion | undefined>(ANSWERED_KEY);
}
