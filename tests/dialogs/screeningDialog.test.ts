import { ConversationState, MemoryStorage, type Activity } from 'botbuilder';
import { createMainDialog } from '../../dialogs/createMainDialog';
import type { MainDialog } from '../../dialogs/mainDialog';
import { PROVIDER_SUGGESTION_TRACE, SCREENING_TRACE } from '../../dialogs/screeningDialog';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';
import { runDialogCase, traces, visibleText, type DialogCase, type DialogRun, type TurnExpectation } from '../support/dialogCases';
import { SafetyHold } from '../../dialogs/safetyHold';

const { knowledgeBase, router, composer } = fixtureKnowledge();
const { screening, providers, clinic } = knowledgeBase;
const questions = screening.questions;
const emergencyQuestions = questions.filter((question) => question.level === 'emergency');
const seeDoctorQuestions = questions.filter((question) => question.level === 'see-doctor');
const cautionQuestions = questions.filter((question) => question.level === 'caution');

/** The real main and screening dialogs, sharing one conversation state (the dialog stack and the safety hold). */
function newConversation(storage: MemoryStorage = new MemoryStorage()): { dialog: MainDialog; state: ConversationState } {
  const state = new ConversationState(storage);
  const hold = new SafetyHold(storage, state);
  return { dialog: createMainDialog(knowledgeBase, router, composer, state, hold), state };
}

async function run(testCase: DialogCase, storage?: MemoryStorage): Promise<DialogRun> {
  const { dialog, state } = newConversation(storage);
  return runDialogCase(dialog, testCase, state);
}

/** The opening line of a question, which the bot shows when it asks it. */
function asks(questionId: string): string {
  const question = questions.find((candidate) => candidate.id === questionId);
  if (question === undefined) throw new Error(`No screening question ${questionId}`);
  return question.text.split('\n')[0] ?? question.text;
}

const areaQuestion = screening.areaQuestion;
/** The emergency number as the bot writes it: bold, and a tel: link. */
const emergencyLink = `**[${clinic.emergencyNumber}](tel:${clinic.emergencyNumber})**`;

/** The emergency number in the text as a tel: link, and a "Call 911" button that opens it, before any other button. */
function callsEmergencyNumber(replies: readonly Partial<Activity>[]): void {
  const shown = visibleText(replies);
  expect(shown).toContain(emergencyLink);
  const actions = replies.flatMap((reply) => reply.suggestedActions?.actions ?? []);
  expect(actions[0]).toEqual({ type: 'openUrl', title: `${knowledgeBase.safety.messages.en.callLabel} ${clinic.emergencyNumber}`, value: `tel:${clinic.emergencyNumber}` });
  expect(actions.every((action) => action.type === 'openUrl')).toBe(true);
}
/** A side reply and the first question again, in one message: the lead's text first, then the question with its buttons. */
function oneMessageAskingAgain(replies: readonly Partial<Activity>[], lead: string): void {
  const messages = replies.filter((reply) => reply.type === 'message');
  expect(messages).toHaveLength(1);
  const text = messages[0]?.text ?? '';
  const question = asks(questions[0]?.id ?? '');
  expect(text.indexOf(lead)).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(question)).toBeGreaterThan(text.indexOf(lead));
  expect(messages[0]?.suggestedActions?.actions.map((action) => action.title)).toEqual(expect.arrayContaining([screening.answers.yesLabel, screening.answers.noLabel]));
}
/** What the screen asks after a yes to a caution question: the next question, or the area. */
function afterYesTo(question: (typeof questions)[number]): string {
  const next = questions[questions.indexOf(question) + 1];
  return next === undefined ? areaQuestion : asks(next.id);
}
/** The line a provider suggestion carries for one caution answered yes. */
const cautionLine = (question: (typeof questions)[number]): string => screening.cautionLine.replace('{{caution}}', question.tellProvider ?? '');
const bookingUrls = [clinic.bookingUrl, ...providers.flatMap((provider) => (provider.bookingUrl === undefined ? [] : [provider.bookingUrl]))];

