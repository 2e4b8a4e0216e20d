import type { Activity, TurnContext } from 'botbuilder';
import type { DialogContext, DialogInstance, DialogTurnResult, PromptOptions, PromptRecognizerResult, PromptValidator } from 'botbuilder-dialogs';
import { Dialog } from './botbuilderDialogs';
import { leadInto } from './rendering/leadInto';

interface TextAnswerState {
  options: PromptOptions;
  state: { attemptCount?: number };
}

type PromptActivity = Partial<Activity>;

/**
 * Asks a question and waits for a typed answer, which a validator accepts or refuses (refused: the
 * retry prompt is asked, unless the validator replied itself). It behaves as botbuilder-dialogs'
 * TextPrompt and keeps the same state, so a conversation saved by an earlier version carries on.
 * It is the bot's own because TextPrompt's base class loads Microsoft Recognizers (number and choice
 * models for a dozen languages) at every start for list styles the bot never uses; and it can ask
 * again with a lead, such as the answer to a side question, in the same message.
 */
export class TextAnswerPrompt extends Dialog<PromptOptions> {
  constructor(
    dialogId: string,
    private readonly validator: PromptValidator<string>,
  ) {
    super(dialogId);
  }

  override async beginDialog(dc: DialogContext, options?: PromptOptions): Promise<DialogTurnResult> {
    const instance = dc.activeDialog?.state as TextAnswerState;
    instance.options = { ...options };
    instance.state = {};
    await this.ask(dc.context, instance.options, false);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const instance = dc.activeDialog?.state as TextAnswerState;
    const text = dc.context.activity.text;
    const recognized: PromptRecognizerResult<string> = typeof text === 'string' && text.length > 0 ? { succeeded: true, value: text } : { succeeded: false };
    const attemptCount = (instance.state.attemptCount ?? 0) + 1;
    instance.state.attemptCount = attemptCount;
    const valid = await this.validator({ context: dc.context, recognized, state: instance.state, options: instance.options, attemptCount });
    if (valid) return dc.endDialog(recognized.value);
    if (!dc.context.responded) await this.ask(dc.context, instance.options, true);
    return Dialog.EndOfTurn;
  }

  /** A dialog started on top of the question has ended: the question is asked again. */
  override async resumeDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await this.repromptDialog(dc.context, dc.activeDialog as DialogInstance);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.ask(context, (instance.state as TextAnswerState).options, false);
  }

  /** Asks the question again with a lead before it, in one message. */
  async repromptWithLead(context: TurnContext, instance: DialogInstance, lead: PromptActivity): Promise<void> {
    const { prompt } = (instance.state as TextAnswerState).options;
    await context.sendActivity(prompt === undefined ? lead : expectingInput(leadInto(lead, asActivity(prompt))));
  }

  private async ask(context: TurnContext, options: PromptOptions, isRetry: boolean): Promise<void> {
    const question = isRetry && options.retryPrompt !== undefined ? options.retryPrompt : options.prompt;
    if (question !== undefined) await context.sendActivity(expectingInput(asActivity(question)));
  }
}

/** A question tells the channel that an answer is expected (a microphone opens, for one), unless it says otherwise. */
function expectingInput(activity: PromptActivity): PromptActivity {
  return typeof activity.inputHint === 'string' ? activity : { ...activity, inputHint: 'expectingInput' };
}

function asActivity(prompt: string | PromptActivity): PromptActivity {
  return typeof prompt === 'string' ? { type: 'message', text: prompt } : prompt;
}
