import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import pino from 'pino';
import { FaqBot } from '../../bot/faqBot';
import { FolderFiles } from '../../bot/learning/folderFiles';
import { GapsRecorder } from '../../bot/learning/gapsRecorder';
import { LearningStore } from '../../bot/learning/learningStore';
import { PendingSuggestions } from '../../bot/learning/pendingSuggestions';
import { createMainDialog } from '../../dialogs/createMainDialog';
import { SafetyHold } from '../../dialogs/safetyHold';
import { GapsLog } from '../../knowledge/gaps/gapsLog';
import type { GapRecord } from '../../knowledge/gaps/gapRecord';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

/**
 * What the gaps log keeps and what it never keeps, through the real bot and dialogs on a TestAdapter
 * (Emulator channel), with the GapsRecorder middleware writing to a real folder store. Each row is a
 * fresh conversation; "CHOICE" presses the first "did you mean" button the bot offered.
 */
const { knowledgeBase, router, composer } = fixtureKnowledge();
const { conversation, screening } = knowledgeBase;
const CHOICE = Symbol('the first "did you mean" choice');
const NOW = Date.parse('2026-03-10T15:30:00Z');

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

interface Harness {
  readonly adapter: TestAdapter;
  readonly store: LearningStore;
  readonly sent: Partial<Activity>[];
}

function harness(): Harness {
  const folder = mkdtempSync(join(tmpdir(), 'gaps-bot-'));
  folders.push(folder);
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const hold = new SafetyHold(storage, conversationState);
  const logger = pino({ level: 'silent' });
  const bot = new FaqBot(conversationState, createMainDialog(knowledgeBase, router, composer, conversationState, hold), composer, logger);
  const store = new LearningStore(new FolderFiles(folder), { retentionDays: 30, clock: () => NOW });
  const sent: Partial<Activity>[] = [];
  const adapter = new TestAdapter(async (context) => {
    context.onSendActivities(async (_context, activities, next) => {
      sent.push(...activities);
      return next();
    });
    await bot.run(context);
  }, { channelId: 'emulator' });
  adapter.use(new GapsRecorder(new GapsLog(knowledgeBase, router), store, logger, { pending: new PendingSuggestions({ clock: () => NOW }), clock: () => NOW }));
  return { adapter, store, sent };
}

/** Plays the steps; CHOICE sends the value of the first button of the last "did you mean". */
async function play(steps: readonly (string | typeof CHOICE)[]): Promise<{ records: GapRecord[]; replies: Partial<Activity>[] }> {
  const { adapter, store, sent } = harness();
  for (const step of steps) {
    let text: string;
    if (step === CHOICE) {
      const offer = [...sent].reverse().find((activity) => activity.type === ActivityTypes.Message && activity.text === conversation.didYouMean);
      const value: unknown = offer?.suggestedActions?.actions[0]?.value;
      if (typeof value !== 'string') throw new Error('the bot offered no "did you mean" choice to press');
      text = value;
    } else {
      text = step;
    }
    await adapter.send(text).startTest();
  }
  return { records: (await store.readGaps()).records, replies: sent };
}

const unanswerable = 'do you sell gift cards';
const secondUnanswerable = 'is there wifi in the waiting room';
/** The bot offers "did you mean" (cost-and-insurance first) for these. */
const suggested = 'are there any discounts';
const otherSuggested = 'is there parking near you';
const caution = screening.questions.findIndex((question) => question.level === 'caution');

describe('the gaps log keeps the questions the bot could not answer', () => {
  it('keeps a fallback message, redacted, with its route, best candidates, day and channel, and nothing else', async () => {
    const { records } = await play(['my name is Sarah Jones, do you sell gift cards? I saw them on 12/03/2025']);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(Object.keys(record ?? {}).sort()).toEqual(['candidates', 'channel', 'day', 'route', 'text']);
    expect(record).toMatchObject({ route: 'fallback', day: '2026-03-10', channel: 'emulator', text: 'my name is [name], do you sell gift cards? I saw them on [date]' });
    expect(record?.candidates.length).toBeLessThanOrEqual(3);
    // TestAdapter's user, bot and conversation ids, and the text's name and date, are nowhere in the store.
    expect(JSON.stringify(records)).not.toMatch(/Sarah|Jones|2025|user1|bot|convo/i);
  });

  it.each([
    ['"None of these" after "did you mean" keeps the question before it', [suggested, conversation.noneOfThese.label], [['none-of-these', suggested]]],
    ['asking again in other words after "did you mean" keeps the question before it', [suggested, 'what do students pay'], [['rephrased', suggested]]],
    ['a rephrase the bot cannot answer either is kept too, as a fallback', [suggested, unanswerable], [['rephrased', suggested], ['fallback', unanswerable]]],
    ['a rephrase that is a "did you mean" again keeps the first, and waits on the second', [suggested, otherSuggested, conversation.noneOfThese.label], [['rephrased', suggested], ['none-of-these', otherSuggested]]],
    ['two fallbacks are two records', [unanswerable, secondUnanswerable], [['fallback', unanswerable], ['fallback', secondUnanswerable]]],
  ] as const)('%s', async (_name, steps, expected) => {
    const { records } = await play(steps);
    expect(records.map((record) => [record.route, record.text])).toEqual(expected);
  });
});

describe('the gaps log never keeps', () => {
  it.each([
    ['an answered question', ['how long does a session take']],
    ['a "did you mean" whose choice is pressed', [suggested, CHOICE]],
    ['a "did you mean" followed by small talk', [suggested, 'thanks']],
    ['a "did you mean" followed by nothing', [suggested]],
    ['"None of these" without a "did you mean" before it', [conversation.noneOfThese.label]],
    ['an emergency', ['i have crushing chest pain, do you sell gift cards']],
    ['a red flag', ['i fell down the stairs yesterday, do you sell gift cards']],
    ['a red flag that may be an emergency (the escalation check), and its answer', ['fell yesterday and my chest feels weird', 'no']],
    ['a message that asks a check question, its "no", and the answer waiting behind it', ['my chest feels weird, do you sell gift cards', 'no']],
    ['a check answer that is not a yes or no', ['my chest feels weird', unanswerable]],
    ['a message that touches a safety concept without firing anything', ['no chest pain, do you sell gift cards']],
    ['a message with a word a safety concept lists in another sense ("want")', ['i want a gift card']],
    ['screening answers, and an unanswerable message mid-screen', ["I'd like to book an appointment", 'no', unanswerable, 'no']],
    ['a question after a red flag in the same conversation', ['i fell down the stairs yesterday', unanswerable]],
    ['a question after a check question was asked in the conversation', ['my chest feels weird', 'no', unanswerable]],
    ['a question after a screening "yes" (a caution) in the conversation', ["I'd like to book an appointment", ...Array<string>(caution).fill('no'), 'yes', 'cancel', unanswerable]],
    ['a "did you mean" followed by a message that touches safety', [suggested, 'no chest pain, do you sell gift cards']],
    ['a "did you mean" followed by an emergency', [suggested, 'i have crushing chest pain']],
    ['a "did you mean" followed by "forget me"', [suggested, 'forget me']],
  ] as const)('%s', async (_name, steps) => {
    const { records } = await play(steps);
    expect(records).toEqual([]);
  });

  it('a message in a conversation whose hold came from the screen', async () => {
    const { records, replies } = await play(["I'd like to book an appointment", 'yes', unanswerable]);
    expect(replies.some((reply) => reply.text?.includes(knowledgeBase.clinic.emergencyNumber))).toBe(true);
    expect(records).toEqual([]);
  });
});