/** Answers "No" to every question from `from` up to (not including) `to`, expecting each next question. */
function noUntil(from: number, to: number): [string, TurnExpectation][] {
  const steps: [string, TurnExpectation][] = [];
  for (let index = from; index < to; index += 1) {
    const next = questions[index + 1];
    steps.push(['No', next === undefined ? areaQuestion : asks(next.id)]);
  }
  return steps;
}

function providerCards(expectedIds: readonly string[], extra?: (replies: readonly Partial<Activity>[]) => void) {
  return (replies: readonly Partial<Activity>[]): void => {
    const cards = replies.flatMap((reply) => reply.attachments ?? []);
    const names = cards.map((card) => (card.content as { title?: string }).title);
    expect(names).toEqual(expectedIds.map((id) => providers.find((provider) => provider.id === id)?.name));
    for (const card of cards) {
      const buttons = (card.content as { buttons?: { type: string; title: string; value: string }[] }).buttons ?? [];
      expect(buttons.map((button) => button.type)).toContain('openUrl');
      expect(buttons.some((button) => button.value.startsWith('tel:') || button.title === 'Book online')).toBe(true);
    }
    expect(traces(replies, PROVIDER_SUGGESTION_TRACE)[0]?.value).toMatchObject({ providerIds: expectedIds });
    extra?.(replies);
  };
}

function outcome(expected: string, flags?: readonly string[]) {
  return (replies: readonly Partial<Activity>[]): void => {
    const [trace] = traces(replies, SCREENING_TRACE);
    expect(trace?.value).toMatchObject({ outcome: expected, ...(flags === undefined ? {} : { flags }) });
  };
}

const start: [string, TurnExpectation] = ["I'd like to book an appointment", (replies) => {
  const shown = visibleText(replies);
  expect(shown).toContain(screening.intro);
  expect(shown).toContain(clinic.disclaimer);
  expect(shown).toContain(asks(questions[0]?.id ?? ''));
}];

const lastIndex = questions.length - 1;

