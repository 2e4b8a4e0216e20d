import { ConversationState, type TurnContext } from 'botbuilder';
import { isSharedTeamsConversation } from '../../dialogs/conversationScope';

/**
 * Conversation state (the dialog stack) kept per person in Teams channels and group chats,
 * and per conversation everywhere else. A group chat is one conversation for all its members:
 * with shared state, Bob's "Yes" on Alice's screening card would answer Alice's red-flag
 * questions for her, and his FAQ question would land in the middle of her screen.
 */
export class MemberScopedConversationState extends ConversationState {
  override getStorageKey(context: TurnContext): string | undefined {
    const key = super.getStorageKey(context);
    if (key === undefined || !isSharedTeamsConversation(context.activity)) return key;
    const from = context.activity.from as { id?: string; aadObjectId?: string } | undefined;
    const member = from?.aadObjectId ?? from?.id;
    return member ? `${key.replace(/\/$/, '')}/members/${member}` : key;
  }
}
