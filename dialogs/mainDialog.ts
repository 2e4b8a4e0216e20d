import { ComponentDialog, WaterfallDialog, type Dialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { renderReply } from '../bot/replies/activityRenderer';
import type { ReplyComposer } from '../knowledge/replies/replyComposer';
import { FIND_PROVIDER_ID, type MessageRouter } from '../knowledge/routing/messageRouter';
import { DIALOG_IDS } from './dialogIds';
import type { SafetyHold } from './safetyHold';
import { routeTurn } from './turnRouting';

/**
 * The conversation's entry point. Each message is routed (safety first) and answered; a request to
 * book starts the red-flag screening dialog, unless an earlier emergency or red flag put booking on hold.
 */
export class MainDialog extends ComponentDialog {
  constructor(
    private readonly router: MessageRouter,
    private readonly composer: ReplyComposer,
    private readonly screeningDialog: Dialog,
    private readonly safetyHold: SafetyHold,
  ) {
    super(DIALOG_IDS.main);
    this.addDialog(screeningDialog);
    this.addDialog(new WaterfallDialog(DIALOG_IDS.mainWaterfall, [this.routeStep.bind(this), this.finishStep.bind(this)]));
    this.initialDialogId = DIALOG_IDS.mainWaterfall;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const decision = await routeTurn(step.context, this.router);
    if (decision.route === 'emergency' || decision.route === 'red-flag') {
      await this.safetyHold.record(step.context, decision.route === 'emergency' ? 'emergency' : 'see-doctor', decision.id);
    }
    const hold = await this.safetyHold.get(step.context);
    if (decision.route === 'answer' && decision.id === FIND_PROVIDER_ID) {
      if (hold !== undefined) {
        await step.context.sendActivity(renderReply(step.context, this.composer.bookingOnHold(hold.level)));
        return step.endDialog();
      }
      return step.beginDialog(this.screeningDialog.id);
    }
    await step.context.sendActivity(renderReply(step.context, this.composer.compose(decision, { offerBooking: hold === undefined })));
    return step.endDialog();
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }
}
