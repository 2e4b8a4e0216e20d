import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import pino, { type Logger } from 'pino';
import { createTurnErrorHandler } from '../../bot/createAdapter';
import { FaqBot } from '../../bot/faqBot';
import { replyMarkdown } from '../../dialogs/rendering/activityRenderer';
import { createMainDialog } from '../../dialogs/createMainDialog';
import { SafetyHold } from '../../dialogs/safetyHold';
import { FAQ_ROUTING_TRACE } from '../../dialogs/turnRouting';
import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { MessageRouter } from '../../knowledge/routing/messageRouter';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

const { knowledgeBase, router, composer } = fixtureKnowledge();
const { clinic, conversation } = knowledgeBase;

interface BotHarness {
  readonly adapter: TestAdapter;
  readonly sent: Partial<Activity>[];
}

/** The real bot on a TestAdapter (Emulator channel), recording every activity it sends, traces included. */
function botHarness(knowledge: KnowledgeBase = knowledgeBase, logger: Logger = pino({ level: 'silent' })): BotHarness {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const botRouter = knowledge === knowledgeBase ? router : new MessageRouter(knowledge);
  const hold = new SafetyHold(storage, conversationState);
  const bot = new FaqBot(
    conversationState,
    createMainDialog(knowledge, botRouter, composer, conversationState, hold, { logger }),
    composer,
    logger,
  );
  const sent: Partial<Activity>[] = [];
  const adapter = new TestAdapter(async (context) => {
    context.onSendActivities(async (_context, activities, next) => {
      sent.push(...activities);
      return next();
    });
    await bot.run(context);
  }, { channelId: 'emulator' });
  adapter.onTurnError = createTurnErrorHandler({ logger: pino({ level: 'silent' }), conversationState, safetyHold: hold, errorMessage: replyMarkdown(composer.error()) });
  return { adapter, sent };
}

async function say(harness: BotHarness, text: string): Promise<{ messages: Partial<Activity>[]; trace: Partial<Activity> | undefined }> {
  harness.sent.length = 0;
  await harness.adapter.send(text).startTest();
  const messages = harness.sent.filter((activity) => activity.type === ActivityTypes.Message);
  const trace = harness.sent.find((activity) => activity.type === ActivityTypes.Trace && activity.name === FAQ_ROUTING_TRACE.name);
  return { messages, trace };
}

const buttonTitles = (activity: Partial<Activity> | undefined): string[] => activity?.suggestedActions?.actions.map((action) => String(action.title)) ?? [];

