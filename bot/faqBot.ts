import { ActivityHandler, type ConversationState, type TurnContext } from 'botbuilder';
import type { Dialog, DialogState } from 'botbuilder-dialogs';
import { DialogTurnRunner } from '../dialogs/dialogTurn';
import type { ReplyComposer } from '../knowledge/replies/replyComposer';
import type { Logger } from './logger';
import { isETagConflict } from '../dialogs/safetyHold';
import { answeredQuestion } from '../dialogs/answeredQuestion';
import { isConversationToBeForgotten } from '../dialogs/forgetting';
import { routedDecision } from '../dialogs/turnRouting';
import { renderReply } from '../dialogs/rendering/activityRenderer';
import { useBookingLinks, type BookingLinkFor } from '../dialogs/rendering/providerCards';
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
  private readonly turns: DialogTurnRunner;

  constructor(
    private readonly conversationState: ConversationState,
    dialog: Dialog,
    private readonly composer: ReplyComposer,
    private readonly logger: Logger,
    private readonly bookingLinks?: (context: TurnContext) => BookingLinkFor | undefined,
  ) {
    super();
    this.turns = new DialogTurnRunner(dialog, conversationState.createProperty<DialogState>('dialogState'));

    this.onMessage(async (context, next) => {
      // Un-addressed messages in Teams channels and group chats get no reply (see teamsMessages.ts).
      if (prepareIncomingMessage(context.activity)) {
        await this.turns.run(context);
        this.logRouting(context);
      }
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const greeting = greetingFor(context.activity);
      if (greeting === 'welcome') await context.sendActivity(renderReply(context, this.composer.welcome()));
      if (greeting === 'introduction') {
        await context.sendActivity(renderReply(context, teamIntroduction(this.composer.welcome(), this.composer.reply(this.composer.teamIntroduction.trim()))));
      }
      await next();
    });
  }

  /** Ids and scores only at info level: what patients type is health information, logged at debug at most. */
  private logRouting(context: TurnContext): void {
    const decision = routedDecision(context);
    if (decision === undefined) return;
    // An answer to the bot's own question is logged as that, not as the FAQ miss "yes" or "no" would be.
    const answered = answeredQuestion(context);
    if (answered !== undefined) this.logger.info({ channelId: context.activity.channelId, ...answered }, 'message routed');
    else this.logger.info({ channelId: context.activity.channelId, route: decision.route, id: decision.id, score: decision.score }, 'message routed');
    this.logger.debug({ text: context.activity.text }, 'message text');
  }

  /**
   * Saves the dialog stack after every turn, whatever happened in it. When a concurrent turn of the
   * same conversation (a double-click, a second tab) saved first, its newer stack is kept: the
   * replies of this turn are already sent, and the safety hold was written on its own (SafetyHold).
   * After "forget me" the conversation state is deleted from storage instead; the hold, under its
   * own key, stays.
   */
  override async run(context: TurnContext): Promise<void> {
    const linkFor = this.bookingLinks?.(context);
    if (linkFor !== undefined) useBookingLinks(context, linkFor);
    await super.run(context);
    if (isConversationToBeForgotten(context)) {
      await this.conversationState.delete(context);
      this.logger.info({ channelId: context.activity.channelId }, 'conversation state deleted at the patient\'s request; any safety hold kept');
      return;
    }
    try {
      await this.conversationState.saveChanges(context, false);
    } catch (error) {
      if (!isETagConflict(error)) throw error;
      this.logger.warn({ channelId: context.activity.channelId }, 'a concurrent turn saved the dialog stack first; keeping its version');
    }
  }
}
