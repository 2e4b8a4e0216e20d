import { fillClinicPlaceholders } from '../loading/clinicPlaceholders';
import type { KnowledgeBase } from '../loading/knowledgeBase';
import { FIND_PROVIDER_ID } from '../routing/findProvider';
import type { RoutingDecision, SecondQuestion } from '../routing/routingDecision';
import { clinicalReviewsDue } from '../reviews/answerReviews';
import type { SafetyLanguage, SafetyMessages, SafetyReply } from '../safety/safetyRules';
import type { MatchCandidate } from '../matching/faqMatcher';
import { FORGET_ME_ID, MAX_FALLBACK_TOPICS, type SmallTalkId } from '../schemas/smallTalkIds';
import type { FaqEntry } from '../schemas/faqSchema';
import { clinicPhoneNumbers, PhoneLinker, phoneNumber, phonesIn } from './phoneLinks';
import type { CallButton, FeedbackRequest, PlannedReply, ReplyButton } from './plannedReply';

/** The FAQ entry that says how to reach the clinic and a person; its answer also gets a Call button. */
export const CONTACT_ID = 'contact';

export interface ComposerOptions {
  /** The day that decides which reviews are out of date (clinic.yaml's requireReview); today by default. */
  readonly now?: Date;
}

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
  private readonly phoneLinker: PhoneLinker;
  /** Clinical entries whose review is missing or out of date, answered with reviewPending (requireReview only). */
  private readonly pendingReview: ReadonlySet<string>;

  constructor(
    private readonly knowledgeBase: KnowledgeBase,
    { now = new Date() }: ComposerOptions = {},
  ) {
    const { reviews } = knowledgeBase.clinic;
    this.pendingReview = new Set(reviews.requireReview ? clinicalReviewsDue(knowledgeBase.faq, reviews, now) : []);
    this.phoneLinker = new PhoneLinker(clinicPhoneNumbers(knowledgeBase.clinic));
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

  /** The emergency, crisis or red-flag message, in the patient's language where the clinic wrote one. */
  safetyMessage(reply: SafetyReply, language: SafetyLanguage): string {
    const messages = this.messagesIn(language);
    return this.fill(reply === 'crisis' ? messages.crisis : reply === 'emergency' ? messages.emergency : messages.redFlag);
  }

  /** The emergency, crisis or red-flag reply, with a call button for each number it gives. */
  safetyReply(reply: SafetyReply, language: SafetyLanguage): PlannedReply {
    return this.urgentReply(this.safetyMessage(reply, language), language);
  }

  /**
   * Any reply the bot sends: the clinic's phone numbers in it are marked (parts) so channels can make
   * them tappable. No call buttons: those are for urgentReply.
   */
  reply(text: string, buttons: readonly ReplyButton[] = []): PlannedReply {
    return { text, parts: this.phoneLinker.parts(text), buttons, calls: [] };
  }

  /**
   * A reply telling someone to call: the emergency, crisis, red-flag and other-language replies and
   * the screen's advice after a yes. It gets a call button ("Call 911") for each of the clinic's
   * numbers it gives, in the order it gives them, labelled in its language; no other buttons.
   */
  urgentReply(text: string, language: SafetyLanguage = 'en'): PlannedReply {
    const reply = this.reply(text);
    const { callLabel } = this.messagesIn(language);
    const calls = phonesIn(reply.parts).map((phone): CallButton => ({ title: `${callLabel} ${phone.number}`, phone }));
    return { ...reply, calls };
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
    return this.reply(text, this.checkButtons(language));
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
    return this.reply(this.knowledgeBase.conversation.welcome.trim(), this.topicButtons());
  }

  error(): PlannedReply {
    return this.reply(this.knowledgeBase.conversation.error.trim());
  }

  /**
   * The reply for a routing decision. Safety replies carry only call buttons: nothing else should
   * distract from them. With offerBooking false (booking is on hold after a warning sign), nothing offers booking.
   */
  compose(decision: RoutingDecision, { offerBooking = true }: ComposeOptions = {}): PlannedReply {
    const reply = this.composeAll(decision, offerBooking);
    return offerBooking ? reply : { ...reply, buttons: reply.buttons.filter((button) => !this.startsBooking(button)) };
  }

  /** What someone hears when they ask to book after being told to call the emergency number or see a doctor. */
  bookingOnHold(level: 'emergency' | 'see-doctor'): PlannedReply {
    if (level === 'emergency') return this.urgentReply(this.emergencyMessage);
    return this.urgentReply(`${this.knowledgeBase.conversation.bookingOnHold.trim()}\n\n${this.redFlagMessage}`);
  }

  private composeAll(decision: RoutingDecision, offerBooking: boolean): PlannedReply {
    switch (decision.route) {
      case 'emergency':
      case 'red-flag':
        return this.safetyReply(decision.reply, decision.language);
      case 'safety-check':
        return this.checkQuestion(decision.id, decision.language);
      case 'other-language':
        return this.urgentReply(this.fill(this.messagesIn(decision.id === 'es' ? 'es' : 'en').otherLanguage), decision.id === 'es' ? 'es' : 'en');
      case 'answer':
        return decision.also === undefined ? this.answer(decision.id) : this.twoAnswers(decision.id, decision.also);
      case 'suggest':
        return this.didYouMean(decision.candidates.map((candidate) => candidate.id));
      case 'fallback':
        return this.fallback(decision.candidates, offerBooking);
      case 'smalltalk':
        return this.smallTalk(decision.id, offerBooking);
    }
  }

  private startsBooking(button: ReplyButton): boolean {
    const bookingQuestion = this.entries.get(FIND_PROVIDER_ID)?.question;
    return button.value === this.findProviderButton.value || button.value === bookingQuestion;
  }

  /**
   * An FAQ answer with its sources (and, with showReviewed, who reviewed it and when), and its related
   * questions plus "Find a provider" as buttons. A clinical answer whose review is out of date is
   * replaced by reviewPending and a Call button when requireReview is on.
   */
  answer(entryId: string): PlannedReply {
    const entry = this.entries.get(entryId);
    if (entry === undefined) throw new Error(`No FAQ entry "${entryId}"`);
    const { conversation, clinic } = this.knowledgeBase;
    const related = entry.related.map((id) => this.questionButton(id)).filter((button): button is ReplyButton => button !== undefined);
    const buttons = entry.id === FIND_PROVIDER_ID ? related : [...related, this.findProviderButton];
    if (this.pendingReview.has(entry.id)) return this.withClinicCall(this.reply(conversation.reviewPending.trim(), buttons));
    const sources = entry.sources.map((id) => this.sourceNames.get(id) ?? id).join('; ');
    const lines = [entry.answer.trim(), `_${conversation.sourcesLabel}: ${sources}_`];
    if (clinic.reviews.showReviewed && entry.reviewed !== undefined) lines.push(`_${this.reviewedLine(entry.reviewed)}_`);
    const reply = this.reply(lines.join('\n\n'), buttons);
    return entry.id === CONTACT_ID ? this.withClinicCall(reply) : reply;
  }

  /** False when conversation.yaml turns "Did this help?" off: nothing is asked or counted. */
  get feedbackEnabled(): boolean {
    return this.knowledgeBase.conversation.feedback.enabled;
  }

  /**
   * The FAQ entry whose answer this decision gets, when the answer may ask "Did this help?": a single
   * FAQ answer. Not booking (the screen follows), not two answers at once (which one helped?), not
   * an answer held back for review, and nothing else: no safety reply, small talk, "did you mean" or fallback.
   */
  feedbackEntry(decision: RoutingDecision): string | undefined {
    if (!this.feedbackEnabled || decision.route !== 'answer') return undefined;
    if (decision.id === FIND_PROVIDER_ID || decision.also?.route === 'answer' || this.pendingReview.has(decision.id)) return undefined;
    return this.entries.has(decision.id) ? decision.id : undefined;
  }

  /** The reply with "Did this help?" and its two buttons under it; `offer` names this offer (see dialogs/answerFeedback.ts). */
  withFeedback(reply: PlannedReply, offer: string): PlannedReply {
    const { question, helpfulLabel, notHelpfulLabel } = this.knowledgeBase.conversation.feedback;
    const feedback: FeedbackRequest = { question: question.trim(), helpfulLabel: helpfulLabel.trim(), notHelpfulLabel: notHelpfulLabel.trim(), offer };
    return { ...reply, feedback };
  }

  /** The reply to "Did this help?" → Yes. */
  feedbackThanks(): PlannedReply {
    return this.reply(this.knowledgeBase.conversation.feedback.thanks.trim());
  }

  /**
   * The reply to "Did this help?" → No: an apology, the answer's related questions as buttons (the
   * fallback's topics when it has none, or the answer is not known), and a button that calls the
   * clinic. With offerBooking false (booking on hold) no button starts booking.
   */
  feedbackNotHelpful(entryId: string | undefined, { offerBooking = true }: ComposeOptions = {}): PlannedReply {
    const { conversation } = this.knowledgeBase;
    const related = (entryId === undefined ? undefined : this.entries.get(entryId))?.related ?? [];
    const ids = (related.length > 0 ? related : conversation.fallbackTopics).filter((id) => id !== entryId);
    return this.withClinicCall(this.reply(conversation.feedback.notHelpful.trim(), this.buttonsFor(ids, offerBooking)));
  }

  /** conversation.yaml's reviewedLine with who reviewed the answer and when. */
  private reviewedLine(reviewed: NonNullable<FaqEntry['reviewed']>): string {
    const values: Readonly<Record<string, string>> = { 'review.by': reviewed.by, 'review.on': reviewed.on };
    return this.knowledgeBase.conversation.reviewedLine.trim().replace(/\{\{\s*(review\.by|review\.on)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
  }

  /** The hand-off to a person (the contact answer, "that's not what I asked"): a button that calls the clinic. */
  private withClinicCall(reply: PlannedReply): PlannedReply {
    const clinicPhone = phoneNumber(this.knowledgeBase.clinic.phone);
    const phone = phonesIn(reply.parts).find((candidate) => candidate.dial === clinicPhone.dial);
    if (phone === undefined) return reply;
    return { ...reply, calls: [{ title: `${this.messagesIn('en').callLabel} ${phone.number}`, phone }] };
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
      const shown = buttons.filter((button) => button.value !== secondQuestion && button.value !== this.entries.get(firstId)?.question);
      return this.reply(`${first.text}\n\n**${secondQuestion}**\n\n${second.text}`, shown);
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
    return this.reply(conversation.didYouMean, [...choices, { title: conversation.noneOfThese.label, value: conversation.noneOfThese.label }]);
  }

  /**
   * When no answer fits: the fallback text, at most MAX_FALLBACK_TOPICS topics (entries that came
   * close to the message first, best first, then fallbackTopics, then topics), and "See all topics".
   */
  private fallback(candidates: readonly MatchCandidate[], offerBooking: boolean): PlannedReply {
    const { conversation, matching } = this.knowledgeBase;
    const close = candidates.filter((candidate) => candidate.score >= matching.fallbackTopicThreshold).map((candidate) => candidate.id);
    const topics = this.buttonsFor([...close, ...conversation.fallbackTopics, ...conversation.topics], offerBooking).slice(0, MAX_FALLBACK_TOPICS);
    return this.reply(conversation.fallback.trim(), [...topics, this.allTopicsButton]);
  }

  /** The button under the fallback's topics; pressing it sends its label, which the router reads as "all-topics". */
  get allTopicsButton(): ReplyButton {
    const { label } = this.knowledgeBase.conversation.allTopics;
    return { title: label, value: label };
  }

  /**
   * "See all topics": every topic as one short line of text (a list reads well on a phone, where ten
   * buttons would fill the screen), with the fallbackTopics as buttons.
   */
  private allTopics(offerBooking: boolean): PlannedReply {
    const { conversation } = this.knowledgeBase;
    const listed = conversation.topics
      .filter((id) => offerBooking || id !== FIND_PROVIDER_ID)
      .map((id) => this.entries.get(id)?.question)
      .filter((question): question is string => question !== undefined);
    const text = `${conversation.allTopics.reply.trim()}\n\n${listed.map((question) => `- ${question}`).join('\n')}`;
    return this.reply(text, this.buttonsFor(conversation.fallbackTopics, offerBooking));
  }

  /**
   * After the conversation's state was deleted at the patient's request: what was deleted, and, when
   * a safety hold was kept, that booking stays paused for safety. No buttons: while held, none may
   * offer booking, and topic buttons would read as the chat carrying on where it was.
   */
  forgotten({ holdKept }: { readonly holdKept: boolean }): PlannedReply {
    const intent = this.knowledgeBase.conversation.smallTalk.find((candidate) => candidate.id === FORGET_ME_ID);
    const deleted = intent?.reply.trim() ?? '';
    const kept = holdKept ? intent?.whileOnHold?.trim() : undefined;
    return this.reply(kept === undefined ? deleted : `${deleted}\n\n${kept}`);
  }

  private smallTalk(intentId: SmallTalkId, offerBooking: boolean): PlannedReply {
    const { conversation } = this.knowledgeBase;
    // offerBooking is false exactly while a safety hold stands.
    if (intentId === FORGET_ME_ID) return this.forgotten({ holdKept: !offerBooking });
    if (intentId === 'none-of-these') return this.reply(conversation.noneOfThese.reply.trim(), this.topicButtons());
    if (intentId === 'all-topics') return this.allTopics(offerBooking);
    const intent = conversation.smallTalk.find((candidate) => candidate.id === intentId);
    const text = intent?.reply.trim() ?? '';
    const listsTopics = intentId === 'help' || intentId === 'restart' || intentId === 'greeting' || intentId === 'not-helpful';
    const reply = this.reply(text, listsTopics ? this.topicButtons() : []);
    // Both may want a person rather than the bot: the clinic's number comes as a Call button.
    return intentId === 'not-helpful' || intentId === 'about-bot' ? this.withClinicCall(reply) : reply;
  }

  private topicButtons(): ReplyButton[] {
    return this.buttonsFor(this.knowledgeBase.conversation.topics, true);
  }

  /** A button per FAQ id, each id once, in order; "Find a provider" for the booking entry, left out when booking is on hold. */
  private buttonsFor(ids: readonly string[], offerBooking: boolean): ReplyButton[] {
    return [...new Set(ids)]
      .filter((id) => offerBooking || id !== FIND_PROVIDER_ID)
      .map((id) => (id === FIND_PROVIDER_ID ? this.findProviderButton : this.questionButton(id)))
      .filter((button): button is ReplyButton => button !== undefined);
  }

  private questionButton(entryId: string): ReplyButton | undefined {
    const entry = this.entries.get(entryId);
    return entry && { title: entry.question, value: entry.question };
  }
}
