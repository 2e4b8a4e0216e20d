import type { Activity } from 'botbuilder';
import type { Server } from 'restify';
import { createApplication } from '../../bot/createApplication';
import { listen } from '../../bot/server';
import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { silentLogger, testConfig } from '../support/testConfig';
import {
  ADAPTIVE_CARD,
  BOT,
  button,
  cardButtons,
  channelThread,
  groupChat,
  personalChat,
  TeamsClient,
  teamsMember,
  type SubmitAction,
  type TeamsConversation,
} from './support/teamsChannel';
import { TeamsConnector } from './support/teamsConnector';

interface HeroCardContent {
  readonly title: string;
  readonly text: string;
  readonly buttons: readonly { readonly type: string; readonly title: string; readonly value: string }[];
}

/**
 * Microsoft Teams over the real HTTP stack: the restify server on an ephemeral port, the real
 * CloudAdapter (unauthenticated, so no token is ever fetched), Teams-shaped activities in, and
 * nock standing in for the Teams Bot Connector at smba.trafficmanager.net.
 */
describe('the bot in Microsoft Teams (personal, group chat and channel)', () => {
  let server: Server;
  let baseUrl: string;
  let knowledgeBase: KnowledgeBase;
  const connector = new TeamsConnector();
  const alex = teamsMember('Alex Rivera');
  const sam = teamsMember('Sam Lee');

  beforeAll(async () => {
    // Teams' real serviceUrl, unauthenticated: as through a tunnel, so any serviceUrl is allowed.
    const application = createApplication({ config: testConfig({ localDirectLineEnabled: false, allowAnyServiceUrl: true, publicUrl: 'https://bot.clinic.example' }), logger: silentLogger() });
    server = application.server;
    knowledgeBase = application.knowledgeBase;
    baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
    connector.start();
  });

  afterAll(() => {
    connector.stop();
    server.close();
  });

  beforeEach(() => connector.take());

  afterEach(() => {
    // Nothing but the Bot Connector was called: no token request, no other internet service.
    expect(connector.escapedRequests.splice(0)).toEqual([]);
  });

  const client = (conversation: TeamsConversation): TeamsClient => new TeamsClient(baseUrl, conversation);
  const isFeedbackButton = (action: SubmitAction): boolean => typeof action.data === 'object' && action.data !== null && 'answerFeedback' in action.data;
  const faqAnswer = (id: string): string => knowledgeBase.faq.find((entry) => entry.id === id)?.answer.trim().slice(0, 60) ?? `<no FAQ entry ${id}>`;
  /** The emergency number as the bot writes it: bold, and a tel: link. */
  const emergencyNumber = (): string => `**[${knowledgeBase.clinic.emergencyNumber}](tel:${knowledgeBase.clinic.emergencyNumber})**`;

  function expectCardButtonsOnly(message: Partial<Activity> | undefined): void {
    expect(message?.suggestedActions).toBeUndefined();
    expect(message?.attachments?.map((attachment) => attachment.contentType)).toEqual([ADAPTIVE_CARD]);
    for (const action of cardButtons(message)) {
      expect(action.type).toBe('Action.Submit');
      // "Did this help?" reports on the answer in its value (see teamsAnswerFeedback.test.ts); every other button sends its text.
      if (isFeedbackButton(action)) expect(action.data).toMatchObject({ msteams: { type: 'messageBack', text: action.title, displayText: action.title } });
      else expect(action.data).toMatchObject({ text: action.title, msteams: { type: 'messageBack', text: action.title } });
    }
  }

  describe('personal chat', () => {
    it('welcomes once when the chat starts, with every topic as an Adaptive Card button', async () => {
      const bot = client(personalChat());
      // Teams adds the bot and the person in one update when someone opens a 1:1 chat.
      await bot.membersAdded(alex, [BOT, { id: alex.id }]);
      const messages = connector.takeMessages();
      expect(messages).toHaveLength(1);
      expect(messages[0]?.text).toContain(knowledgeBase.clinic.name);
      expect(messages[0]?.text).toContain('not medical advice');
      expectCardButtonsOnly(messages[0]);
      // All ten topics, "Find a provider" last: a hero card would show only six in Teams.
      const titles = cardButtons(messages[0]).map((action) => action.title);
      expect(titles).toHaveLength(knowledgeBase.conversation.topics.length);
      expect(titles[titles.length - 1]).toBe(knowledgeBase.conversation.findProviderLabel);
    });

    it('answers every message, no mention needed, with follow-ups on a card and no suggested actions', async () => {
      const conversation = personalChat();
      const response = await client(conversation).say(alex, 'Is ART painful?');
      expect(response.status).toBe(200);
      const replies = connector.take();
      // Replies go to the Teams connector, into this conversation (the traces are dropped for Teams).
      expect(replies.map((reply) => reply.conversationId)).toEqual([conversation.id]);
      const [answer] = replies.map((reply) => reply.activity);
      expect(answer?.text).toContain(faqAnswer('is-art-painful'));
      expectCardButtonsOnly(answer);
      expect(cardButtons(answer).map((action) => action.title)).toContain(knowledgeBase.conversation.findProviderLabel);
    });

    it('falls back with at most four topics and "See all topics" on a card; pressing it lists every topic', async () => {
      const bot = client(personalChat());
      const { conversation, faq } = knowledgeBase;
      await bot.say(alex, 'what is the capital of australia');
      const [fallback] = connector.takeMessages();
      expect(fallback?.text).toContain(conversation.fallback.trim().slice(0, 40));
      expectCardButtonsOnly(fallback);
      const titles = cardButtons(fallback).map((action) => action.title);
      expect(titles.length).toBeLessThanOrEqual(5);
      expect(titles.at(-1)).toBe(conversation.allTopics.label);

      // Pressed on the card: Teams posts the button's data, with no text.
      await bot.submit(alex, button(fallback, conversation.allTopics.label).data);
      const [list] = connector.takeMessages();
      for (const id of conversation.topics) expect(list?.text).toContain(`- ${faq.find((entry) => entry.id === id)?.question}`);
      expectCardButtonsOnly(list);
      expect(cardButtons(list).length).toBeLessThanOrEqual(4);
    });

    it('answers a follow-up button pressed on its card', async () => {
      const bot = client(personalChat());
      await bot.say(alex, 'how long does a session take');
      const [answer] = connector.takeMessages();
      const followUp = cardButtons(answer)[0];
      if (followUp === undefined) throw new Error('the answer has no follow-up buttons');
      await bot.submit(alex, followUp.data);
      const [reply] = connector.takeMessages();
      const entry = knowledgeBase.faq.find((faq) => faq.question === followUp.title);
      expect(reply?.text).toContain(entry?.answer.trim().slice(0, 60));
    });
  });

  describe('channel', () => {
    it('answers when mentioned, with the mention stripped before routing', async () => {
      await client(channelThread()).say(alex, 'is ART painful', { mention: true });
      const messages = connector.takeMessages();
      expect(messages).toHaveLength(1);
      expect(messages[0]?.text).toContain(faqAnswer('is-art-painful'));
      expectCardButtonsOnly(messages[0]);
    });

    it('stays silent when not mentioned', async () => {
      const response = await client(channelThread()).say(alex, 'is ART painful');
      expect(response.status).toBe(200);
      expect(connector.take()).toEqual([]);
    });

    it('puts safety first: an emergency with a mention gets only the emergency guidance', async () => {
      await client(channelThread()).say(alex, 'is ART ok if I have crushing chest pain and my left arm is numb?', { mention: true });
      const messages = connector.takeMessages();
      expect(messages).toHaveLength(1);
      expect(messages[0]?.text).toContain(emergencyNumber());
      expect(messages[0]?.suggestedActions).toBeUndefined();
      // Its only button, on an Adaptive Card, opens tel: (Teams mobile dials it; the number is in the text for desktop).
      expect(messages[0]?.attachments?.map((attachment) => attachment.contentType)).toEqual([ADAPTIVE_CARD]);
      const { emergencyNumber: number } = knowledgeBase.clinic;
      expect(cardButtons(messages[0])).toEqual([{ type: 'Action.OpenUrl', title: `Call ${number}`, url: `tel:${number}` }]);
    });

    it('ignores an emergency typed without a mention, like any message not addressed to it', async () => {
      // Teams does not deliver such messages without RSC consent; if one arrives, the bot was not spoken to.
      await client(channelThread()).say(alex, 'i have crushing chest pain and my left arm is numb');
      expect(connector.take()).toEqual([]);
    });

    it('introduces itself once when added to a team, and greets no one who joins later', async () => {
      const bot = client(channelThread());
      await bot.membersAdded(alex, [BOT], 'teamMemberAdded');
      const messages = connector.takeMessages();
      expect(messages).toHaveLength(1);
      expect(messages[0]?.text).toContain('not medical advice');
      expect(messages[0]?.text).toContain(knowledgeBase.conversation.teamIntroduction);
      expect(messages[0]?.suggestedActions).toBeUndefined();

      await bot.membersAdded(alex, [{ id: sam.id }], 'teamMemberAdded');
      await bot.membersAdded(alex, [{ id: teamsMember('Jo').id }, { id: teamsMember('Kim').id }], 'teamMemberAdded');
      expect(connector.take()).toEqual([]);
    });
  });

  describe('group chat', () => {
    it('runs a whole screening to provider cards, driven by card submissions', async () => {
      const bot = client(groupChat());
      const { questions, areaQuestion } = knowledgeBase.screening;
      const noLabel = knowledgeBase.screening.answers.noLabel;

      await bot.say(alex, 'Find a provider', { mention: true });
      let messages = connector.takeMessages();
      let prompt = messages[messages.length - 1];
      expect(prompt?.text).toContain(questions[0]?.text.split('\n')[0]);
      expectCardButtonsOnly(prompt);

      for (const [index] of questions.entries()) {
        const no = button(prompt, noLabel);
        // Action.Submit arrives as a message with the button's data as value, no text and no mention.
        await bot.submit(alex, no.data);
        messages = connector.takeMessages();
        prompt = messages[messages.length - 1];
        const next = questions[index + 1];
        expect(prompt?.text).toContain(next === undefined ? areaQuestion : next.text.split('\n')[0]);
        expectCardButtonsOnly(prompt);
      }

      await bot.submit(alex, button(prompt, 'Hip, knee or leg').data);
      const [cards] = connector.takeMessages();
      expect(cards?.text).toContain(knowledgeBase.screening.suggestionIntro);
      expect(cards?.attachmentLayout).toBe('carousel');
      const heroCards = (cards?.attachments ?? []).map((attachment) => {
        expect(attachment.contentType).toBe('application/vnd.microsoft.card.hero');
        return attachment.content as HeroCardContent;
      });
      expect(heroCards.length).toBeGreaterThan(0);
      expect(heroCards.length).toBeLessThanOrEqual(3);
      for (const card of heroCards) {
        expect(card.buttons.map((action) => action.title)).toEqual(['Book online']);
        // Through the bot's own signed link at PUBLIC_URL (Teams opens https links only).
        expect(card.buttons[0]?.value).toMatch(/^https:\/\/bot\.clinic\.example\/book\//);
        // Teams clients ignore tel: buttons, so the number is on the card instead.
        expect(card.text).toMatch(/Call \+?[\d ]+/);
      }
    });

    it('accepts the other forms a button press takes: messageBack text with a value, and imBack text with a mention', async () => {
      const bot = client(groupChat());
      const [, second, third] = knowledgeBase.screening.questions;
      const noLabel = knowledgeBase.screening.answers.noLabel;
      await bot.say(alex, 'Find a provider', { mention: true });
      connector.take();

      await bot.post(bot.activity(alex, { type: 'message', text: noLabel, value: { text: noLabel } }));
      expect(connector.takeMessages().map((message) => message.text).join('\n')).toContain(second?.text.split('\n')[0]);

      await bot.say(alex, noLabel, { mention: true });
      expect(connector.takeMessages().map((message) => message.text).join('\n')).toContain(third?.text.split('\n')[0]);
    });

    it('keeps each member\'s screening their own: another member pressing "Yes" does not answer for them', async () => {
      const bot = client(groupChat());
      const [first, second] = knowledgeBase.screening.questions;
      await bot.say(alex, 'Find a provider', { mention: true });
      const alexPrompt = connector.takeMessages().pop();

      await bot.submit(sam, button(alexPrompt, knowledgeBase.screening.answers.yesLabel).data);
      const samSaw = connector.takeMessages().map((message) => message.text).join('\n');
      expect(samSaw).not.toContain(first?.onYes?.trim().slice(0, 40));

      await bot.submit(alex, button(alexPrompt, knowledgeBase.screening.answers.noLabel).data);
      expect(connector.takeMessages().map((message) => message.text).join('\n')).toContain(second?.text.split('\n')[0]);
    });

    it('introduces itself once when added to a group chat', async () => {
      const bot = client(groupChat());
      await bot.membersAdded(alex, [BOT]);
      expect(connector.takeMessages()).toHaveLength(1);
      await bot.membersAdded(alex, [{ id: sam.id }]);
      expect(connector.take()).toEqual([]);
    });

    it('stays silent when not mentioned', async () => {
      await client(groupChat()).say(alex, 'how long is a session?');
      expect(connector.take()).toEqual([]);
    });
  });
});
