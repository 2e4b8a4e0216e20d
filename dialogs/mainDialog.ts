import { ComponentDialog, WaterfallDialog, type Dialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { renderReply } from '../bot/replies/activityRenderer';
import type { ReplyComposer } from '../knowledge/replies/replyComposer';
import { FIND_PROVIDER_ID, type MessageRouter } from '../knowledge/routing/messageRouter';
import { DIALOG_IDS } from './dialogIds';
import { routeTurn } from './turnRouting';

/**
 * The conversation's entry point. Each message is routed (safety first) and answered; a
 * request to book starts the red-flag screening dialog when one is provided.
 */
export class MainDialog extends ComponentDialog {
  constructor(
    private readonly router: MessageRouter,
    private readonly composer: ReplyComposer,
    private readonly screeningDialog?: Dialog,
  ) {
    super(DIALOG_IDS.main);
    if (screeningDialog !== undefined) this.addDialog(screeningDialog);
    this.addDialog(new WaterfallDialog(DIALOG_IDS.mainWaterfall, [this.routeStep.bind(this), this.finishStep.bind(this)]));
    this.initialDialogId = DIALOG_IDS.mainWaterfall;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const decision = await routeTurn(step.context, this.router);
    if (this.screeningDialog !== undefined && decision.route === 'answer' && decision.id === FIND_PROVIDER_ID) {
      return step.beginDialog(this.screeningDialog.id);
    }
    await step.context.sendActivity(renderReply(step.context, this.composer.compose(decision)));
    return step.endDialog();
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }
}
