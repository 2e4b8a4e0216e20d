import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogState, type WaterfallStepContext } from 'botbuilder-dialogs';
import { DialogsComponentRegistration } from 'botbuilder-dialogs/lib/dialogsComponentRegistration';
import { DialogTurnRunner } from '../../dialogs/dialogTurn';
import { TextAnswerPrompt } from '../../dialogs/textAnswerPrompt';

/** Asks a name, then says hello with it, as a component dialog (the shape of the bot's own dialogs). */
class HelloDialog extends ComponentDialog {
  constructor() {
    super('hello');
    this.addDialog(new TextAnswerPrompt('name', async (prompt) => Promise.resolve(prompt.recognized.succeeded)));
    this.addDialog(
      new WaterfallDialog('steps', [
        async (step: WaterfallStepContext) => step.prompt('name', { prompt: { type: 'message', text: 'Your name?' } }),
        async (step: WaterfallStepContext) => {
          await step.context.sendActivity(`Hello ${String(step.result)}, locale ${step.context.activity.locale ?? 'none'}`);
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'steps';
  }
}

async function conversation(channelId: string, turns: readonly string[]): Promise<string[]> {
  const state = new ConversationState(new MemoryStorage());
  const runner = new DialogTurnRunner(new HelloDialog(), state.createProperty<DialogState>('dialogState'));
  const adapter = new TestAdapter(async (context: TurnContext) => {
    await runner.run(context);
    await state.saveChanges(context);
  }, { channelId, conversation: { id: `c-${channelId}`, isGroup: false, name: '', conversationType: 'personal' }, from: { id: 'u', name: 'u' }, recipient: { id: 'b', name: 'b' }, locale: 'en-GB' });
  const replies: string[] = [];
  for (const text of turns) {
    await adapter.send(text);
    for (let reply = adapter.activeQueue.shift(); reply !== undefined; reply = adapter.activeQueue.shift()) if (reply.type === 'message') replies.push(reply.text ?? '');
  }
  return replies;
}

describe('DialogTurnRunner: a turn through the dialog, its memory scopes made once', () => {
  afterEach(() => jest.restoreAllMocks());

  test.each([['webchat'], ['msteams'], ['emulator']])('on %s the dialog begins, waits and continues', async (channelId) => {
    expect(await conversation(channelId, ['hi', 'Sam', 'hi again'])).toEqual(['Your name?', 'Hello Sam, locale en-GB', 'Your name?']);
  });

  test('production channels never make the memory scopes again at a turn (the Emulator, through runDialog, may)', async () => {
    const made = jest.spyOn(DialogsComponentRegistration.prototype, 'getMemoryScopes');
    const state = new ConversationState(new MemoryStorage());
    const runner = new DialogTurnRunner(new HelloDialog(), state.createProperty<DialogState>('dialogState'));
    expect(made).toHaveBeenCalledTimes(1);
    const adapter = new TestAdapter(async (context: TurnContext) => {
      await runner.run(context);
      await state.saveChanges(context);
    }, { channelId: 'webchat' });
    await adapter.send('hi');
    await adapter.send('Sam');
    expect(made).toHaveBeenCalledTimes(1);
  });
});
