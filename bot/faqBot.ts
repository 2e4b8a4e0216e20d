import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { ReplyComposer } from '../knowledge/replies/replyComposer';
import type { Logger } from './logger';
import { renderReply } from './replies/activityRenderer';

/**
 * The bot: welcomes people who join, and hands every message to the main dialog, which
 * routes it (safety first) and replies. Conversation state holds only the dialog stack.
 */
export class FaqBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly dialog: Dialog,
    private readonly composer: ReplyComposer,
    private readonly logger: Logger,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');

    this.onMessage(async (context, next) => {
      await runDialog(this.dialog, context, this.dialogState);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter((member) => member.id !== context.activity.recipient.id);
      if (newcomers.length > 0) await context.sendActivity(renderReply(context, this.composer.welcome()));
      await next();
    });
  }

  /** Saves the dialog stack after every turn, whatever happened in it. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }

  /** Forgets the conversation, e.g. after an error, so the next message starts fresh. */
  async resetConversation(context: TurnContext): Promise<void> {
    try {
      await this.conversationState.delete(context);
    } catch (error) {
      this.logger.error({ err: error }, 'could not clear conversation state');
    }
  }
}
