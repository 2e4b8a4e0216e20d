/** Dialog ids in one place, so parent dialogs and tests refer to the same names. */
export const DIALOG_IDS = {
  main: 'mainDialog',
  mainWaterfall: 'mainWaterfall',
  screening: 'screeningDialog',
  safetyCheck: 'safetyCheckDialog',
} as const;
