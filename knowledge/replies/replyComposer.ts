import { fillClinicPlaceholders } from '../loading/clinicPlaceholders';
import type { KnowledgeBase } from '../loading/knowledgeBase';
import { FIND_PROVIDER_ID } from '../routing/findProvider';
import type { RoutingDecision } from '../routing/routingDecision';
import type { FaqEntry } from '../schemas/faqSchema';
import type { PlannedReply, ReplyButton } from './plannedReply';

export interface ComposeOptions {
  /** False while booking is on hold after an emergency or red flag: no button may start booking. */
  readonly offerBooking?: boolean;
}

/**
 * Writes the bot's replies from routing decisions, using only the clinic's YAML content:
 * answers with their sources and follow-up questions, "did you mean" choices, the fallback,
 * small talk and the safety messages.
 */
export class ReplyComposer {
  private readonly entries: ReadonlyMap<string, FaqEntry>;
  private readonly sourceNames: ReadonlyMap<string, string>;
  readonly emergencyMessage: string;
  readonly redFlagMessage: string;

  constructor(private readonly knowledgeBase: KnowledgeBase) {
    this.entries = new Map(knowledgeBase.faq.map((entry) => [entry.id, entry]));
    this.sourceNames = new Map(knowledgeBase.sources.map((source) => [source.id, source.publisher]));
    this.emergencyMessage = fillClinicPlaceholders(knowledgeBase.safety.messages.emergency, knowledgeBase.clinic).trim();
    this.redFlagMessage = fillClinicPlaceholders(knowledgeBase.safety.messages.redFlag, knowledgeBase.clinic).trim();
  }

  /** The button that starts booking, offered after answers. */
  get findProviderButton(): ReplyButton {
    const label = this.knowledgeBase.conversation.findProviderLabel;
    return { title: label, value: label };
  }

  /** Added to the welcome when the bot joins a Teams team or group chat. */
  get teamIntroduction(): string {
    return this.knowledgeBase.conversation.teamIntroduction;
  }

  welcome(): PlannedReply {
    return { text: this.knowledgeBase.conversation.welcome.trim(), buttons: this.topicButtons() };
  }

  error(): PlannedReply {
    return { text: this.knowledgeBase.conversation.error.trim(), buttons: [] };
  }

  /**
   * The reply for a routing decision. Safety replies carry no buttons: nothing should distract from
   * them. With offerBooking false (booking is on hold after a warning sign), nothing offers booking.
   */
  compose(decision: RoutingDecision, { offerBooking = true }: ComposeOptions = {}): PlannedReply {
    const reply = this.composeAll(decision);
    return offerBooking ? reply : { ...reply, buttons: reply.buttons.filter((button) => !this.startsBooking(button)) };
  }

  /** What someone hears when they ask to book after being told to call the emergency number or see a doctor. */
  bookingOnHold(level: 'emergency' | 'see-doctor'): PlannedReply {
    if (level === 'emergency') return { text: this.emergencyMessage, buttons: [] };
    return { text: `${this.knowledgeBase.conversation.bookingOnHold.trim()}\n\n${this.redFlagMessage}`, buttons: [] };
  }

  private composeAll(decision: RoutingDecision): PlannedReply {
    switch (decision.route) {
      case 'emergency':
        return { text: this.emergencyMessage, buttons: [] };
      case 'red-flag':
        return { text: this.redFlagMessage, buttons: [] };
      case 'answer':
        return this.answer(decision.id);
      case 'suggest':
        return this.didYouMean(decision.candidates.map((candidate) => candidate.id));
      case 'fallback':
        return { text: `${this.knowledgeBase.conversation.fallback.trim()}`, buttons: this.topicButtons() };
      case 'smalltalk':
        return this.smallTalk(decision.id);
    }
  }

  private startsBooking(button: ReplyButton): boolean {
    const bookingQuestion = this.entries.get(FIND_PROVIDER_ID)?.question;
    return button.value === this.findProviderButton.value || button.value === bookingQuestion;
  }

  /** An FAQ answer with its sources, and its related questions plus "Find a provider" as buttons. */
  answer(entryId: string): PlannedReply {
    const entry = this.entries.get(entryId);
    if (entry === undefined) throw new Error(`No FAQ entry "${entryId}"`);
    const sources = entry.sources.map((id) => this.sourceNames.get(id) ?? id).join('; ');
    const text = `${entry.answer.trim()}\n\n_${this.knowledgeBase.conversation.sourcesLabel}: ${sources}_`;
    const related = entry.related.map((id) => this.questionButton(id)).filter((button): button is ReplyButton => button !== undefined);
    const buttons = entry.id === FIND_PROVIDER_ID ? related : [...related, this.findProviderButton];
    return { text, buttons };
  }

  private didYouMean(candidateIds: readonly string[]): PlannedReply {
    const { conversation, matching } = this.knowledgeBase;
    const choices = candidateIds
      .slice(0, matching.maxSuggestions)
      .map((id) => this.questionButton(id))
      .filter((button): button is ReplyButton => button !== undefined);
    return {
      text: conversation.didYouMean,
      buttons: [...choices, { title: conversation.noneOfThese.label, value: conversation.noneOfThese.label }],
    };
  }

  private smallTalk(intentId: string): PlannedReply {
    const { conversation } = this.knowledgeBase;
    if (intentId === 'none-of-these') return { text: conversation.noneOfThese.reply.trim(), buttons: this.topicButtons() };
    const intent = conversation.smallTalk.find((candidate) => candidate.id === intentId);
    const text = intent?.reply.trim() ?? '';
    const listsTopics = intentId === 'help' || intentId === 'restart' || intentId === 'greeting';
    return { text, buttons: listsTopics ? this.topicButtons() : [] };
  }

  private topicButtons(): ReplyButton[] {
    return this.knowledgeBase.conversation.topics
      .map((id) => (id === FIND_PROVIDER_ID ? this.findProviderButton : this.questionButton(id)))
      .filter((button): button is ReplyButton => button !== undefined);
  }

  private questionButton(entryId: string): ReplyButton | undefined {
    const entry = this.entries.get(entryId);
    return entry && { title: entry.question, value: entry.question };
  }
}
