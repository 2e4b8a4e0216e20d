import { ConversationState, MemoryStorage, type Activity } from 'botbuilder';
import { createMainDialog } from '../../dialogs/createMainDialog';
import { SAFETY_CHECK_TRACE } from '../../dialogs/safetyCheckDialog';
import { SafetyHold } from '../../dialogs/safetyHold';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';
import { allOf, notShown, runDialogCase, traces, visibleText, type DialogCase } from '../support/dialogCases';

const { knowledgeBase, router, composer } = fixtureKnowledge();
const { screening, conversation } = knowledgeBase;

function question(concept: string, language: 'en' | 'es' = 'en'): string {
  const check = knowledgeBase.safety.checks.find((candidate) => candidate.concept === concept);
  const text = check?.question[language];
  if (text === undefined) throw new Error(`No ${language} check question for ${concept}`);
  return text;
}

/** The check question and its Yes/No buttons, and nothing else (no answer yet, no booking). */
const asksCheck = (concept: string, language: 'en' | 'es' = 'en') => (replies: readonly Partial<Activity>[]): void => {
  const shown = visibleText(replies);
  expect(shown).toContain(question(concept, language));
  const buttons = replies.flatMap((reply) => reply.suggestedActions?.actions ?? []).map((action) => action.title);
  expect(buttons).toEqual(composer.checkButtons(language).map((button) => button.title));
  expect(shown).not.toContain(conversation.findProviderLabel);
};

const sessionLength = knowledgeBase.faq.find((entry) => entry.id === 'session-length')?.question ?? 'session-length';
const sessionLengthAnswer = knowledgeBase.faq.find((entry) => entry.id === 'session-length')?.answer.slice(0, 40) ?? 'session-length';
const firstScreeningQuestion = screening.questions[0]?.text.split('\n')[0] ?? '';
const secondScreeningQuestion = screening.questions[1]?.text.split('\n')[0] ?? '';
const emergency = composer.safetyMessage('emergency', 'en').slice(0, 50);
const redFlag = composer.redFlagMessage.slice(0, 50);
const onHold = composer.bookingOnHold('emergency').text.slice(0, 50);
const seeDoctorHold = composer.bookingOnHold('see-doctor').text.slice(0, 50);

const checkTrace = (answer: string) => (replies: readonly Partial<Activity>[]): void => {
  expect(traces(replies, SAFETY_CHECK_TRACE)[0]?.value).toMatchObject({ answer });
};

