import type { TurnContext } from 'botbuilder';
import type { ContentDecision } from '../knowledge/routing/routingDecision';

const REPLIED_KEY = Symbol('repliedDecision');

/**
 * The decision the main dialog replied to straight from this turn's message (an FAQ answer, "did you
 * mean", the fallback, small talk), and whether safety came up earlier in the conversation (a hold,
 * a check question asked, a screening "yes"). The gaps log (bot/learning) reads it after the turn;
 * a turn that went to a screen, a check or a safety reply has none. Ids only, never the text.
 */
export interface RepliedDecision {
  readonly decision: ContentDecision;
  readonly safetyEarlier: boolean;
}

export function noteRepliedDecision(context: TurnContext, replied: RepliedDecision): void {
  context.turnState.set(REPLIED_KEY, replied);
}

export function repliedDecision(context: TurnContext): RepliedDecision | undefined {
  return context.turnState.get<RepliedDecision | undefined>(REPLIED_KEY);
}
