import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity, type CardAction } from 'botbuilder';
import { AnswerFeedback, answerFeedbackClick, type AnswerFeedbackLogger, type AnswerFeedbackSink } from '../../dialogs/answerFeedback';
import { createMainDialog } from '../../dialogs/createMainDialog';
import { SafetyHold } from '../../dialogs/safetyHold';
import { ReplyComposer } from '../../knowledge/replies/replyComposer';
import { FIND_PROVIDER_ID } from '../../knowledge/routing/findProvider';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';
import { allOf, notShown, runDialogCase, visibleText, type DialogCase, type PatientTurn } from '../support/dialogCases';

const { knowledgeBase, router, composer } = fixtureKnowledge();
const { conversation, screening, clinic } = knowledgeBase;
const { feedback } = conversation;

const entry = (id: string) => {
  const found = knowledgeBase.faq.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no FAQ entry ${id}`);
  return found;
};
const answerOf = (id: string): string => entry(id).answer.trim().slice(0, 50);
const firstScreenQuestion = screening.questions[0]?.text.split('\n')[0] ?? '';
const checkQuestion = (concept: string): string => knowledgeBase.safety.checks.find((check) => check.concept === concept)?.question.en ?? concept;
const emergency = composer.safetyMessage('emergency', 'en').slice(0, 50);
const crisis = composer.safetyMessage('crisis', 'en').slice(0, 50);
const redFlag = composer.redFlagMessage.slice(0, 50);
const seeDoctorHold = composer.bookingOnHold('see-doctor').text.slice(0, 50);
const redFlagMessage = 'i have a fever and my back really hurts';

// ---- Reading the bot's replies -------------------------------------------------------------

const actionsOf = (replies: readonly Partial<Activity>[]): CardAction[] => replies.flatMap((reply) => reply.suggestedActions?.actions ?? []);
const feedbackActions = (replies: readonly Partial<Activity>[]): CardAction[] =>
  actionsOf(replies).filter((action) => answerFeedbackClick({ value: action.value as unknown }) !== undefined);

/** "Did this help?" once, under the answer: its line ends the text, its two buttons (messageBack, the label as text) come first after any call. */
const asksFeedback = (replies: readonly Partial<Activity>[]): void => {
  const messages = replies.filter((reply) => reply.type === 'message');
  expect(messages).toHaveLength(1);
  expect(messages[0]?.text?.endsWith(`\n\n${feedback.question}`)).toBe(true);
  const buttons = feedbackActions(replies);
  expect(buttons.map((action) => [action.type, action.title, action.displayText, action.text])).toEqual([
    ['messageBack', feedback.helpfulLabel, feedback.helpfulLabel, feedback.helpfulLabel],
    ['messageBack', feedback.notHelpfulLabel, feedback.notHelpfulLabel, feedback.notHelpfulLabel],
  ]);
  const nonCalls = actionsOf(replies).filter((action) => action.type !== 'openUrl');
  expect(nonCalls.slice(0, 2)).toEqual(buttons);
};

const noFeedback = (replies: readonly Partial<Activity>[]): void => {
  expect(feedbackActions(replies)).toEqual([]);
  expect(visibleText(replies)).not.toContain(feedback.question);
};


/** Nothing in the reply starts booking: neither "Find a provider" nor the booking question. */
const offersNoBooking = (replies: readonly Partial<Activity>[]): void => {
  const values = actionsOf(replies).map((action) => String(action.value));
  expect(values).not.toContain(conversation.findProviderLabel);
  expect(values).not.toContain(entry(FIND_PROVIDER_ID).question);
};

/** The reply to No: the notHelpful text with the answer's related questions as buttons, and a Call button for the clinic. */
const notHelpfulReply = (entryId: string) => (replies: readonly Partial<Activity>[]): void => {
  expect(visibleText(replies)).toContain(feedback.notHelpful.slice(0, 30));
  const actions = actionsOf(replies);
  expect(actions[0]).toMatchObject({ type: 'openUrl', value: `tel:${clinic.phone.replace(/[^\d+]/g, '')}` });
  const questions = actions.filter((action) => action.type === 'imBack').map((action) => String(action.value));
  const related = entry(entryId).related.filter((id) => id !== FIND_PROVIDER_ID).map((id) => entry(id).question);
  for (const question of related) expect(questions).toContain(question);
  noFeedback(replies);
};

const thanks = allOf(feedback.thanks.slice(0, 30), noFeedback);

// ---- What the patient does ------------------------------------------------------------------

function pressing(buttons: readonly CardAction[], helpful: boolean): Partial<Activity> {
  const button = buttons[helpful ? 0 : 1];
  if (button === undefined) throw new Error('no "Did this help?" buttons to press');
  // As Web Chat sends a messageBack: the label as text and to show, and the value.
  return { text: button.text, value: button.value as unknown, channelData: { messageBack: { displayText: button.displayText } } };
}

/** Presses Yes or No under the answer of the turn before. */
const press = (helpful: boolean) => (previous: readonly Partial<Activity>[]): Partial<Activity> => pressing(feedbackActions(previous), helpful);

/** The "Did this help?" buttons of an earlier answer, to press again later: a second click, an older answer's buttons. */
class EarlierButtons {
  private buttons: CardAction[] = [];

  /** Keeps the buttons of the turn before, and takes this turn as given. */
  keepThen(turn: PatientTurn): PatientTurn {
    return (previous) => {
      this.buttons = feedbackActions(previous);
      return typeof turn === 'string' ? { text: turn } : turn(previous);
    };
  }

  press(helpful: boolean): PatientTurn {
    return () => pressing(this.buttons, helpful);
  }
}

// ---- Running a conversation -----------------------------------------------------------------

interface Recorded {
  readonly entryId: string;
  readonly helpful: boolean;
}

function recordInto(recorded: Recorded[]): AnswerFeedbackSink {
  return (entryId, helpful) => {
    recorded.push({ entryId, helpful });
    return Promise.resolve();
  };
}

async function run(testCase: DialogCase, sink?: AnswerFeedbackSink, logger?: AnswerFeedbackLogger, replies: ReplyComposer = composer): Promise<Recorded[]> {
  const recorded: Recorded[] = [];
  const storage = new MemoryStorage();
  const state = new ConversationState(storage);
  const recordingSink = sink ?? recordInto(recorded);
  const dialog = createMainDialog(knowledgeBase, router, replies, state, new SafetyHold(storage, state), { sink: recordingSink, logger });
  const result = await runDialogCase(dialog, testCase, state);
  expect(result.status).toBe(testCase.expectedStatus);
  return recorded;
}

describe('"Did this help?" is asked under FAQ answers only', () => {
  const cases: DialogCase[] = [
    { name: 'an FAQ answer', steps: [['is ART painful', allOf(answerOf('is-art-painful'), asksFeedback)]], expectedStatus: 'complete' },
    { name: 'the contact answer, its Call button first', steps: [['how do I contact you', allOf(answerOf('contact'), asksFeedback)]], expectedStatus: 'complete' },
    { name: 'an answer while booking is on hold, with nothing that books', steps: [[redFlagMessage, redFlag], ['is ART painful', allOf(asksFeedback, offersNoBooking)]], expectedStatus: 'complete' },
    { name: 'the answer given after a check question is answered no', steps: [['my chest feels weird, is ART painful', checkQuestion('chest')], ['no', allOf(answerOf('is-art-painful'), asksFeedback)]], expectedStatus: 'complete' },
    { name: 'not the emergency reply', steps: [['I have crushing chest pain', allOf(emergency, noFeedback)]], expectedStatus: 'complete' },
    { name: 'not the crisis reply', steps: [['i want to kill myself', allOf(crisis, noFeedback)]], expectedStatus: 'complete' },
    { name: 'not the red-flag reply', steps: [[redFlagMessage, allOf(redFlag, noFeedback)]], expectedStatus: 'complete' },
    { name: 'not a check question', steps: [['my chest feels weird', allOf(checkQuestion('chest'), noFeedback)]], expectedStatus: 'waiting' },
    { name: 'not the safety reply after a yes to a check', steps: [['my chest feels weird', checkQuestion('chest')], ['yes', allOf(emergency, noFeedback)]], expectedStatus: 'complete' },
    { name: 'not the screen before booking', steps: [[conversation.findProviderLabel, allOf(firstScreenQuestion, noFeedback)]], expectedStatus: 'waiting' },
    { name: 'not an answer given in the middle of the screen', steps: [[conversation.findProviderLabel, firstScreenQuestion], ['is ART painful', allOf(answerOf('is-art-painful'), noFeedback)]], expectedStatus: 'waiting' },
    { name: 'not the on-hold message', steps: [[redFlagMessage, redFlag], [conversation.findProviderLabel, allOf(seeDoctorHold, noFeedback)]], expectedStatus: 'complete' },
    { name: 'not the fallback', steps: [['what is the capital of australia', allOf(conversation.fallback.trim().slice(0, 30), noFeedback)]], expectedStatus: 'complete' },
    { name: 'not "did you mean"', steps: [['release', allOf(conversation.didYouMean.slice(0, 30), noFeedback)]], expectedStatus: 'complete' },
    { name: 'not small talk', steps: [['thanks', noFeedback], ['hi', noFeedback], ['help', noFeedback]], expectedStatus: 'complete' },
    { name: 'not two answers at once (which one helped?)', steps: [['how long is a session and how much does it cost', allOf(answerOf('session-length'), answerOf('cost-and-insurance'), noFeedback)]], expectedStatus: 'complete' },
  ];

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    expect(await run(testCase)).toEqual([]);
  });
});

describe('a press on "Did this help?"', () => {
  it('Yes is counted once for the answered entry, and thanked', async () => {
    const recorded = await run({ name: 'yes', steps: [['is ART painful', asksFeedback], [press(true), thanks]], expectedStatus: 'complete' });
    expect(recorded).toEqual([{ entryId: 'is-art-painful', helpful: true }]);
  });

  it('No is counted once, and gets the related questions and the clinic phone with a Call button', async () => {
    const recorded = await run({
      name: 'no',
      steps: [[entry('session-length').question, asksFeedback], [press(false), allOf(notHelpfulReply('session-length'), clinic.phone)]],
      expectedStatus: 'complete',
    });
    expect(recorded).toEqual([{ entryId: 'session-length', helpful: false }]);
  });

  it('a second press on the same answer (a double-click, then the other button) counts nothing more', async () => {
    const earlier = new EarlierButtons();
    const recorded = await run({
      name: 'twice',
      steps: [
        ['is ART painful', asksFeedback],
        [earlier.keepThen(press(true)), thanks],
        [earlier.press(true), thanks],
        [earlier.press(false), notHelpfulReply('is-art-painful')],
      ],
      expectedStatus: 'complete',
    });
    expect(recorded).toEqual([{ entryId: 'is-art-painful', helpful: true }]);
  });

  it('a double-click whose two turns run at the same moment counts once', async () => {
    const recorded: Recorded[] = [];
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const feedbackOf = new AnswerFeedback(state, { sink: recordInto(recorded) });
    // Each turn has its own TurnContext, as in the adapter.
    const turn = (): TurnContext =>
      new TurnContext(new TestAdapter(), { type: 'message', channelId: 'emulator', conversation: { id: 'double-click', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'patient', name: 'Patient' }, recipient: { id: 'bot', name: 'Bot' } });
    const asked = turn();
    const offer = await feedbackOf.offer(asked, 'is-art-painful');
    await state.saveChanges(asked);

    const presses = [turn(), turn()];
    // Both read the state (the offer, not yet answered) before either handles the press.
    const offers = await Promise.all(presses.map((context) => feedbackOf.withdraw(context)));
    const outcomes = await Promise.all(presses.map((context, index) => feedbackOf.answer(context, { offer, helpful: true }, offers[index])));
    expect(outcomes.map((outcome) => outcome.counted).sort()).toEqual([false, true]);
    expect(recorded).toEqual([{ entryId: 'is-art-painful', helpful: true }]);
  });

  it('a press on an older answer\'s buttons counts nothing', async () => {
    const earlier = new EarlierButtons();
    const recorded = await run({
      name: 'stale',
      steps: [
        ['is ART painful', asksFeedback],
        [earlier.keepThen(entry('session-length').question), asksFeedback],
        [earlier.press(false), allOf(feedback.notHelpful.slice(0, 30), noFeedback)],
      ],
      expectedStatus: 'complete',
    });
    expect(recorded).toEqual([]);
  });

  it('a press after another message (even small talk) counts nothing', async () => {
    const earlier = new EarlierButtons();
    const recorded = await run({
      name: 'after small talk',
      steps: [
        ['is ART painful', asksFeedback],
        [earlier.keepThen('thanks'), noFeedback],
        [earlier.press(true), thanks],
      ],
      expectedStatus: 'complete',
    });
    expect(recorded).toEqual([]);
  });

  it('a value naming no offer of this conversation (forged) counts nothing', async () => {
    const forged: PatientTurn = () => ({ value: { answerFeedback: { offer: '00000000-0000-4000-8000-000000000000', helpful: true } } });
    const recorded = await run({ name: 'forged', steps: [['is ART painful', asksFeedback], [forged, thanks]], expectedStatus: 'complete' });
    expect(recorded).toEqual([]);
  });

  it('typing "yes" or the button\'s label is an ordinary message, not feedback', async () => {
    const recorded = await run({
      name: 'typed',
      steps: [
        ['is ART painful', asksFeedback],
        ['yes', allOf(notShown(feedback.thanks.slice(0, 30)))],
        [entry('session-length').question, asksFeedback],
        [feedback.helpfulLabel, notShown(feedback.thanks.slice(0, 30))],
      ],
      expectedStatus: 'complete',
    });
    expect(recorded).toEqual([]);
  });

  it('passes the safety check first: a press whose text is an emergency gets the emergency reply and counts nothing', async () => {
    const recorded = await run({
      name: 'safety first',
      steps: [
        ['is ART painful', asksFeedback],
        [(previous) => ({ ...press(true)(previous), text: 'I have crushing chest pain' }), allOf(emergency, notShown(feedback.thanks.slice(0, 30)))],
      ],
      expectedStatus: 'complete',
    });
    expect(recorded).toEqual([]);
  });

  it('on a held conversation never offers booking, whichever button', async () => {
    const recorded = await run({
      name: 'held',
      steps: [
        [redFlagMessage, redFlag],
        [entry('who-provides').question, allOf(answerOf('who-provides'), asksFeedback, offersNoBooking)],
        [press(false), allOf(feedback.notHelpful.slice(0, 30), offersNoBooking, notShown(firstScreenQuestion))],
        ['what is art', asksFeedback],
        [press(true), allOf(thanks, offersNoBooking, notShown(firstScreenQuestion))],
      ],
      expectedStatus: 'complete',
    });
    expect(recorded).toEqual([
      { entryId: 'who-provides', helpful: false },
      { entryId: 'what-is-art', helpful: true },
    ]);
  });

  it('in the middle of the screen is never taken as an answer: nothing counted, the question asked again', async () => {
    const earlier = new EarlierButtons();
    const recorded = await run({
      name: 'mid-screen',
      steps: [
        ['is ART painful', asksFeedback],
        [earlier.keepThen(conversation.findProviderLabel), firstScreenQuestion],
        [earlier.press(false), allOf(firstScreenQuestion, notShown(feedback.notHelpful.slice(0, 30)))],
      ],
      expectedStatus: 'waiting',
    });
    expect(recorded).toEqual([]);
  });

  it('a sink that fails is logged as a warning, and the patient still gets the reply', async () => {
    const warnings: object[] = [];
    const infos: object[] = [];
    const logger: AnswerFeedbackLogger = { info: (fields) => void infos.push(fields), warn: (fields) => void warnings.push(fields) };
    const failing: AnswerFeedbackSink = () => Promise.reject(new Error('store unavailable'));
    await run({ name: 'failing sink', steps: [['is ART painful', asksFeedback], [press(true), thanks]], expectedStatus: 'complete' }, failing, logger);
    expect(infos).toEqual([{ entryId: 'is-art-painful', helpful: true }]);
    expect(warnings).toEqual([{ entryId: 'is-art-painful', helpful: true, error: 'store unavailable' }]);
  });

  it('is neither asked nor counted when conversation.yaml turns it off, even for a button from before', async () => {
    const off = new ReplyComposer({ ...knowledgeBase, conversation: { ...conversation, feedback: { ...feedback, enabled: false } } });
    expect(await run({ name: 'off', steps: [[entry('session-length').question, allOf(answerOf('session-length'), noFeedback)]], expectedStatus: 'complete' }, undefined, undefined, off)).toEqual([]);

    // Asked before a restart that turned it off; pressed after (the chat window stays open).
    const recorded: Recorded[] = [];
    const sink = recordInto(recorded);
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const before = createMainDialog(knowledgeBase, router, composer, state, new SafetyHold(storage, state), { sink });
    const after = createMainDialog(knowledgeBase, router, off, state, new SafetyHold(storage, state), { sink });
    const { transcript } = await runDialogCase(before, { name: 'asked', steps: [['is ART painful', asksFeedback]], expectedStatus: 'complete' }, state);
    await runDialogCase(after, { name: 'pressed', steps: [[() => pressing(feedbackActions(transcript), true), thanks]], expectedStatus: 'complete' }, state);
    expect(recorded).toEqual([]);
  });

  it('keeps only the entry id and a random name in conversation state, never text', async () => {
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const dialog = createMainDialog(knowledgeBase, router, composer, state, new SafetyHold(storage, state));
    await runDialogCase(dialog, { name: 'stored', steps: [['does active release hurt', asksFeedback]], expectedStatus: 'complete' }, state);
    const items: Record<string, { answerFeedbackOffer?: unknown } | undefined> = await storage.read(Object.keys((storage as unknown as { memory: Record<string, unknown> }).memory));
    const offers = Object.values(items).flatMap((item) => (item?.answerFeedbackOffer === undefined ? [] : [item.answerFeedbackOffer]));
    expect(offers).toEqual([{ entryId: 'is-art-painful', offer: expect.stringMatching(/^[0-9a-f-]{36}$/) as string }]);
    expect(JSON.stringify(items)).not.toMatch(/active release|hurt/);
  });
});