const cases: DialogCase[] = [
  {
    name: 'yes gives the safety reply, and booking is then on hold',
    steps: [
      ['my chest feels weird', asksCheck('chest')],
      ['Yes', allOf(emergency, checkTrace('yes'))],
      ['Find a provider', allOf(onHold, notShown(firstScreeningQuestion))],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'an unsure answer counts as yes',
    steps: [
      ['i injured my knee', asksCheck('injury')],
      ['not sure', redFlag],
      ['can i book', seeDoctorHold],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'no gives the answer to what was asked',
    steps: [
      ['my chest feels weird, how long is a session', asksCheck('chest')],
      ['No', allOf(sessionLength, checkTrace('no'), notShown(emergency))],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'the same concept is not asked twice in a conversation',
    steps: [
      ['my chest feels weird', asksCheck('chest')],
      ['no', notShown(emergency)],
      ['my chest still feels weird', notShown(question('chest'))],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'no to a booking request goes on to the screen',
    steps: [
      ['i injured my knee, can i book an appointment', asksCheck('injury')],
      ['no', firstScreeningQuestion],
    ],
    expectedStatus: 'waiting',
  },
  {
    name: 'a check question mid-screen comes before the screen resumes, and a no resumes it',
    steps: [
      ['Find a provider', firstScreeningQuestion],
      ['my knee is swollen', asksCheck('swelling')],
      ['no', firstScreeningQuestion],
      ['no', secondScreeningQuestion],
    ],
    expectedStatus: 'waiting',
  },
  {
    name: 'a yes to a check mid-screen ends the screen with the safety reply',
    steps: [
      ['Find a provider', firstScreeningQuestion],
      ['my knee is swollen', asksCheck('swelling')],
      ['yes', allOf(redFlag, notShown(secondScreeningQuestion))],
      ['Find a provider', seeDoctorHold],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'a red flag that may be an emergency asks first: yes gives the emergency reply and the emergency hold',
    steps: [
      ['fell yesterday and my chest feels weird', allOf(asksCheck('chest'), notShown(redFlag))],
      ['yes', emergency],
      ['can i book', onHold],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'a red flag that may be an emergency: no still gives the red-flag reply, and booking stays on hold',
    steps: [
      ['fell yesterday and my chest feels weird', asksCheck('chest')],
      ['no', allOf(redFlag, checkTrace('no'), notShown(emergency))],
      ['Find a provider', allOf(seeDoctorHold, notShown(firstScreeningQuestion))],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'a fall with nothing that says serious asks its emergency check first (escalate): yes gives the emergency reply',
    steps: [
      ['i fell down the stairs yesterday', allOf(asksCheck('serious-injury'), notShown(redFlag))],
      ['yes', emergency],
      ['can i book', onHold],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'a fall: no to its emergency check gives the red-flag reply, and booking was on hold from the first message',
    steps: [
      ['i fell down the stairs yesterday', asksCheck('serious-injury')],
      ['no', allOf(redFlag, checkTrace('no'), notShown(emergency))],
      ['Find a provider', allOf(seeDoctorHold, notShown(firstScreeningQuestion))],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'a fall left unanswered: booking is already on hold, whatever comes next',
    steps: [
      ['i fell down the stairs yesterday', asksCheck('serious-injury')],
      ['cancel', notShown(firstScreeningQuestion)],
      ['Find a provider', allOf(seeDoctorHold, notShown(firstScreeningQuestion))],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'a second fall in the conversation is not asked the same emergency check again: the red-flag reply',
    steps: [
      ['i fell down the stairs yesterday', asksCheck('serious-injury')],
      ['no', redFlag],
      ['and i slipped on the ice this morning too', allOf(redFlag, notShown(question('serious-injury')))],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'the same red flag mid-screen asks first, and a no ends the screen rather than resuming it',
    steps: [
      ['Find a provider', firstScreeningQuestion],
      ['fell yesterday and my chest feels weird', asksCheck('chest')],
      ['no', allOf(redFlag, notShown(firstScreeningQuestion), notShown(secondScreeningQuestion))],
      ['no', notShown(secondScreeningQuestion)],
      ['Find a provider', seeDoctorHold],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'two answers that are not yes or no count as yes: unsure is never "fine"',
    steps: [
      ['my chest feels weird', asksCheck('chest')],
      ['hmm', composer.checkReprompt('en').slice(0, 20)],
      ['banana', emergency],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'an emergency described while a check waits gets the emergency reply at once',
    steps: [
      ['i injured my knee', asksCheck('injury')],
      ['now i have crushing chest pain', emergency],
      ['book an appointment', onHold],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'a Spanish message is asked in Spanish, with Sí/No buttons, and answered in Spanish',
    steps: [
      ['siento algo raro en el pecho', asksCheck('chest', 'es')],
      ['Sí', composer.safetyMessage('emergency', 'es').slice(0, 40)],
    ],
    expectedStatus: 'complete',
  },
  {
    // The fixture's learned self-harm check (safety-model.yaml) asks; no rule fires on these words.
    name: 'the learned self-harm check asks; yes gives the crisis reply and holds booking',
    steps: [
      ['saying goodbye to everyone tonight', asksCheck('self-harm')],
      ['Yes', composer.safetyMessage('crisis', 'en').slice(0, 50)],
      ['Find a provider', onHold],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'the learned self-harm check answered no gives the answer to what was asked, and is not asked again',
    steps: [
      ['how long is a session? I just want to stay asleep', asksCheck('self-harm')],
      ['No', allOf(sessionLengthAnswer, checkTrace('no'))],
      ['saying goodbye to everyone tonight', notShown(question('self-harm'))],
    ],
    expectedStatus: 'complete',
  },
];

describe('the safety check question', () => {
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const dialog = createMainDialog(knowledgeBase, router, composer, state, new SafetyHold(storage, state));
    const result = await runDialogCase(dialog, testCase, state);
    expect(result.status).toBe(testCase.expectedStatus);
  });

  it('keeps only ids in conversation state while it waits, never what the patient typed', async () => {
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const dialog = createMainDialog(knowledgeBase, router, composer, state, new SafetyHold(storage, state));
    await runDialogCase(dialog, { name: 'waiting', steps: [['my chest feels weird, how long is a session', asksCheck('chest')]], expectedStatus: 'waiting' }, state);
    const stored = JSON.stringify(await storage.read(Object.keys((storage as unknown as { memory: Record<string, unknown> }).memory)));
    expect(stored).toContain('session-length');
    expect(stored).not.toMatch(/weird|how long/);
  });

  it('holds booking before it asks whether a red flag is an emergency, so a lost answer never lifts it', async () => {
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const dialog = createMainDialog(knowledgeBase, router, composer, state, new SafetyHold(storage, state));
    await runDialogCase(dialog, { name: 'asked', steps: [['fell yesterday and my chest feels weird', asksCheck('chest')]], expectedStatus: 'waiting' }, state);
    const stored = JSON.stringify(await storage.read(Object.keys((storage as unknown as { memory: Record<string, unknown> }).memory)));
    expect(stored).toContain('see-doctor');
    expect(stored).toContain('recent-trauma');
  });
});
