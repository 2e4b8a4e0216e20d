import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { ReplyComposer } from '../knowledge/replies/replyComposer';
import type { Logger } from './logger';
import { renderReply } from './replies/activityRenderer';
import { greetingFor } from './teams/greetings';
import { teamIntroduction } from './teams/teamIntroduction';
import { prepareIncomingMessage } from './teams/teamsMessages';

/**
 * The bot: greets people who join, and hands every message addressed to it to the main dialog,
 * which routes it (safety first) and replies. Conversation state holds only the dialog stack.
 * One class for every channel; Teams differences (mentions, card submissions, scopes) are
 * settled in bot/teams before the dialogs see a message.
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
      // Un-addressed messages in Teams channels and group chats get no reply (see teamsMessages.ts).
      if (prepareIncomingMessage(context.activity)) await runDialog(this.dialog, context, this.dialogState);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const greeting = greetingFor(context.activity);
      if (greeting === 'welcome') await context.sendActivity(renderReply(context, this.composer.welcome()));
      if (greeting === 'introduction') {
        await context.sendActivity(renderReply(context, teamIntroduction(this.composer.welcome(), this.composer.teamIntroduction)));
      }
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
