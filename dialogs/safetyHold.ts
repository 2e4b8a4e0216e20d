import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';

export type SafetyHoldLevel = 'emergency' | 'see-doctor';

/** Why booking is on hold: ids only, never what the patient typed. */
export interface SafetyHoldState {
  readonly level: SafetyHoldLevel;
  /** The safety rule or screening question that raised it. */
  readonly reason: string;
}

/**
 * Remembers, for the rest of the conversation, that someone was told to call the emergency number
 * or see a doctor first, so a later "find a provider" cannot lead to a booking link. "Start over"
 * does not lift it: a warning sign does not go away because the chat restarted.
 */
export class SafetyHold {
  private readonly property: StatePropertyAccessor<SafetyHoldState | undefined>;

  constructor(conversationState: BotState) {
    this.property = conversationState.createProperty<SafetyHoldState | undefined>('safetyHold');
  }

  async get(context: TurnContext): Promise<SafetyHoldState | undefined> {
    return this.property.get(context);
  }

  /** Records a hold; an emergency is never downgraded to see-doctor. */
  async record(context: TurnContext, level: SafetyHoldLevel, reason: string): Promise<void> {
    const current = await this.property.get(context);
    if (current?.level === 'emergency' && level !== 'emergency') return;
    await this.property.set(context, { level, reason });
  }
}
