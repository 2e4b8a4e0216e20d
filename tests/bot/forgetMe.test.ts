import { ActivityTypes, MemoryStorage, TestAdapter, type Activity, type StoreItems } from 'botbuilder';
import pino from 'pino';
import { createTurnErrorHandler } from '../../bot/createAdapter';
import { FaqBot } from '../../bot/faqBot';
import { replyMarkdown } from '../../dialogs/rendering/activityRenderer';
import { MemberScopedConversationState } from '../../bot/teams/memberScopedConversationState';
import { createMainDialog } from '../../dialogs/createMainDialog';
import { SafetyHold } from '../../dialogs/safetyHold';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

/**
 * "Forget me" deletes the conversation's stored state (dialog stack, checks asked, the answer
 * waiting behind a check, the screening answers) and keeps the safety hold, on every channel.
 * The real bot on a TestAdapter; storage is read back directly.
 */
const { knowledgeBase, router, composer } = fixtureKnowledge();
const { screening } = knowledgeBase;

// As sent: the clinic's numbers as tel: links.
const forgotten = replyMarkdown(composer.forgotten({ holdKept: false }));
const forgottenHeld = replyMarkdown(composer.forgotten({ holdKept: true }));
const onHoldText = composer.bookingOnHold('see-doctor').text;
const chestCheck = composer.checkQuestion('chest', 'en').text;
const redFlag = 'i got tackled at rugby yesterday and i think my collarbone is broken, can art help';

interface Harness {
  readonly storage: MemoryStorage;
  /** The conversation state's storage key, as the bot computed it in the last turn. */
  stateKey(): string;
  say(text: string): Promise<Partial<Activity>[]>;
  read(key: string): Promise<Record<string, unknown> | undefined>;
}

function harness(channelId: string, conversation: Partial<Activity['conversation']> = {}): Harness {
  const storage = new MemoryStorage();
  const conversationState = new MemberScopedConversationState(storage);
  const hold = new SafetyHold(storage, conversationState);
  const logger = pino({ level: 'silent' });
  const bot = new FaqBot(conversationState, createMainDialog(knowledgeBase, router, composer, conversationState, hold), composer, logger);
  const sent: Partial<Activity>[] = [];
  let key: string | undefined;
  const adapter = new TestAdapter(async (context) => {
    key = conversationState.getStorageKey(context);
    context.onSendActivities(async (_context, activities, next) => {
      sent.push(...activities);
      return next();
    });
    await bot.run(context);
  }, { channelId, conversation: { id: `${channelId}-forget`, name: 'chat', isGroup: false, ...conversation } as Activity['conversation'] });
  adapter.onTurnError = createTurnErrorHandler({ logger, conversationState, safetyHold: hold, errorMessage: replyMarkdown(composer.error()) });
  return {
    storage,
    stateKey: () => {
      if (key === undefined) throw new Error('no turn yet');
      return key;
    },
    async say(text) {
      sent.length = 0;
      await adapter.send(text).startTest();
      return sent.filter((activity) => activity.type === ActivityTypes.Message);
    },
    async read(itemKey) {
      const items: StoreItems = await storage.read([itemKey]);
      return items[itemKey] as Record<string, unknown> | undefined;
    },
  };
}

const texts = (messages: readonly Partial<Activity>[]): string[] => messages.map((message) => message.text ?? '');

describe.each(['emulator', 'webchat', 'msteams'])('"forget me" on %s', (channelId) => {
  it('deletes the stored conversation state; nothing is held, so the reply says nothing was kept', async () => {
    const chat = harness(channelId);
    expect(texts(await chat.say('my chest feels weird'))).toEqual([chestCheck]);
    const before = await chat.read(chat.stateKey());
    // The check asked and the answer waiting behind it are stored before…
    expect(before?.safetyChecksAsked).toEqual(['chest']);
    expect(JSON.stringify(before?.dialogState)).toContain('pending');

    const reply = await chat.say('forget me');
    expect(texts(reply)).toEqual([forgotten]);
    expect(reply[0]?.text).not.toContain(forgottenHeld.slice(forgotten.length).trim().slice(0, 40));
    expect(reply[0]?.suggestedActions).toBeUndefined();
    // …and gone after: no conversation state, and no hold was ever created.
    expect(await chat.read(chat.stateKey())).toBeUndefined();
    expect(await chat.read(SafetyHold.keyForState(chat.stateKey()))).toBeUndefined();
    // The check was forgotten too, so the same message asks it again.
    expect(texts(await chat.say('my chest feels weird'))).toEqual([chestCheck]);
  });

  it('keeps the safety hold: the reply says booking stays paused, and booking is still held afterwards', async () => {
    const chat = harness(channelId);
    await chat.say(redFlag);
    await chat.say('my chest feels weird');
    const holdKey = SafetyHold.keyForState(chat.stateKey());
    expect(await chat.read(holdKey)).toMatchObject({ hold: { level: 'see-doctor' } });

    const reply = await chat.say('please delete my data');
    expect(texts(reply)).toEqual([forgottenHeld]);
    expect(forgottenHeld.startsWith(forgotten)).toBe(true);
    expect(forgottenHeld.length).toBeGreaterThan(forgotten.length);
    expect(JSON.stringify(reply)).not.toContain(knowledgeBase.conversation.findProviderLabel);

    expect(await chat.read(chat.stateKey())).toBeUndefined();
    expect(await chat.read(holdKey)).toMatchObject({ hold: { level: 'see-doctor' }, screeningFlags: [] });
    const afterwards = await chat.say("I'd like to book an appointment");
    expect(afterwards[0]?.text).toContain(onHoldText.slice(0, 60));
    expect(JSON.stringify(afterwards)).not.toContain(screening.intro);
  });
});

