import type { Activity } from 'botbuilder';
import type { Server } from 'restify';
import { createApplication } from '../../bot/createApplication';
import { listen } from '../../bot/server';
import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { silentLogger, testConfig } from '../support/testConfig';
import { ADAPTIVE_CARD, button, cardButtons, channelThread, groupChat, personalChat, TeamsClient, teamsMember, type TeamsConversation } from './support/teamsChannel';
import { TeamsConnector } from './support/teamsConnector';

interface CardElement {
  readonly type: string;
  readonly text?: string;
  readonly actions?: readonly { readonly type: string; readonly title: string; readonly data?: unknown; readonly url?: string }[];
}

/** The body of the message's Adaptive Card, in order. */
function cardBody(message: Partial<Activity> | undefined): CardElement[] {
  const card = message?.attachments?.find((attachment) => attachment.contentType === ADAPTIVE_CARD);
  return ((card?.content as { body?: CardElement[] } | undefined)?.body ?? []).slice();
}

/**
 * "Did this help?" in Microsoft Teams, over the real HTTP stack (restify, CloudAdapter, nock for the
 * Bot Connector): the question and its buttons on the answer's Adaptive Card, and presses, in the
 * forms Teams posts them, reaching the feedback sink once.
 */
describe('"Did this help?" in Microsoft Teams', () => {
  let server: Server;
  let baseUrl: string;
  let knowledgeBase: KnowledgeBase;
  const connector = new TeamsConnector();
  const recorded: { entryId: string; helpful: boolean }[] = [];
  const alex = teamsMember('Alex Rivera');
  const sam = teamsMember('Sam Lee');

  beforeAll(async () => {
    const application = createApplication({
      config: testConfig({ localDirectLineEnabled: false, allowAnyServiceUrl: true, publicUrl: 'https://bot.clinic.example' }),
      logger: silentLogger(),
      answerFeedback: (entryId, helpful) => {
        recorded.push({ entryId, helpful });
        return Promise.resolve();
      },
    });
    server = application.server;
    knowledgeBase = application.knowledgeBase;
    baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
    connector.start();
  });

  afterAll(() => {
    connector.stop();
    server.close();
  });

  beforeEach(() => {
    connector.take();
    recorded.length = 0;
  });

  afterEach(() => {
    expect(connector.escapedRequests.splice(0)).toEqual([]);
  });

  const client = (conversation: TeamsConversation): TeamsClient => new TeamsClient(baseUrl, conversation);
  const feedback = () => knowledgeBase.conversation.feedback;
  const entry = (id: string) => knowledgeBase.faq.find((candidate) => candidate.id === id);

  async function answer(bot: TeamsClient, text: string, options: { mention?: boolean } = {}): Promise<Partial<Activity>> {
    await bot.say(alex, text, options);
    const [message] = connector.takeMessages();
    return message ?? {};
  }

  it('puts the question and its two buttons at the bottom of the answer\'s card, under the follow-ups', async () => {
    const message = await answer(client(personalChat()), 'Is ART painful?');
    expect(message.suggestedActions).toBeUndefined();
    // The question is on the card, with its buttons, not in the message's text.
    expect(message.text).not.toContain(feedback().question);
    const body = cardBody(message);
    const [question, buttons] = body.slice(-2);
    expect(question).toMatchObject({ type: 'TextBlock', text: feedback().question, wrap: true, separator: true });
    expect(buttons?.type).toBe('ActionSet');
    expect(buttons?.actions?.map((action) => [action.type, action.title])).toEqual([
      ['Action.Submit', feedback().helpfulLabel],
      ['Action.Submit', feedback().notHelpfulLabel],
    ]);
    // Above them, the follow-ups as before, "Find a provider" last.
    const followUps = body.slice(0, -2).flatMap((element) => element.actions ?? []).map((action) => action.title);
    expect(followUps.at(-1)).toBe(knowledgeBase.conversation.findProviderLabel);
    for (const id of entry('is-art-painful')?.related ?? []) expect(followUps).toContain(entry(id)?.question);
  });

  it('counts Yes once when pressed as Teams posts it (messageBack: the label as text, the report as value)', async () => {
    const bot = client(personalChat());
    const message = await answer(bot, 'Is ART painful?');
    const yes = button(message, feedback().helpfulLabel);
    await bot.messageBack(alex, yes.data);
    const [thanks] = connector.takeMessages();
    expect(thanks?.text).toBe(feedback().thanks.trim());
    expect(recorded).toEqual([{ entryId: 'is-art-painful', helpful: true }]);

    // Pressed again (the card stays in the chat): the same thanks, nothing more counted.
    await bot.messageBack(alex, yes.data);
    expect(connector.takeMessages().map((reply) => reply.text)).toEqual([feedback().thanks.trim()]);
    expect(recorded).toHaveLength(1);
  });

  it('counts No when a client posts the card\'s data itself, and offers the related questions and a Call button', async () => {
    const bot = client(personalChat());
    const message = await answer(bot, entry('session-length')?.question ?? '');
    await bot.submit(alex, button(message, feedback().notHelpfulLabel).data);
    const [reply] = connector.takeMessages();
    expect(recorded).toEqual([{ entryId: 'session-length', helpful: false }]);
    expect(reply?.text).toContain(feedback().notHelpful.slice(0, 30));
    const { phone } = knowledgeBase.clinic;
    const buttons = cardButtons(reply);
    expect(buttons[0]).toEqual({ type: 'Action.OpenUrl', title: `Call ${phone}`, url: `tel:${phone.replace(/[^\d+]/g, '')}` });
    const titles = buttons.map((action) => action.title);
    for (const id of entry('session-length')?.related ?? []) expect(titles).toContain(entry(id)?.question);
    expect(titles).not.toContain(feedback().helpfulLabel);
  });

  it('does not count a press on an older answer\'s card', async () => {
    const bot = client(personalChat());
    const older = await answer(bot, 'Is ART painful?');
    await answer(bot, entry('session-length')?.question ?? '');
    await bot.messageBack(alex, button(older, feedback().helpfulLabel).data);
    expect(connector.takeMessages().map((reply) => reply.text)).toEqual([feedback().thanks.trim()]);
    expect(recorded).toEqual([]);
  });

  it('in a channel, answers a press without a mention, and counts only the asker\'s own answer', async () => {
    const bot = client(channelThread());
    const message = await answer(bot, 'is ART painful', { mention: true });
    const yes = button(message, feedback().helpfulLabel);

    // Sam presses the button under Alex's answer: each member's conversation is their own.
    await bot.messageBack(sam, yes.data);
    expect(connector.takeMessages()).toHaveLength(1);
    expect(recorded).toEqual([]);

    await bot.messageBack(alex, yes.data);
    expect(connector.takeMessages().map((reply) => reply.text)).toEqual([feedback().thanks.trim()]);
    expect(recorded).toEqual([{ entryId: 'is-art-painful', helpful: true }]);
  });

  it('in a group chat, a typed "yes" with a mention is an ordinary message, not feedback', async () => {
    const bot = client(groupChat());
    await answer(bot, 'is ART painful', { mention: true });
    await bot.say(alex, 'yes', { mention: true });
    expect(connector.takeMessages().map((reply) => reply.text).join('\n')).not.toContain(feedback().thanks.trim());
    expect(recorded).toEqual([]);
  });
});
