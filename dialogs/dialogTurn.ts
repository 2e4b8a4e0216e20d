import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Dialog, DialogState, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { DialogsComponentRegistration, DialogSet, DialogTurnStatus, runDialog } from './botbuilderDialogs';
import { isEmulator } from './emulatorTraces';

/**
 * Where botbuilder-dialogs' DialogStateManager looks for its memory scopes in a turn's state before
 * making them (dialogStateManager.js keeps the key to itself).
 */
const MEMORY_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/**
 * Runs each turn through the dialog: continues the active one, or begins it. On the Emulator through
 * botbuilder-dialogs' runDialog, which also shows the dialog's memory (its BotState trace); on every
 * other channel directly, as runDialog does at heart, without loading and saving its memory scopes
 * and snapshotting them for a trace the channel would drop (the bot keeps its state in
 * ConversationState, saved by FaqBot.run). The dialog set and the memory scopes (which keep nothing
 * of their own between turns) are made once, not at every turn.
 */
export class DialogTurnRunner {
  private readonly dialogSet: DialogSet;
  private readonly memory: DialogStateManagerConfiguration;

  constructor(
    private readonly dialog: Dialog,
    private readonly accessor: StatePropertyAccessor<DialogState>,
  ) {
    this.dialogSet = new DialogSet(accessor);
    this.dialogSet.add(dialog);
    const registration = new DialogsComponentRegistration();
    this.memory = { memoryScopes: registration.getMemoryScopes(), pathResolvers: registration.getPathResolvers() };
  }

  async run(context: TurnContext): Promise<void> {
    if (isEmulator(context)) {
      await runDialog(this.dialog, context, this.accessor);
      return;
    }
    if (!context.turnState.has(MEMORY_CONFIGURATION_KEY)) context.turnState.set(MEMORY_CONFIGURATION_KEY, this.memory);
    const dialogContext = await this.dialogSet.createContext(context);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.dialog.id);
  }
}