describe('"forget me" in the middle of a dialog', () => {
  it('ends a screen, deletes the screening answers kept next to the hold, and the next "yes" starts nothing', async () => {
    const chat = harness('emulator');
    const caution = screening.questions.findIndex((question) => question.level === 'caution');
    await chat.say("I'd like to book an appointment");
    for (let index = 0; index < caution; index += 1) await chat.say('No');
    await chat.say('yes');
    const holdKey = SafetyHold.keyForState(chat.stateKey());
    expect(await chat.read(holdKey)).toMatchObject({ screeningFlags: [screening.questions[caution]?.id] });

    const reply = await chat.say('erase my conversation');
    expect(texts(reply)).toEqual([forgotten]);
    expect(JSON.stringify(reply)).not.toContain(screening.cancelled.slice(0, 30));
    expect(await chat.read(chat.stateKey())).toBeUndefined();
    const record = await chat.read(holdKey);
    expect(record?.hold).toBeUndefined();
    expect(record?.screeningFlags).toEqual([]);
    // No screen is waiting for an answer any more.
    const next = texts(await chat.say('yes')).join('\n');
    for (const question of screening.questions) expect(next).not.toContain(question.text.slice(0, 40));
  });

  it('ends a pending check question without counting as an answer: no hold, and the check is asked afresh later', async () => {
    const chat = harness('emulator');
    await chat.say('my chest feels weird');
    expect(texts(await chat.say('forget me'))).toEqual([forgotten]);
    expect(await chat.read(SafetyHold.keyForState(chat.stateKey()))).toBeUndefined();
    expect(texts(await chat.say('my chest feels weird'))).toEqual([chestCheck]);
  });

  it('keeps an emergency hold raised while a check was pending, and booking stays held', async () => {
    const chat = harness('emulator');
    await chat.say("I'd like to book an appointment");
    await chat.say('my chest feels weird');
    await chat.say('yes');
    const holdKey = SafetyHold.keyForState(chat.stateKey());
    const held = await chat.read(holdKey);
    expect(held?.hold).toBeDefined();
    expect(texts(await chat.say('forget me'))).toEqual([forgottenHeld]);
    expect((await chat.read(holdKey))?.hold).toEqual(held?.hold);
    const afterwards = texts(await chat.say('find a provider')).join('\n');
    expect(afterwards).not.toContain(screening.intro);
  });
});

describe('safety still wins over "forget me"', () => {
  it('"forget me, I can\'t breathe" gets only the emergency reply, holds booking, and forgets nothing', async () => {
    const chat = harness('emulator');
    await chat.say('my chest feels weird');
    const reply = await chat.say("forget me, I can't breathe");
    expect(texts(reply)).toEqual([replyMarkdown(composer.safetyReply('emergency', 'en'))]);
    expect(JSON.stringify(reply)).not.toContain(forgotten.slice(0, 30));
    expect((await chat.read(chat.stateKey()))?.safetyChecksAsked).toEqual(['chest']);
    expect(await chat.read(SafetyHold.keyForState(chat.stateKey()))).toMatchObject({ hold: { level: 'emergency' } });
  });

  it('routes the short phrases to forget-me, and a longer message with a question is not small talk', () => {
    for (const text of ['forget me', 'Forget me please', 'delete my data', 'erase my conversation', 'delete this chat', 'i want to be forgotten']) {
      expect(router.route(text)).toMatchObject({ route: 'smalltalk', id: 'forget-me' });
    }
    expect(router.route('forget it')).toMatchObject({ route: 'smalltalk', id: 'restart' });
    expect(router.route('forget me, how long does a session take')).not.toMatchObject({ id: 'forget-me' });
    expect(router.route("forget me, I can't breathe")).toMatchObject({ route: 'emergency' });
  });
});
