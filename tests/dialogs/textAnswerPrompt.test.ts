import { ConversationState, MemoryStorage, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, type DialogState, type PromptValidator } from 'botbuilder-dialogs';
import { leadInto } from '../../dialogs/rendering/leadInto';
import { TextAnswerPrompt } from '../../dialogs/textAnswerPrompt';

/** Accepts "yes" or "no"; says so itself when told "say it yourself"; records what it was given. */
function yesNoValidator(seen: { attemptCount: number; validations: unknown }[]): PromptValidator<string> {
  return async (prompt) => {
    seen.push({ attemptCount: prompt.attemptCount, validations: prompt.options.validations });
    if (prompt.recognized.value === 'say it yourself') await prompt.context.sendActivity('I will ask differently.');
    return ['yes', 'no'].includes(prompt.recognized.value ?? '');
  };
}

const OPTIONS = { prompt: { type: 'message', text: 'Is it now?' }, retryPrompt: { type: 'message', text: 'Please answer yes or no: is it now?' }, validations: { concept: 'chest' } };

/** One conversation: turns run the prompt (started on the first) and collect what the bot sends and what the prompt ended with. */
function conversation(makePrompt: (validator: PromptValidator<string>) => TextAnswerPrompt | TextPrompt, storage = new MemoryStorage()) {
  const seen: { attemptCount: number; validations: unknown }[] = [];
  const state = new ConversationState(storage);
  const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
  dialogs.add(makePrompt(yesNoValidator(seen)));
  const ended: unknown[] = [];
  const adapter = new TestAdapter(async (context: TurnContext) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.prompt('question', OPTIONS);
    if (result.status === DialogTurnStatus.complete) ended.push(result.result);
    await state.saveChanges(context);
  });
  const say = async (text: string): Promise<string[]> => {
    const replies: string[] = [];
    await adapter.send(text).then(() => undefined);
    for (let reply = adapter.activeQueue.shift(); reply !== undefined; reply = adapter.activeQueue.shift()) replies.push(reply.text ?? '');
    return replies;
  };
  return { say, seen, ended, storage };
}

describe('TextAnswerPrompt: asks, validates, asks again', () => {
  const cases: { name: string; turns: [string, string[]][]; ended: unknown[]; attempts: number[] }[] = [
    { name: 'asks the question when started', turns: [['hi', ['Is it now?']]], ended: [], attempts: [] },
    { name: 'a valid answer ends it with the text', turns: [['hi', ['Is it now?']], ['yes', []]], ended: ['yes'], attempts: [1] },
    { name: 'an invalid answer gets the retry prompt, then a valid one ends it', turns: [['hi', ['Is it now?']], ['maybe', ['Please answer yes or no: is it now?']], ['no', []]], ended: ['no'], attempts: [1, 2] },
    { name: 'a validator that replied itself is not followed by the retry prompt', turns: [['hi', ['Is it now?']], ['say it yourself', ['I will ask differently.']]], ended: [], attempts: [1] },
  ];
  test.each(cases)('$name', async ({ turns, ended, attempts }) => {
    const run = conversation((validator) => new TextAnswerPrompt('question', validator));
    for (const [text, replies] of turns) expect(await run.say(text)).toEqual(replies);
    expect(run.ended).toEqual(ended);
    expect(run.seen.map((call) => call.attemptCount)).toEqual(attempts);
    for (const call of run.seen) expect(call.validations).toEqual({ concept: 'chest' });
  });

  test('a question asked by botbuilder-dialogs TextPrompt (a conversation saved before this version) carries on, attempts counted on', async () => {
    const storage = new MemoryStorage();
    const before = conversation((validator) => new TextPrompt('question', validator), storage);
    expect(await before.say('hi')).toEqual(['Is it now?']);
    expect(await before.say('maybe')).toEqual(['Please answer yes or no: is it now?']);
    const after = conversation((validator) => new TextAnswerPrompt('question', validator), storage);
    expect(await after.say('perhaps')).toEqual(['Please answer yes or no: is it now?']);
    expect(after.seen.map((call) => call.attemptCount)).toEqual([2]);
    expect(await after.say('yes')).toEqual([]);
    expect(after.ended).toEqual(['yes']);
  });
});

describe('leadInto: a side reply and the question after it, as one message', () => {
  const button = (title: string) => ({ type: 'imBack', title, value: title });
  const card = (name: string) => ({ contentType: 'application/vnd.microsoft.card.adaptive', content: { name } });
  const cases: { name: string; lead: Partial<Activity>; question: Partial<Activity>; expected: Partial<Activity> }[] = [
    {
      name: 'texts as paragraphs, the question\'s buttons',
      lead: { type: 'message', text: 'A session lasts 30 minutes.' },
      question: { type: 'message', text: 'Is it now?', suggestedActions: { to: [], actions: [button('Yes'), button('No')] }, inputHint: 'expectingInput' },
      expected: { type: 'message', text: 'A session lasts 30 minutes.\n\nIs it now?', suggestedActions: { to: [], actions: [button('Yes'), button('No')] }, inputHint: 'expectingInput' },
    },
    {
      name: 'the lead\'s buttons and cards come first',
      lead: { type: 'message', text: 'Call us.', suggestedActions: { to: [], actions: [button('Call')] }, attachments: [card('lead')] },
      question: { type: 'message', text: 'Is it now?', suggestedActions: { to: [], actions: [button('Yes')] }, attachments: [card('question')] },
      expected: { type: 'message', text: 'Call us.\n\nIs it now?', suggestedActions: { to: [], actions: [button('Call'), button('Yes')] }, attachments: [card('lead'), card('question')] },
    },
    {
      name: 'no empty paragraph when the question is a card alone',
      lead: { type: 'message', text: 'Here is the answer.' },
      question: { type: 'message', attachments: [card('question')] },
      expected: { type: 'message', text: 'Here is the answer.', attachments: [card('question')] },
    },
  ];
  test.each(cases)('$name', ({ lead, question, expected }) => {
    expect(leadInto(lead, question)).toEqual(expected);
  });
});
