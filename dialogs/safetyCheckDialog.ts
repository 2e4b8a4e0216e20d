import type { DialogContext, DialogTurnResult, PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './botbuilderDialogs';
import { TextAnswerPrompt } from './textAnswerPrompt';
import { renderReply } from './rendering/activityRenderer';
import type { PlannedReply } from '../knowledge/replies/plannedReply';
import type { ReplyComposer } from '../knowledge/replies/replyComposer';
import type { MessageRouter } from '../knowledge/routing/messageRouter';
import type { YesNoReader } from '../knowledge/screening/screeningAnswers';
import { noteAnsweredQuestion } from './answeredQuestion';
import { DIALOG_IDS } from './dialogIds';
import { InterruptibleDialog, type SafetyRoute } from './interruptibleDialog';
import type { SafetyCheckCleared, SafetyCheckOptions } from './safetyCheckOptions';
import type { SafetyChecksAsked } from './safetyChecksAsked';
import type { SafetyHold } from './safetyHold';
import { sendEmulatorTrace } from './emulatorTraces';

export const SAFETY_CHECK_TRACE = 'SafetyCheck';

/** After this many answers that are not a yes or no, the check counts as answered yes: unsure is not "fine". */
export const MAX_CHECK_ATTEMPTS = 2;

const CHECK_STEPS = 'safetyCheckSteps';
const CHECK_PROMPT = 'safetyCheckPrompt';

/**
 * One yes/no safety question, asked when a message touched a risk without saying enough ("my chest
 * feels weird"). A yes, an unsure answer, or no usable answer after MAX_CHECK_ATTEMPTS gives the
 * safety reply and puts booking on hold; a no ends the dialog with the original answer for the parent
 * to give. Messages while it waits still pass the safety check first (see the parents' interruptions):
 * a new emergency is never held up by the question.
 */
export class SafetyCheckDialog extends InterruptibleDialog {
  constructor(
    router: MessageRouter,
    composer: ReplyComposer,
    checksAsked: SafetyChecksAsked,
    private readonly safetyHold: SafetyHold,
    private readonly answers: YesNoReader,
  ) {
    super(DIALOG_IDS.safetyCheck, router, composer, checksAsked);
    this.addDialog(new TextAnswerPrompt(CHECK_PROMPT, (prompt) => this.validate(prompt)));
    this.addDialog(new WaterfallDialog(CHECK_STEPS, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = CHECK_STEPS;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { check, language } = step.options as SafetyCheckOptions;
    await this.checksAsked.add(step.context, check.concept);
    return step.prompt(CHECK_PROMPT, {
      prompt: renderReply(step.context, this.composer.checkQuestion(check.concept, language)),
      retryPrompt: renderReply(step.context, this.composer.checkQuestion(check.concept, language, { again: true })),
      // Read back by the validator, to log an unusable answer under this check.
      validations: { concept: check.concept },
    });
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { check, language, pending, redFlagRuleId } = step.options as SafetyCheckOptions;
    const answer = this.answers.read(String(step.result));
    noteAnsweredQuestion(step.context, { route: 'check-answer', id: check.concept, answer: answer ?? 'unclear' });
    if (answer === 'no' && redFlagRuleId !== undefined) {
      // Not an emergency, but still the red flag: its reply, and booking stays on hold (recorded before asking).
      await step.context.sendActivity(renderReply(step.context, this.composer.safetyReply('red-flag', language)));
      await sendEmulatorTrace(step.context, SAFETY_CHECK_TRACE, () => ({ concept: check.concept, answer: 'no', redFlag: redFlagRuleId }));
      return step.cancelAllDialogs(true);
    }
    if (answer === 'no') {
      await sendEmulatorTrace(step.context, SAFETY_CHECK_TRACE, () => ({ concept: check.concept, answer: 'no' }));
      return step.endDialog({ cleared: pending } satisfies SafetyCheckCleared);
    }
    await step.context.sendActivity(renderReply(step.context, this.composer.safetyReply(check.reply, language)));
    await this.safetyHold.record(step.context, check.level === 'emergency' ? 'emergency' : 'see-doctor', `check:${check.concept}`);
    await sendEmulatorTrace(step.context, SAFETY_CHECK_TRACE, () => ({ concept: check.concept, answer: answer ?? 'unclear' }));
    // A yes ends whatever the check interrupted (a screen in progress included): booking is now on hold.
    return step.cancelAllDialogs(true);
  }

  // ----- interruptions (see InterruptibleDialog) ------------------------------------------

  protected isExpectedAnswer(_innerDc: DialogContext, text: string): boolean {
    return this.answers.read(text) !== undefined;
  }

  protected async onSafetyStop(innerDc: DialogContext, route: SafetyRoute, ruleId: string): Promise<void> {
    await this.safetyHold.record(innerDc.context, route === 'emergency' ? 'emergency' : 'see-doctor', ruleId);
  }

  protected onCancel(): Promise<void> {
    return Promise.resolve();
  }

  /** "help" while a check waits: why the bot asks; the question then comes again. */
  protected helpReply(): PlannedReply {
    return this.composer.reply(this.composer.checkReprompt('en'));
  }

  private validate(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const understood = prompt.recognized.succeeded && this.answers.read(prompt.recognized.value ?? '') !== undefined;
    const { concept } = (prompt.options.validations ?? {}) as { concept?: string };
    if (!understood && concept !== undefined) noteAnsweredQuestion(prompt.context, { route: 'check-answer', id: concept, answer: 'unclear' });
    return Promise.resolve(understood || prompt.attemptCount >= MAX_CHECK_ATTEMPTS);
  }
}
