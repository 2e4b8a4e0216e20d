import type { Dialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, WaterfallDialog } from './botbuilderDialogs';
import { renderReply } from './rendering/activityRenderer';
import type { ReplyComposer } from '../knowledge/replies/replyComposer';
import { FIND_PROVIDER_ID, type MessageRouter } from '../knowledge/routing/messageRouter';
import { isContentDecision, restoreContentDecision, type RoutingDecision } from '../knowledge/routing/routingDecision';
import { FORGET_ME_ID, isSmallTalkId } from '../knowledge/schemas/smallTalkIds';
import { answerFeedbackClick, type AnswerFeedback, type AnswerFeedbackClick, type FeedbackOffer } from './answerFeedback';
import { noteAnsweredQuestion } from './answeredQuestion';
import { DIALOG_IDS } from './dialogIds';
import { forgetConversationAfterTurn, isForgetRequested } from './forgetting';
import { noteRepliedDecision } from './repliedDecision';
import { escalationCheckOptions, isSafetyCheckCleared, safetyCheckOptions } from './safetyCheckOptions';
import type { SafetyChecksAsked } from './safetyChecksAsked';
import type { SafetyHold } from './safetyHold';
import { routeTurn } from './turnRouting';

/**
 * The conversation's entry point. Each message is routed (safety first) and answered; a message that
 * touches a risk gets a check question first; a request to book starts the red-flag screening dialog,
 * unless an earlier emergency, red flag or "yes" to a check put booking on hold. FAQ answers ask
 * "Did this help?"; a press on its buttons is answered after the safety check, instead of routing.
 */
export class MainDialog extends ComponentDialog {
  constructor(
    private readonly router: MessageRouter,
    private readonly composer: ReplyComposer,
    private readonly screeningDialog: Dialog,
    private readonly safetyHold: SafetyHold,
    private readonly checksAsked: SafetyChecksAsked,
    private readonly safetyCheckDialog: Dialog,
    private readonly feedback: AnswerFeedback,
  ) {
    super(DIALOG_IDS.main);
    this.addDialog(screeningDialog);
    this.addDialog(safetyCheckDialog);
    this.addDialog(new WaterfallDialog(DIALOG_IDS.mainWaterfall, [this.routeStep.bind(this), this.finishStep.bind(this)]));
    this.initialDialogId = DIALOG_IDS.mainWaterfall;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const decision = await routeTurn(step.context, this.router, this.checksAsked);
    // Only the message straight after an answer may answer its "Did this help?": any message ends the offer.
    const offered = await this.feedback.withdraw(step.context);
    if (decision.route === 'emergency' || decision.route === 'red-flag') {
      await this.safetyHold.record(step.context, decision.route === 'emergency' ? 'emergency' : 'see-doctor', decision.id);
    }
    if (decision.route === 'red-flag' && decision.escalation !== undefined) {
      return step.beginDialog(this.safetyCheckDialog.id, escalationCheckOptions(decision.escalation, decision.language, decision.id));
    }
    if (decision.route === 'safety-check') {
      return step.beginDialog(this.safetyCheckDialog.id, safetyCheckOptions(decision.check, decision.language, decision.pending));
    }
    const click = answerFeedbackClick(step.context.activity);
    // The safety reply, if the press's text called for one, comes instead (act sends it).
    const safetyReply = decision.route === 'emergency' || decision.route === 'red-flag';
    if (click !== undefined && !safetyReply) return this.answerFeedback(step, click, offered);
    return this.act(step, decision, { fromMessage: true });
  }

  /**
   * A "Did this help?" press (safety was checked first): counted if it belongs to the offer just
   * withdrawn; either way Yes gets thanks, and No the answer's related questions and the clinic's
   * phone, with nothing that starts booking while booking is on hold.
   */
  private async answerFeedback(step: WaterfallStepContext, click: AnswerFeedbackClick, offered: FeedbackOffer | undefined): Promise<DialogTurnResult> {
    const outcome = this.composer.feedbackEnabled ? await this.feedback.answer(step.context, click, offered) : { counted: false };
    const answer = outcome.counted ? (click.helpful ? 'helpful' : 'not-helpful') : 'not-counted';
    noteAnsweredQuestion(step.context, { route: 'answer-feedback', id: outcome.entryId ?? 'unknown', answer });
    const hold = await this.safetyHold.get(step.context);
    const reply = click.helpful ? this.composer.feedbackThanks() : this.composer.feedbackNotHelpful(outcome.entryId, { offerBooking: hold === undefined });
    await step.context.sendActivity(renderReply(step.context, reply));
    return step.endDialog();
  }

  /**
   * Answers a decision: booking starts the screen (or repeats the advice while on hold); anything else
   * is replied to. `fromMessage`: the decision is this turn's message's own, not one waiting behind a check.
   */
  private async act(step: WaterfallStepContext, decision: RoutingDecision, { fromMessage = false } = {}): Promise<DialogTurnResult> {
    if (decision.route === 'smalltalk' && decision.id === FORGET_ME_ID) return this.forget(step);
    const hold = await this.safetyHold.get(step.context);
    if (decision.route === 'answer' && decision.id === FIND_PROVIDER_ID) {
      if (hold !== undefined) {
        await step.context.sendActivity(renderReply(step.context, this.composer.bookingOnHold(hold.level)));
        return step.endDialog();
      }
      return step.beginDialog(this.screeningDialog.id);
    }
    if (fromMessage && isContentDecision(decision)) {
      const safetyEarlier = hold !== undefined || (await this.checksAsked.get(step.context)).length > 0 || (await this.safetyHold.screeningFlags(step.context)).length > 0;
      noteRepliedDecision(step.context, { decision, safetyEarlier });
    }
    const reply = this.composer.compose(decision, { offerBooking: hold === undefined });
    const feedbackEntry = this.composer.feedbackEntry(decision);
    const shown = feedbackEntry === undefined ? reply : this.composer.withFeedback(reply, await this.feedback.offer(step.context, feedbackEntry));
    await step.context.sendActivity(renderReply(step.context, shown));
    return step.endDialog();
  }

  /**
   * "Forget me": the screening answers (kept next to the hold) are cleared and the conversation state
   * is deleted at the end of the turn (FaqBot.run); the safety hold stays, and the reply says so.
   */
  private async forget(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.safetyHold.clearScreeningFlags(step.context);
    const hold = await this.safetyHold.get(step.context);
    forgetConversationAfterTurn(step.context);
    await step.context.sendActivity(renderReply(step.context, this.composer.forgotten({ holdKept: hold !== undefined })));
    return step.endDialog();
  }

  /** After a check answered "no", give the answer the original message called for; after "forget me" mid-dialog, forget. */
  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (isSafetyCheckCleared(step.result)) return this.act(step, restoreContentDecision(step.result.cleared, isSmallTalkId));
    if (isForgetRequested(step.result)) return this.forget(step);
    return step.endDialog();
  }
}
