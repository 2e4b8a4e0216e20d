import { fillClinicPlaceholders } from '../loading/clinicPlaceholders';
import type { KnowledgeBase } from '../loading/knowledgeBase';
import { FIND_PROVIDER_ID } from '../routing/findProvider';
import type { RoutingDecision, SecondQuestion } from '../routing/routingDecision';
import type { SafetyLanguage, SafetyMessages, SafetyReply } from '../safety/safetyRules';
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
  private readonly checkQuestions: ReadonlyMap<string, Readonly<Partial<Record<SafetyLanguage, string>>>>;

  constructor(private readonly knowledgeBase: KnowledgeBase) {
    this.entries = new Map(knowledgeBase.faq.map((entry) => [entry.id, entry]));
    this.sourceNames = new Map(knowledgeBase.sources.map((source) => [source.id, source.publisher]));
    this.emergencyMessage = this.safetyMessage('emergency', 'en');
    this.redFlagMessage = this.safetyMessage('red-flag', 'en');
    this.checkQuestions = new Map(knowledgeBase.safety.checks.map((check) => [check.concept, check.question]));
  }

  /** The safety messages in a language, falling back to English for a language the clinic has not written. */
  private messagesIn(language: SafetyLanguage): SafetyMessages {
    return this.knowledgeBase.safety.messages[language] ?? this.knowledgeBase.safety.messages.en;
  }

  private fill(text: string): string {
    return fillClinicPlaceholders(text, this.knowledgeBase.clinic).trim();
  }

  /** The emergency, crisis or red-flag reply, in the patient's language where the clinic wrote one. */
  safetyMessage(reply: SafetyReply, language: SafetyLanguage): string {
    const messages = this.messagesIn(language);
    return this.fill(reply === 'crisis' ? messages.crisis : reply === 'emergency' ? messages.emergency : messages.redFlag);
  }

  /** "Please answer yes or no" for a check question. */
  checkReprompt(language: SafetyLanguage): string {
    return this.fill(this.messagesIn(language).checkReprompt);
  }

  /** The Yes/No buttons of a check question, in its language. */
  checkButtons(language: SafetyLanguage): ReplyButton[] {
    const answers = this.messagesIn(language).answers ?? this.knowledgeBase.screening.answers;
    return [
      { title: answers.yesLabel, value: answers.yesLabel },
      { title: answers.noLabel, value: answers.noLabel },
    ];
  }

  /** A check question with its Yes/No buttons; `again` puts the "please answer yes or no" line above it. */
  checkQuestion(concept: string, language: SafetyLanguage, { again = false } = {}): PlannedReply {
    const questions = this.checkQuestions.get(concept);
    const question = questions?.[language] ?? questions?.en;
    if (question === undefined) throw new Error(`No check question for "${concept}"`);
    const text = again ? `${this.checkReprompt(language)}\n\n${question}` : question;
    return { text, buttons: this.checkButtons(language) };
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
      case 'red-flag':
        return { text: this.safetyMessage(decision.reply, decision.language), buttons: [] };
      case 'safety-check':
        return this.checkQuestion(decision.id, decision.language);
      case 'other-language':
        return { text: this.fill(this.messagesIn(decision.id === 'es' ? 'es' : 'en').otherLanguage), buttons: [] };
      case 'answer':
        return decision.also === undefined ? this.answer(decision.id) : this.twoAnswers(decision.id, decision.also);
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

  /**
   * Both questions of a two-question message, each answer with its own sources; a second question
   * the bot is unsure of is offered as the first button instead.
   */
  private twoAnswers(firstId: string, also: SecondQuestion): PlannedReply {
    const first = this.answer(firstId);
    if (also.route === 'answer') {
      const second = this.answer(also.id);
      const buttons = [...new Map([...first.buttons, ...second.buttons].map((button) => [button.value, button])).values()];
      const secondQuestion = this.entries.get(also.id)?.question ?? '';
      return { text: `${first.text}\n\n**${secondQuestion}**\n\n${second.text}`, buttons: buttons.filter((button) => button.value !== secondQuestion && button.value !== this.entries.get(firstId)?.question) };
    }
    const offered = this.questionButton(also.id);
    return offered === undefined ? first : { ...first, buttons: [offered, ...first.buttons.filter((button) => button.value !== offered.value)] };
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
    const listsTopics = intentId === 'help' || intentId === 'restart' || intentId === 'greeting' || intentId === 'not-helpful';
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
