import { ConversationState, MemoryStorage, type Activity } from 'botbuilder';
import { createMainDialog } from '../../dialogs/createMainDialog';
import { SafetyHold } from '../../dialogs/safetyHold';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';
import { runDialogCase, visibleText, type DialogCase } from '../support/dialogCases';

// The clinic's everyday questions, tried as a new patient would type them (content: the fixture knowledge base).
const { knowledgeBase, router, composer } = fixtureKnowledge();
const { clinic, screening } = knowledgeBase;
const firstScreenQuestion = screening.questions[0]?.text.split('\n')[0] ?? '';
const answerOf = (id: string): string => {
  const entry = knowledgeBase.faq.find((candidate) => candidate.id === id);
  if (entry === undefined) throw new Error(`no FAQ entry ${id}`);
  return composer.answer(id).text.slice(0, 50);
};

async function run(testCase: DialogCase): Promise<void> {
  const storage = new MemoryStorage();
  const state = new ConversationState(storage);
  const result = await runDialogCase(createMainDialog(knowledgeBase, router, composer, state, new SafetyHold(storage, state)), testCase, state);
  expect(result.status).toBe(testCase.expectedStatus);
}

const contactReply = (replies: readonly Partial<Activity>[]): void => {
  const shown = visibleText(replies);
  expect(shown).toContain(answerOf('contact'));
  expect(shown).toContain(clinic.phone);
  if (clinic.hours !== undefined) expect(shown).toContain(clinic.hours);
  expect(shown).not.toContain(firstScreenQuestion);
  // A button that calls the clinic (openUrl tel: on Web Chat and the Emulator).
  const calls = replies.flatMap((reply) => reply.suggestedActions?.actions ?? []).filter((action) => action.type === 'openUrl');
  expect(calls.map((action) => String(action.value))).toContain(`tel:${clinic.phone.replace(/[^\d+]/g, '')}`);
};

const startsScreen = (replies: readonly Partial<Activity>[]): void => {
  expect(visibleText(replies)).toContain(firstScreenQuestion);
};

const onHold = (replies: readonly Partial<Activity>[]): void => {
  const shown = visibleText(replies);
  expect(shown).toContain(composer.bookingOnHold('see-doctor').text.slice(0, 50));
  expect(shown).not.toContain(firstScreenQuestion);
};

const redFlag = 'i have a fever and my back really hurts';

describe('contact and talking to a person', () => {
  it.each(['What is your phone number', 'How do I contact you', 'can I speak to someone', 'I want to talk to a real person', 'can i talk 2 a human pls'])(
    '"%s" gets the phone and hours, never the booking screen',
    (text) => run({ name: text, steps: [[text, contactReply]], expectedStatus: 'complete' }),
  );

  it('gives the contact answer while booking is on hold too', () =>
    run({ name: 'contact on hold', steps: [[redFlag, composer.redFlagMessage.slice(0, 40)], ['what is your phone number', contactReply]], expectedStatus: 'complete' }));
});

it('"that\'s not what I asked" apologises, offers topics and a call to the clinic', () =>
  run({
    name: 'not helpful',
    steps: [['thats not what i asked', (replies) => {
      const actions = replies.flatMap((reply) => reply.suggestedActions?.actions ?? []);
      expect(actions.some((action) => action.type === 'openUrl' && String(action.value).startsWith('tel:'))).toBe(true);
      expect(actions.some((action) => action.type === 'imBack')).toBe(true);
    }]],
    expectedStatus: 'complete',
  }));

describe('booking intent', () => {
  const requests = ['i want to see someone', 'just give me an appointment', 'appointment asap', 'can I still book with Dr Chen', 'i need an appointment this week'];

  it.each(requests)('"%s" starts the safety screen before booking', (text) => run({ name: text, steps: [[text, startsScreen]], expectedStatus: 'waiting' }));

  it.each(requests)('"%s" while booking is on hold gets the on-hold advice, never "did you mean"', (text) =>
    run({ name: text, steps: [[redFlag, composer.redFlagMessage.slice(0, 40)], [text, onHold]], expectedStatus: 'complete' }));
});

describe('"is it safe for me" with a personal condition reaches the risks answer', () => {
  it.each([
    'I am 20 weeks pregnant, is myofascial release safe for me?',
    "I'm on blood thinners, is ART ok for me",
    'i take warfarin, is foam rolling risky',
    'I have osteoporosis, is myofascial release safe?',
  ])('"%s"', (text) => run({ name: text, steps: [[text, answerOf('risks-and-contraindications')]], expectedStatus: 'complete' }));

  it('does not take "not pregnant" as the cue', () => {
    expect(router.route('im not pregnant, what is myofascial release vs ART').id).not.toBe('risks-and-contraindications');
  });
});
