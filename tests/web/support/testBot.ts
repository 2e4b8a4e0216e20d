import { ActivityHandler, CardFactory, MessageFactory } from 'botbuilder';

/**
 * A stand-in for the real bot in web-channel tests: it welcomes on conversationUpdate
 * (as the widget expects) and echoes, with markdown, suggested actions and a hero card
 * so the browser test exercises the same Web Chat features the real bot uses.
 */
export class EchoTestBot extends ActivityHandler {
  static readonly welcome = 'Hi! I am the **test assistant**. Ask me anything about ART.';

  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter((member) => member.id !== context.activity.recipient.id);
      if (newcomers.length > 0) {
        await context.sendActivity(MessageFactory.suggestedActions(['What is ART?', 'Show a card'], EchoTestBot.welcome));
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const text = (context.activity.text ?? '').trim();
      if (text === 'Show a card') {
        const card = CardFactory.heroCard(
          'Riverside Movement Clinic',
          'Active Release Technique and myofascial release, Monday to Saturday.',
          undefined,
          CardFactory.actions([
            { type: 'imBack', title: 'Book a visit', value: 'Book a visit' },
            { type: 'openUrl', title: 'Our website', value: 'https://example.com' },
          ]),
        );
        await context.sendActivity(MessageFactory.attachment(card));
      } else {
        await context.sendActivity(MessageFactory.suggestedActions(['Show a card', 'What is ART?'], `You said: *${text}*`));
      }
      await next();
    });
  }
}
