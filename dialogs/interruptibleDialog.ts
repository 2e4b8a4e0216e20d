import type { Dialog, DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { ComponentDialog, DialogTurnStatus } from './botbuilderDialogs';
import { renderReply } from './rendering/activityRenderer';
import type { PlannedReply } from '../knowledge/replies/plannedReply';
import type { ReplyComposer } from '../knowledge/replies/replyComposer';
import { FIND_PROVIDER_ID, type MessageRouter } from '../knowledge/routing/messageRouter';
import type { RoutingDecision } from '../knowledge/routing/routingDecision';
import { FORGET_ME_ID } from '../knowledge/schemas/smallTalkIds';
import { answerFeedbackClick } from './answerFeedback';
import { noteAnsweredQuestion } from './answeredQuestion';
import { FORGET_REQUESTED } from './forgetting';
import type { SafetyChecksAsked } from './safetyChecksAsked';
import { escalationCheckOptions, safetyCheckOptions } from './safetyCheckOptions';
import { TextAnswerPrompt } from './textAnswerPrompt';
import { routeTurn } from './turnRouting';

export type SafetyRoute = 'emergency' | 'red-flag';

/**
 * The one place interruptions live, for any multi-turn dialog (the cancel-and-help pattern of
 * the BotBuilder samples, with safety in front). On every message, before the active step sees it:
 * 1. an emergency or red flag ends the dialog (and any dialog it runs inside) with the safety message;
 *    a red flag that may be an emergency asks the emergency check first (booking already on hold);
 * 2. a message that calls for a check question gets it first (when a check dialog is given); the
 *    pending question is asked again after a "no";
 * 3. a "Did this help?" press is never taken as an answer (its label may read as yes or no, and
 *    no answer's offer is open while a dialog runs): nothing is counted and the question is asked again;
 * 4. "cancel", "stop" or "restart" ends it; "forget me" ends it (and any dialog it runs in) for the
 *    main dialog to forget the conversation;
 * 5. an answer the pending question expects goes through untouched;
 * 6. "help" explains and asks again; an FAQ question gets its answer, then the question again.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(
    dialogId: string,
    protected readonly router: MessageRouter,
    protected readonly composer: ReplyComposer,
    protected readonly checksAsked: SafetyChecksAsked,
    private readonly checkDialog?: Dialog,
  ) {
    super(dialogId);
    if (checkDialog !== undefined) this.addDialog(checkDialog);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    if (innerDc.context.activity.type === 'message') {
      const interruption = await this.interrupt(innerDc, await routeTurn(innerDc.context, this.router, this.checksAsked));
      if (interruption !== undefined) return interruption;
    }
    return super.onContinueDialog(innerDc);
  }

  /** True when the message answers the question the dialog is waiting on ("yes", "my knee"…). */
  protected abstract isExpectedAnswer(innerDc: DialogContext, text: string): boolean;
  /** Called after the safety message is sent, before the dialog ends; ruleId names the safety rule that fired. */
  protected abstract onSafetyStop(innerDc: DialogContext, route: SafetyRoute, ruleId: string): Promise<void>;
  /** Called when the patient cancels, before the dialog ends. */
  protected abstract onCancel(innerDc: DialogContext): Promise<void>;
  protected abstract helpReply(): PlannedReply;

  protected async send(innerDc: DialogContext, reply: PlannedReply): Promise<void> {
    await innerDc.context.sendActivity(renderReply(innerDc.context, reply));
  }

  private async interrupt(innerDc: DialogContext, decision: RoutingDecision): Promise<DialogTurnResult | undefined> {
    if (decision.route === 'red-flag' && decision.escalation !== undefined && this.checkDialog !== undefined && innerDc.activeDialog?.id !== this.checkDialog.id) {
      // Held first; the check then ends this dialog and its parents whatever the answer.
      await this.onSafetyStop(innerDc, decision.route, decision.id);
      return innerDc.beginDialog(this.checkDialog.id, escalationCheckOptions(decision.escalation, decision.language, decision.id));
    }
    if (decision.route === 'emergency' || decision.route === 'red-flag') {
      await this.send(innerDc, this.composer.compose(decision));
      await this.onSafetyStop(innerDc, decision.route, decision.id);
      return innerDc.cancelAllDialogs(true);
    }
    if (decision.route === 'safety-check' && this.checkDialog !== undefined && innerDc.activeDialog?.id !== this.checkDialog.id) {
      return innerDc.beginDialog(this.checkDialog.id, safetyCheckOptions(decision.check, decision.language, decision.pending));
    }
    if (answerFeedbackClick(innerDc.context.activity) !== undefined) {
      noteAnsweredQuestion(innerDc.context, { route: 'answer-feedback', id: 'unknown', answer: 'not-counted' });
      return this.askAgain(innerDc);
    }
    if (decision.route === 'smalltalk' && decision.id === FORGET_ME_ID) {
      // No "screen cancelled" line: the main dialog's forget-me reply says what happened.
      await innerDc.cancelAllDialogs();
      return { status: DialogTurnStatus.complete, result: FORGET_REQUESTED };
    }
    if (decision.route === 'smalltalk' && decision.id === 'restart') {
      await this.onCancel(innerDc);
      return innerDc.cancelAllDialogs();
    }
    if (this.isExpectedAnswer(innerDc, innerDc.context.activity.text ?? '')) return undefined;
    if (decision.route === 'smalltalk' && decision.id === 'help') return this.askAgain(innerDc, this.helpReply());
    if (decision.route === 'answer' && decision.id !== FIND_PROVIDER_ID) {
      // Only the answer text: follow-up buttons would compete with the pending question's buttons.
      return this.askAgain(innerDc, { ...this.composer.answer(decision.id), buttons: [] });
    }
    return undefined;
  }

  /** Asks the pending question again, after a lead (an answer, the help text) in the same message when the question is the bot's own prompt. */
  private async askAgain(innerDc: DialogContext, lead?: PlannedReply): Promise<DialogTurnResult> {
    const active = innerDc.activeDialog;
    const prompt = active === undefined ? undefined : innerDc.findDialog(active.id);
    if (lead !== undefined && active !== undefined && prompt instanceof TextAnswerPrompt) {
      await prompt.repromptWithLead(innerDc.context, active, renderReply(innerDc.context, lead));
    } else {
      if (lead !== undefined) await this.send(innerDc, lead);
      await innerDc.repromptDialog();
    }
    return { status: DialogTurnStatus.waiting };
  }
}
