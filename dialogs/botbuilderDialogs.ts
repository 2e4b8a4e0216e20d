/**
 * The parts of botbuilder-dialogs this bot uses, from the package's own modules. Its index also loads
 * Microsoft Recognizers (numbers, dates and choices in a dozen languages) for prompts the bot never
 * uses: a third of a second and megabytes at every start. Its prompts load them too, so the bot asks
 * with its own (textAnswerPrompt.ts). Types come from the package as usual.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export { runDialog } from 'botbuilder-dialogs/lib/dialogHelper';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { DialogsComponentRegistration } from 'botbuilder-dialogs/lib/dialogsComponentRegistration';
