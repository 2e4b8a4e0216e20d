import type { TurnContext } from 'botbuilder';
import type { Dialog, DialogContext, DialogTurnResult, PromptOptions, PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './botbuilderDialogs';
import { TextAnswerPrompt } from './textAnswerPrompt';
import { renderReply } from './rendering/activityRenderer';
import { providerCardsActivity } from './rendering/providerCards';
import type { KnowledgeBase } from '../knowledge/loading/knowledgeBase';
import type { PlannedReply, ReplyButton } from '../knowledge/replies/plannedReply';
import type { ReplyComposer } from '../knowledge/replies/replyComposer';
import type { MessageRouter } from '../knowledge/routing/messageRouter';
import type { Screening, ScreeningQuestion } from '../knowledge/schemas/screeningSchema';
import { cautionLines } from '../knowledge/screening/cautionLines';
import { ScreeningAnswers } from '../knowledge/screening/screeningAnswers';
import { suggestProviders } from '../knowledge/screening/providerSuggestions';
import { noteAnsweredQuestion } from './answeredQuestion';
import { DIALOG_IDS } from './dialogIds';
import { InterruptibleDialog, type SafetyRoute } from './interruptibleDialog';
import type { SafetyChecksAsked } from './safetyChecksAsked';
import type { SafetyHold } from './safetyHold';
import { sendEmulatorTrace } from './emulatorTraces';

export const SCREENING_TRACE = 'Screening';
export const PROVIDER_SUGGESTION_TRACE = 'ProviderSuggestion';
export type ScreeningOutcome = 'clear' | 'see-doctor' | 'emergency' | 'abandoned';

/** After this many answers it cannot understand, the screen ends and offers the phone number. */
export const MAX_UNUSABLE_ANSWERS = 3;

const QUESTION_LOOP = 'screeningQuestions';
const AREA_STEPS = 'screeningArea';
const YES_NO_PROMPT = 'screeningYesNo';
const AREA_PROMPT = 'screeningAreaPrompt';

interface QuestionLoopOptions {
  readonly index: number;
}

function questionIndex(step: WaterfallStepContext): number {
  return (step.options as QuestionLoopOptions | undefined)?.index ?? 0;
}

/**
 * The short red-flag screen that runs before any provider is suggested. An emergency "yes"
 * stops it at once; a see-doctor "yes" ends it with advice; only when every answer is no (or a
 * caution) does it ask for the area and suggest up to three providers as cards.
 */
export class ScreeningDialog extends InterruptibleDialog {
  private readonly screening: Screening;
  private readonly answers: ScreeningAnswers;

  constructor(
    private readonly knowledgeBase: KnowledgeBase,
    router: MessageRouter,
    composer: ReplyComposer,
    private readonly safetyHold: SafetyHold,
    checksAsked: SafetyChecksAsked,
    safetyCheckDialog: Dialog,
  ) {
    super(DIALOG_IDS.screening, router, composer, checksAsked, safetyCheckDialog);
    this.screening = knowledgeBase.screening;
    this.answers = new ScreeningAnswers(this.screening);

    this.addDialog(new TextAnswerPrompt(YES_NO_PROMPT, (prompt) => this.validateYesNo(prompt)));
    this.addDialog(new TextAnswerPrompt(AREA_PROMPT, (prompt) => this.validateArea(prompt)));
    this.addDialog(new WaterfallDialog(QUESTION_LOOP, [this.askQuestionStep.bind(this), this.handleAnswerStep.bind(this)]));
    this.addDialog(new WaterfallDialog(AREA_STEPS, [this.askAreaStep.bind(this), this.suggestProvidersStep.bind(this)]));
    this.initialDialogId = QUESTION_LOOP;
  }

  // ----- waterfall steps ------------------------------------------------------------------

  private async askQuestionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const index = questionIndex(step);
    const question = this.question(index);
    if (index === 0) {
      await this.safetyHold.clearScreeningFlags(step.context);
      // The screen's introduction comes with its first question, in one message.
      const introduction = `${this.screening.intro}\n\n_${this.knowledgeBase.clinic.disclaimer}_`;
      return step.prompt(YES_NO_PROMPT, this.yesNoPromptOptions(step.context, question, introduction));
    }
    return step.prompt(YES_NO_PROMPT, this.yesNoPromptOptions(step.context, question));
  }

  private async handleAnswerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const index = questionIndex(step);
    const question = this.question(index);
    const answer = this.answers.yesNo(String(step.result));
    noteAnsweredQuestion(step.context, { route: 'screening-answer', id: question.id, answer: answer ?? 'unclear' });
    if (answer === undefined) return this.giveUp(step);
    if (answer === 'yes') {
      await this.safetyHold.addScreeningFlag(step.context, question.id);
      if (question.level === 'emergency') return this.finishWithAdvice(step, question, 'emergency');
      if (question.level === 'see-doctor') return this.finishWithAdvice(step, question, 'see-doctor');
    }
    if (index + 1 < this.screening.questions.length) return step.replaceDialog(QUESTION_LOOP, { index: index + 1 } satisfies QuestionLoopOptions);
    return step.replaceDialog(AREA_STEPS);
  }

  private async askAreaStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const buttons = this.screening.areas.map((area): ReplyButton => ({ title: area.label, value: area.label }));
    return step.prompt(AREA_PROMPT, {
      prompt: renderReply(step.context, this.composer.reply(this.screening.areaQuestion, buttons)),
      retryPrompt: renderReply(step.context, this.composer.reply(this.screening.areaReprompt, buttons)),
    });
  }

  private async suggestProvidersStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const area = this.answers.area(String(step.result), this.screening.areas);
    noteAnsweredQuestion(step.context, { route: 'screening-answer', id: 'area', answer: area?.id ?? 'unclear' });
    if (area === undefined) return this.giveUp(step);
    const suggestion = suggestProviders(this.knowledgeBase.providers, area.id);
    const flags = await this.progress(step);
    const lines = [suggestion.matchedArea ? this.screening.suggestionIntro : this.screening.noAreaMatch, ...cautionLines(this.screening, flags)];

    await step.context.sendActivity(providerCardsActivity(step.context, suggestion.providers, lines.join('\n\n'), this.screening.providerCard));
    await sendEmulatorTrace(step.context, PROVIDER_SUGGESTION_TRACE, () => ({ area: area.id, providerIds: suggestion.providers.map((p) => p.id) }));
    await this.traceOutcome(step.context, 'clear', flags);
    return step.endDialog();
  }

  // ----- prompts --------------------------------------------------------------------------

  /** The question, after `introduction` when there is one; asked again (after an unusable answer) without it. */
  private yesNoPromptOptions(context: TurnContext, question: ScreeningQuestion, introduction?: string): PromptOptions {
    const buttons: ReplyButton[] = [
      { title: this.screening.answers.yesLabel, value: this.screening.answers.yesLabel },
      { title: this.screening.answers.noLabel, value: this.screening.answers.noLabel },
    ];
    return {
      prompt: renderReply(context, this.composer.reply(introduction === undefined ? question.text : `${introduction}\n\n${question.text}`, buttons)),
      retryPrompt: renderReply(context, this.composer.reply(`${this.screening.reprompt}\n\n${question.text}`, buttons)),
      // Read back by the validator, to log an unusable answer under this question.
      validations: { questionId: question.id },
    };
  }

  /** Accepts a yes or no; after the third answer it cannot use, lets the step end the screen politely. */
  private validateYesNo(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const understood = prompt.recognized.succeeded && this.answers.yesNo(prompt.recognized.value ?? '') !== undefined;
    const { questionId } = (prompt.options.validations ?? {}) as { questionId?: string };
    if (!understood && questionId !== undefined) noteAnsweredQuestion(prompt.context, { route: 'screening-answer', id: questionId, answer: 'unclear' });
    return Promise.resolve(understood || prompt.attemptCount >= MAX_UNUSABLE_ANSWERS);
  }

  private validateArea(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const understood = prompt.recognized.succeeded && this.answers.area(prompt.recognized.value ?? '', this.screening.areas) !== undefined;
    if (!understood) noteAnsweredQuestion(prompt.context, { route: 'screening-answer', id: 'area', answer: 'unclear' });
    return Promise.resolve(understood || prompt.attemptCount >= MAX_UNUSABLE_ANSWERS);
  }

  // ----- endings --------------------------------------------------------------------------

  private async finishWithAdvice(step: WaterfallStepContext, question: ScreeningQuestion, outcome: 'emergency' | 'see-doctor'): Promise<DialogTurnResult> {
    // Held before the advice is sent: a channel that fails mid-reply must not leave booking open.
    await this.safetyHold.record(step.context, outcome, question.id);
    // The advice tells them to call (the emergency number, or the clinic): a call button for each number it gives.
    await this.send(step, this.composer.urgentReply(question.onYes ?? ''));
    if (outcome === 'see-doctor') {
      // Offer to keep answering questions: topic buttons, never "Find a provider".
      const topics = this.composer.welcome().buttons.filter((button) => button.value !== this.composer.findProviderButton.value);
      await this.send(step, this.composer.reply(this.screening.afterSeeDoctor, topics));
    }
    await this.traceOutcome(step.context, outcome, await this.progress(step));
    return step.endDialog();
  }

  private async giveUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.send(step, this.composer.reply(this.screening.tooManyUnusable));
    await this.traceOutcome(step.context, 'abandoned', await this.progress(step));
    return step.endDialog();
  }

  // ----- interruptions (see InterruptibleDialog) ------------------------------------------

  protected isExpectedAnswer(innerDc: DialogContext, text: string): boolean {
    const pending = innerDc.activeDialog?.id;
    if (pending === YES_NO_PROMPT) return this.answers.yesNo(text) !== undefined;
    if (pending === AREA_PROMPT) return this.answers.area(text, this.screening.areas) !== undefined;
    return false;
  }

  protected async onSafetyStop(innerDc: DialogContext, route: SafetyRoute, ruleId: string): Promise<void> {
    const outcome = route === 'emergency' ? 'emergency' : 'see-doctor';
    await this.safetyHold.record(innerDc.context, outcome, ruleId);
    await this.traceOutcome(innerDc.context, outcome, await this.progress(innerDc));
  }

  protected async onCancel(innerDc: DialogContext): Promise<void> {
    await this.send(innerDc, this.composer.reply(this.screening.cancelled));
    await this.traceOutcome(innerDc.context, 'abandoned', await this.progress(innerDc));
  }

  protected helpReply(): PlannedReply {
    return this.composer.reply(this.screening.help);
  }

  // ----- state and traces -----------------------------------------------------------------

  private question(index: number): ScreeningQuestion {
    const question = this.screening.questions[index];
    if (question === undefined) throw new Error(`The screening has no question ${index + 1}`);
    return question;
  }

  /**
   * The ids answered yes in this screen. Kept with the safety hold, outside the dialog stack,
   * so a failed turn that resets the stack does not lose them.
   */
  private progress(innerDc: DialogContext): Promise<readonly string[]> {
    return this.safetyHold.screeningFlags(innerDc.context);
  }

  private async traceOutcome(context: TurnContext, outcome: ScreeningOutcome, flags: readonly string[]): Promise<void> {
    await sendEmulatorTrace(context, SCREENING_TRACE, () => ({ outcome, flags: [...flags] }));
  }
}
