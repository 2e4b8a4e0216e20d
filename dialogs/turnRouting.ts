import type { TurnContext } from 'botbuilder';
import type { MessageRouter } from '../knowledge/routing/messageRouter';
import { toTraceValue, type RoutingDecision } from '../knowledge/routing/routingDecision';
import type { SafetyChecksAsked } from './safetyChecksAsked';
import { sendEmulatorTrace } from './emulatorTraces';

const DECISION_KEY = Symbol('routingDecision');

export const FAQ_ROUTING_TRACE = {
  name: 'FaqRouting',
  label: 'FAQ routing',
  valueType: 'https://art-faq-bot/schemas/faq-routing',
} as const;

/** The decision routeTurn made for this turn's message, if it routed one. */
export function routedDecision(context: TurnContext): RoutingDecision | undefined {
  return context.turnState.get<RoutingDecision | undefined>(DECISION_KEY);
}

/**
 * Routes the turn's message once (safety first, inside the router; checks already asked are not
 * asked again) and sends the FaqRouting
 * trace on the Emulator. Later callers in the same turn get the same decision, so the bot,
 * the main dialog and the screening dialog never disagree about a message.
 * Other channels drop trace activities, so none is sent there; nothing depends on them.
 */
export async function routeTurn(context: TurnContext, router: MessageRouter, checksAsked: SafetyChecksAsked): Promise<RoutingDecision> {
  const cached = routedDecision(context);
  if (cached !== undefined) return cached;
  const decision = router.route(context.activity.text ?? '', { askedChecks: await checksAsked.get(context) });
  context.turnState.set(DECISION_KEY, decision);
  await sendEmulatorTrace(context, FAQ_ROUTING_TRACE.name, () => toTraceValue(decision), FAQ_ROUTING_TRACE.valueType, FAQ_ROUTING_TRACE.label);
  return decision;
}