const branchCases: DialogCase[] = [
  {
    name: 'all no, then an area, then providers who treat it',
    steps: [start, ...noUntil(0, lastIndex + 1), ['Back', providerCards(['maya-chen', 'daniel-okafor', 'liam-novak'], outcome('clear', []))]],
    expectedStatus: 'complete',
  },
  ...emergencyQuestions.map((question): DialogCase => ({
    name: `emergency question "${question.id}" answered yes stops at once with the emergency message`,
    steps: [
      start,
      ...noUntil(0, questions.indexOf(question)),
      ['yes', (replies) => {
        callsEmergencyNumber(replies);
        expect(visibleText(replies)).not.toContain(areaQuestion);
        outcome('emergency', [question.id])(replies);
      }],
    ],
    expectedStatus: 'complete',
  })),
  ...seeDoctorQuestions.map((question): DialogCase => ({
    name: `see-doctor question "${question.id}" answered yes ends with the see-doctor advice`,
    steps: [
      start,
      ...noUntil(0, questions.indexOf(question)),
      ['yep', (replies) => {
        expect(visibleText(replies)).toContain((question.onYes ?? '').slice(0, 40));
        // The advice's numbers are links, with a call button each and nothing else on that message.
        const advice = replies.find((reply) => reply.type === 'message');
        const numbers = [clinic.phone, clinic.emergencyNumber].filter((number) => (question.onYes ?? '').includes(number));
        expect(numbers.length).toBeGreaterThan(0);
        for (const number of numbers) expect(advice?.text).toContain(`](tel:${number.replace(/[^\d+]/g, '')})`);
        expect(advice?.suggestedActions?.actions.map((action) => `${action.type} ${String(action.value)}`).sort()).toEqual(
          numbers.map((number) => `openUrl tel:${number.replace(/[^\d+]/g, '')}`).sort(),
        );
        expect(visibleText(replies)).toContain(screening.afterSeeDoctor);
        outcome('see-doctor', [question.id])(replies);
      }],
    ],
    expectedStatus: 'complete',
  })),
  ...cautionQuestions.map((question): DialogCase => ({
    name: `caution "${question.id}" answered yes still gets providers, with a caution line naming only that caution`,
    steps: [
      start,
      ...noUntil(0, questions.indexOf(question)),
      ['yes', afterYesTo(question)],
      ...noUntil(questions.indexOf(question) + 1, lastIndex + 1),
      ['my knee', providerCards(['daniel-okafor', 'liam-novak', 'priya-shah'], (replies) => {
        const shown = visibleText(replies);
        expect(shown).toContain(cautionLine(question));
        for (const other of cautionQuestions.filter((candidate) => candidate !== question)) expect(shown).not.toContain(other.tellProvider ?? '');
        outcome('clear', [question.id])(replies);
      })],
    ],
    expectedStatus: 'complete',
  })),
  {
    name: 'every caution answered yes gets its own caution line, in the order asked',
    steps: [
      start,
      ...noUntil(0, questions.indexOf(cautionQuestions[0]!)),
      // The cautions are the last questions (checked below), so each yes leads to the next one.
      ...cautionQuestions.map((question): [string, TurnExpectation] => ['yes', afterYesTo(question)]),
      ['my knee', (replies) => {
        const text = replies.find((reply) => (reply.attachments ?? []).length > 0)?.text ?? '';
        const positions = cautionQuestions.map((question) => text.indexOf(cautionLine(question)));
        expect(positions.every((position) => position >= 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        outcome('clear', cautionQuestions.map((question) => question.id))(replies);
      }],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'free-text answers such as "nope", "not really" and "i dont think so" count as no',
    steps: [start, ['nope', asks(questions[1]?.id ?? '')], ['not really', asks(questions[2]?.id ?? '')], ["i don't think so", asks(questions[3]?.id ?? '')]],
    expectedStatus: 'waiting',
  },
  {
    name: 'an unsure answer counts as yes, because the safe answer is to be checked',
    steps: [start, ...noUntil(0, questions.indexOf(seeDoctorQuestions[0]!)), ['not sure', outcome('see-doctor', [seeDoctorQuestions[0]!.id])]],
    expectedStatus: 'complete',
  },
  {
    name: 'three unusable answers end the screen politely with the phone number',
    steps: [start, ['purple', screening.reprompt.slice(0, 20)], ['banana', screening.reprompt.slice(0, 20)], ['42', (replies) => {
      expect(visibleText(replies)).toContain(clinic.phone);
      outcome('abandoned', [])(replies);
    }]],
    expectedStatus: 'complete',
  },
  {
    name: 'cancel mid-screen ends it',
    steps: [start, ['No', asks(questions[1]?.id ?? '')], ['cancel', (replies) => {
      expect(visibleText(replies)).toContain(screening.cancelled.slice(0, 30));
      outcome('abandoned', [])(replies);
    }]],
    expectedStatus: 'complete',
  },
  {
    name: '"stop" mid-screen ends it too',
    steps: [start, ['stop', outcome('abandoned')]],
    expectedStatus: 'complete',
  },
  {
    name: 'help explains and asks the same question again',
    steps: [start, ['help', (replies) => {
      oneMessageAskingAgain(replies, screening.help.slice(0, 40));
    }], ['no', asks(questions[1]?.id ?? '')]],
    expectedStatus: 'waiting',
  },
  {
    name: 'an emergency typed mid-screen ends it with the emergency message',
    steps: [start, ['No', asks(questions[1]?.id ?? '')], ['actually my chest feels really tight and i cant breathe', (replies) => {
      callsEmergencyNumber(replies);
      expect(visibleText(replies)).not.toContain(asks(questions[1]?.id ?? ''));
      outcome('emergency')(replies);
    }]],
    expectedStatus: 'complete',
  },
  {
    name: 'a red flag typed mid-screen ends it with the see-doctor message',
    steps: [start, ['no', asks(questions[1]?.id ?? '')], ['i have a fever and my back really hurts', (replies) => {
      expect(visibleText(replies)).toContain(composer.redFlagMessage.slice(0, 40));
      outcome('see-doctor')(replies);
    }]],
    expectedStatus: 'complete',
  },
  {
    name: 'an FAQ question typed mid-screen gets its answer, then the screen resumes',
    steps: [start, ['how long is a session', (replies) => {
      const sessionLength = knowledgeBase.faq.find((entry) => entry.id === 'session-length');
      oneMessageAskingAgain(replies, sessionLength?.answer.trim().slice(0, 40) ?? 'no session-length entry');
    }], ['no', asks(questions[1]?.id ?? '')]],
    expectedStatus: 'waiting',
  },
  {
    name: 'an area with no matching provider falls back to the whole team, never to none',
    steps: [start, ...noUntil(0, lastIndex + 1), ['Somewhere else', providerCards(['maya-chen', 'daniel-okafor', 'sofia-martinez'], (replies) => {
      expect(visibleText(replies)).toContain(screening.noAreaMatch);
    })]],
    expectedStatus: 'complete',
  },
];

const onHold = (level: 'emergency' | 'see-doctor') => (replies: readonly Partial<Activity>[]): void => {
  const shown = visibleText(replies);
  expect(shown).toContain(composer.bookingOnHold(level).text.slice(0, 60));
  expect(shown).not.toContain(asks(questions[0]?.id ?? ''));
  for (const url of bookingUrls) expect(shown).not.toContain(url);
};

const noBookingButton = (replies: readonly Partial<Activity>[]): void => {
  const buttons = replies.flatMap((reply) => reply.suggestedActions?.actions ?? []).map((action) => action.title);
  expect(buttons.length).toBeGreaterThan(0);
  expect(buttons).not.toContain(knowledgeBase.conversation.findProviderLabel);
};

const holdCases: DialogCase[] = [
  {
    name: 'a red flag typed in the chat holds booking: "Find a provider" later gets the see-doctor advice, not the screen',
    steps: [['i have a fever and my back really hurts', composer.redFlagMessage.slice(0, 40)], ['Find a provider', onHold('see-doctor')]],
    expectedStatus: 'complete',
  },
  {
    name: 'an emergency typed in the chat holds booking with the emergency message',
    steps: [['my chest feels crushed', callsEmergencyNumber], ['can i book an appointment', (replies) => {
      onHold('emergency')(replies);
      callsEmergencyNumber(replies);
    }]],
    expectedStatus: 'complete',
  },
  {
    name: 'a see-doctor yes in the screen holds booking, even after "start over"',
    steps: [
      start,
      ...noUntil(0, questions.indexOf(seeDoctorQuestions[0]!)),
      ['yes', outcome('see-doctor')],
      ['start over', knowledgeBase.conversation.smallTalk.find((intent) => intent.id === 'restart')?.reply.slice(0, 20) ?? ''],
      ['Find a provider', onHold('see-doctor')],
    ],
    expectedStatus: 'complete',
  },
  {
    name: 'an emergency yes in the screen holds booking',
    steps: [start, ['yes', outcome('emergency')], ["I'd like to book an appointment", onHold('emergency')]],
    expectedStatus: 'complete',
  },
  {
    name: 'while booking is on hold, answers offer no "Find a provider" button',
    steps: [['i have a fever and my back really hurts', composer.redFlagMessage.slice(0, 40)], ['how long does a session take', noBookingButton]],
    expectedStatus: 'complete',
  },
];

describe('the red-flag screening dialog', () => {
  it('asks the cautions last, more than one of them, each with its own tellProvider', () => {
    expect(cautionQuestions.length).toBeGreaterThanOrEqual(2);
    expect(questions.slice(-cautionQuestions.length)).toEqual(cautionQuestions);
  });

  it.each(branchCases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const result = await run(testCase);
    expect(result.status).toBe(testCase.expectedStatus);
  });

  it.each(holdCases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const result = await run(testCase);
    expect(result.status).toBe(testCase.expectedStatus);
    const everything = JSON.stringify(result.transcript);
    for (const url of bookingUrls) expect(everything).not.toContain(url);
  });

  it.each([
    ['the Find a provider button', 'Find a provider'],
    ['"book"', 'can i book'],
    ['"find someone near me"', 'find someone near me'],
    ['"appointment"', 'i need an appointment'],
  ])('starts from %s', async (_name, utterance) => {
    const result = await run({ name: utterance, steps: [[utterance, asks(questions[0]?.id ?? '')]], expectedStatus: 'waiting' });
    expect(result.status).toBe('waiting');
  });

  it('never shows a booking link in a branch where a red flag or emergency was answered yes', async () => {
    const unsafeBranches = branchCases.filter((testCase) =>
      testCase.steps.some(([utterance]) => /mid-screen ends it with|stops at once|ends with the see-doctor|unsure/.test(testCase.name) && utterance !== ''),
    );
    expect(unsafeBranches.length).toBe(emergencyQuestions.length + seeDoctorQuestions.length + 3);
    for (const testCase of unsafeBranches) {
      const { transcript } = await run(testCase);
      const everything = JSON.stringify(transcript);
      for (const url of bookingUrls) expect(everything).not.toContain(url);
      expect(everything).not.toContain('Book online');
    }
  });

  it('keeps only the dialog stack and flag ids in conversation state, never what the patient typed, and clears it at the end', async () => {
    const memory: Record<string, string> = {};
    const storage = new MemoryStorage(memory);
    const stored = (): string => JSON.stringify(memory);
    const caution = cautionQuestions[0]!;
    const typed = ['my left hamstring twinges whenever i sprint', 'what should i wear to my appointment'];
    await run({
      name: 'mid-screen state',
      steps: [start, [typed[0]!, screening.reprompt.slice(0, 20)], [typed[1]!, asks(questions[0]?.id ?? '')], ...noUntil(0, questions.indexOf(caution)), ['yes', afterYesTo(caution)]],
      expectedStatus: 'waiting',
    }, storage);
    const midScreen = stored();
    expect(midScreen).toContain(caution.id);
    for (const text of typed) expect(midScreen).not.toContain(text);
    expect(midScreen).not.toMatch(/hamstring|wear to my/);

    const finished: Record<string, string> = {};
    await run({
      name: 'finished screen',
      steps: [start, ...noUntil(0, lastIndex + 1), ['Back', outcome('clear')]],
      expectedStatus: 'complete',
    }, new MemoryStorage(finished));
    // MemoryStorage keeps each conversation's state as a JSON string.
    const states = Object.values(finished).map((json) => JSON.parse(json) as { DialogState?: { dialogStack: unknown[] } });
    expect(states).toHaveLength(1);
    expect(states[0]?.DialogState?.dialogStack).toEqual([]);
  });

  it('sends exactly one Screening trace per screen, holding only the outcome and flag ids', async () => {
    const { transcript } = await run({
      name: 'one trace',
      steps: [start, ['no', asks(questions[1]?.id ?? '')], ['yes', (replies) => outcome('emergency', [questions[1]?.id ?? ''])(replies)]],
      expectedStatus: 'complete',
    });
    const screeningTraces = traces(transcript, SCREENING_TRACE);
    expect(screeningTraces).toHaveLength(1);
    expect(Object.keys(screeningTraces[0]?.value as object).sort()).toEqual(['flags', 'outcome']);
  });
});
