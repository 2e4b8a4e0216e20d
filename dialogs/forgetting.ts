import type { TurnContext } from 'botbuilder';

const FORGET_KEY = Symbol('forgetConversation');

/**
 * What a dialog interrupted by "forget me" ends with, so the main dialog gives the forget-me reply
 * once the inner dialogs (a screen, a check question) have been cancelled.
 */
export interface ForgetRequested {
  readonly forget: true;
}

export const FORGET_REQUESTED: ForgetRequested = { forget: true };

export function isForgetRequested(value: unknown): value is ForgetRequested {
  return typeof value === 'object' && value !== null && (value as Partial<ForgetRequested>).forget === true;
}

/**
 * Marks this turn's conversation state (dialog stack, checks asked, the answer waiting behind a
 * check) for deletion at the end of the turn instead of being saved (see FaqBot.run). The safety
 * hold has its own storage key and is not touched.
 */
export function forgetConversationAfterTurn(context: TurnContext): void {
  context.turnState.set(FORGET_KEY, true);
}

export function isConversationToBeForgotten(context: TurnContext): boolean {
  return context.turnState.get<boolean | undefined>(FORGET_KEY) === true;
}
