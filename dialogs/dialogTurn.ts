import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Dialog, DialogState } from 'botbuilder-dialogs';
import { DialogSet, DialogTurnStatus, runDialog } from './botbuilderDialogs';
import { isEmulator } from './emulatorTraces';

/**
 * Runs a turn through the dialog: continues the active one, or begins it. On the Emulator through
 * botbuilder-dialogs' runDialog, which also shows the dialog's memory (its BotState trace); on every
 * other channel directly, as runDialog does at heart, without loading and saving its memory scopes
 * and snapshotting them for a trace the channel would drop (the bot keeps its state in
 * ConversationState, saved by FaqBot.run).
 */
export async function runDialogTurn(dialog: Dialog, context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
  if (isEmulator(context)) {
    await runDialog(dialog, context, accessor);
    return;
  }
  const dialogSet = new DialogSet(accessor);
  dialogSet.add(dialog);
  const dialogContext = await dialogSet.createContext(context);
  const result = await dialogContext.continueDialog();
  if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(dialog.id);
}