describe('FaqBot turns', () => {
  it('welcomes a new member once, with the disclaimer and topic buttons, and ignores the bot joining', async () => {
    const harness = botHarness();
    await harness.adapter
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'bot', name: 'Bot' }], recipient: { id: 'bot', name: 'Bot' } })
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user1', name: 'User' }], recipient: { id: 'bot', name: 'Bot' } })
      .startTest();
    const welcomes = harness.sent.filter((activity) => activity.type === ActivityTypes.Message);
    expect(welcomes).toHaveLength(1);
    expect(welcomes[0]?.text).toContain(clinic.name);
    expect(welcomes[0]?.text).toContain('not medical advice');
    expect(buttonTitles(welcomes[0])).toContain(conversation.findProviderLabel);
  });

  it('answers a confident match with the answer, its sources, "Did this help?", related questions and "Find a provider"', async () => {
    const { messages, trace } = await say(botHarness(), 'how long does a session take');
    const entry = knowledgeBase.faq.find((faq) => faq.id === 'session-length');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toContain(entry?.answer.trim().slice(0, 50));
    expect(messages[0]?.text).toContain(`${conversation.sourcesLabel}:`);
    const related = (entry?.related ?? []).map((id) => knowledgeBase.faq.find((faq) => faq.id === id)?.question);
    const { feedback } = conversation;
    expect(messages[0]?.text?.endsWith(feedback.question)).toBe(true);
    expect(buttonTitles(messages[0])).toEqual([feedback.helpfulLabel, feedback.notHelpfulLabel, ...related, conversation.findProviderLabel]);
    expect(trace?.value).toMatchObject({ route: 'answer', id: 'session-length' });
  });

  it('asks "did you mean" with up to 3 candidates and "None of these" below answerAt', async () => {
    // Only near-certainty would be answered outright, so any paraphrase gets "did you mean".
    const decision = { ...knowledgeBase.matching.decision, answerAt: 0.9999, suggestAt: 0.01 };
    const harness = botHarness({ ...knowledgeBase, matching: { ...knowledgeBase.matching, decision } });
    const { messages, trace } = await say(harness, 'does active release hurt a lot');
    expect(trace?.value).toMatchObject({ route: 'suggest' });
    expect(messages[0]?.text).toBe(conversation.didYouMean);
    const titles = buttonTitles(messages[0]);
    expect(titles.length).toBeGreaterThanOrEqual(2);
    expect(titles.length).toBeLessThanOrEqual(4);
    expect(titles[titles.length - 1]).toBe(conversation.noneOfThese.label);

    expect(titles).toContain(knowledgeBase.faq.find((faq) => faq.id === 'is-art-painful')?.question);
    const followUp = await say(harness, titles[0] ?? '');
    expect(followUp.trace?.value).toMatchObject({ route: 'answer', score: 1 });
    const none = await say(harness, conversation.noneOfThese.label);
    expect(none.messages[0]?.text).toContain(clinic.phone);
  });

  it('falls back honestly with at most four topics and "See all topics", which lists every topic when pressed', async () => {
    const harness = botHarness();
    const { messages, trace } = await say(harness, 'what is the capital of australia');
    expect(trace?.value).toMatchObject({ route: 'fallback', id: null });
    expect(messages[0]?.text).toContain(conversation.fallback.trim().slice(0, 40));
    const titles = buttonTitles(messages[0]);
    expect(titles.length).toBeGreaterThanOrEqual(2);
    expect(titles.length).toBeLessThanOrEqual(5);
    expect(titles.at(-1)).toBe(conversation.allTopics.label);

    const all = await say(harness, conversation.allTopics.label);
    expect(all.trace?.value).toMatchObject({ route: 'smalltalk', id: 'all-topics' });
    expect(all.messages).toHaveLength(1);
    for (const id of conversation.topics) expect(all.messages[0]?.text).toContain(`- ${knowledgeBase.faq.find((entry) => entry.id === id)?.question}`);
    expect(buttonTitles(all.messages[0]).length).toBeLessThanOrEqual(4);
  });

  it('sends only the emergency guidance for an emergency, even inside an FAQ question', async () => {
    const { messages, trace } = await say(botHarness(), 'is active release painful? also my face is drooping and my speech is slurred');
    expect(trace?.value).toMatchObject({ route: 'emergency' });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toContain(`**[${clinic.emergencyNumber}](tel:${clinic.emergencyNumber})**`);
    expect(messages[0]?.suggestedActions?.actions).toEqual([{ type: 'openUrl', title: `Call ${clinic.emergencyNumber}`, value: `tel:${clinic.emergencyNumber}` }]);
  });

  it('advises a doctor first for a red flag, with no booking offered', async () => {
    const { messages, trace } = await say(botHarness(), 'i have had a fever for days and my back really hurts, can art help');
    expect(trace?.value).toMatchObject({ route: 'red-flag' });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toContain('doctor');
    expect(JSON.stringify(messages)).not.toContain(clinic.bookingUrl);
    expect(JSON.stringify(messages)).not.toContain(conversation.findProviderLabel);
  });

  it('restarts: "start over" mid-screen clears the screen and the next message is routed afresh', async () => {
    const harness = botHarness();
    const firstQuestion = knowledgeBase.screening.questions[0]?.text.split('\n')[0] ?? '';
    expect(JSON.stringify((await say(harness, 'Find a provider')).messages)).toContain(firstQuestion.slice(0, 20));
    await say(harness, 'start over');
    const after = await say(harness, 'is art painful');
    expect(after.trace?.value).toMatchObject({ route: 'answer', id: 'is-art-painful' });
  });

  it('answers small talk: greeting, thanks, help', async () => {
    const harness = botHarness();
    expect((await say(harness, 'hi')).trace?.value).toMatchObject({ route: 'smalltalk', id: 'greeting' });
    expect((await say(harness, 'thanks so much')).trace?.value).toMatchObject({ route: 'smalltalk', id: 'thanks' });
    const help = await say(harness, 'help');
    expect(help.trace?.value).toMatchObject({ route: 'smalltalk', id: 'help' });
    expect(buttonTitles(help.messages[0]).length).toBeGreaterThanOrEqual(5);
  });

  it('on an error, tells the user without internals, sends the TurnError trace and clears the conversation', async () => {
    const storage = new MemoryStorage();
    const conversationState = new ConversationState(storage);
    const hold = new SafetyHold(storage, conversationState);
    let storageKey = '';
    const failing = new TestAdapter(async (context) => {
      await conversationState.createProperty<number>('progress').set(context, 3);
      await conversationState.saveChanges(context);
      storageKey = `${context.activity.channelId}/conversations/${context.activity.conversation.id}`;
      throw new Error('database password is hunter2');
    }, { channelId: 'emulator' });
    const sent: Partial<Activity>[] = [];
    failing.onTurnError = createTurnErrorHandler({ logger: pino({ level: 'silent' }), conversationState, safetyHold: hold, errorMessage: replyMarkdown(composer.error()) });
    failing.use({
      onTurn: async (context, next) => {
        context.onSendActivities(async (_c, activities, send) => {
          sent.push(...activities);
          return send();
        });
        await next();
      },
    });
    await failing.send('hello').startTest();
    expect(sent.find((activity) => activity.type === 'trace')?.label).toBe('TurnError');
    const message = sent.find((activity) => activity.type === 'message');
    expect(message?.text).toBe(replyMarkdown(composer.error()));
    // The clinic's phone in it is a tel: link, as the application sends it.
    expect(message?.text).toContain(`[${clinic.phone}](tel:${clinic.phone.replace(/[^\d+]/g, '')})`);
    expect(message?.text).not.toContain('hunter2');
    expect(await storage.read([storageKey])).toEqual({});
  });

  it('logs each routed message at info level by route, id and score, never with its text', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    await say(botHarness(knowledgeBase, logger), 'my wifes hamstring is tight, does active release hurt');
    const routed = lines.map((line) => JSON.parse(line) as { msg: string; route?: string; id?: string }).find((entry) => entry.msg === 'message routed');
    expect(routed).toMatchObject({ route: 'answer', id: 'is-art-painful' });
    expect(lines.join('\n')).not.toMatch(/hamstring|wifes/);
  });

  it.each([
    ['a screening question', 'can i book an appointment', 'no', { route: 'screening-answer', id: knowledgeBase.screening.questions[0]?.id, answer: 'no' }],
    ['a check question', 'my chest feels weird', 'No', { route: 'check-answer', id: 'chest', answer: 'no' }],
    ['a check question, unclear', 'my chest feels weird', 'hmm', { route: 'check-answer', id: 'chest', answer: 'unclear' }],
  ])('logs an answer to %s under its own route, not as an FAQ miss', async (_kind, first, answer, expected) => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const harness = botHarness(knowledgeBase, logger);
    await say(harness, first);
    lines.length = 0;
    await say(harness, answer);
    const routed = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === 'message routed');
    expect(routed).toEqual([expect.objectContaining(expected)]);
    expect(routed[0]).not.toHaveProperty('score');
  });

  it('logs a "Did this help?" press with the entry id and yes or no only, under its own route, not as an FAQ miss', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const harness = botHarness(knowledgeBase, logger);
    const { messages } = await say(harness, 'does active release hurt');
    const helpful = messages[0]?.suggestedActions?.actions.find((action) => action.title === conversation.feedback.helpfulLabel);
    lines.length = 0;
    harness.sent.length = 0;
    await harness.adapter.send({ type: ActivityTypes.Message, text: helpful?.text, value: helpful?.value as unknown, channelData: { messageBack: { displayText: helpful?.displayText } } }).startTest();
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.filter((entry) => entry.msg === 'answer feedback')).toEqual([expect.objectContaining({ level: 30, entryId: 'is-art-painful', helpful: true })]);
    expect(logged.filter((entry) => entry.msg === 'message routed')).toEqual([expect.objectContaining({ route: 'answer-feedback', id: 'is-art-painful', answer: 'helpful' })]);
    expect(harness.sent.filter((activity) => activity.type === ActivityTypes.Message).map((activity) => activity.text)).toEqual([conversation.feedback.thanks.trim()]);
    expect(lines.join('\n')).not.toMatch(/hurt|active release/);
  });
});
