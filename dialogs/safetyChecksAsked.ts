import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';

/**
 * The concepts whose check question this conversation has already asked ("chest", "injury"), so a
 * check is never asked twice. Concept ids only, never what the patient typed.
 */
export class SafetyChecksAsked {
  private readonly property: StatePropertyAccessor<string[] | undefined>;

  constructor(conversationState: BotState) {
    this.property = conversationState.createProperty<string[] | undefined>('safetyChecksAsked');
  }

  async get(context: TurnContext): Promise<readonly string[]> {
    return (await this.property.get(context)) ?? [];
  }

  async add(context: TurnContext, concept: string): Promise<void> {
    const asked = await this.get(context);
    if (!asked.includes(concept)) await this.property.set(context, [...asked, concept]);
  }
}
