import { Channels, type TurnContext } from 'botbuilder';

/** Whether the turn comes from Bot Framework Emulator, the one channel that shows trace activities. */
export function isEmulator(context: TurnContext): boolean {
  return context.activity.channelId === String(Channels.Emulator);
}

/**
 * Sends a trace activity (FaqRouting, SafetyCheck, Screening…) on the Emulator. Every other channel
 * drops traces, so there they are not even built or passed through the middleware: a turn on a
 * production channel sends its replies and nothing else.
 */
export async function sendEmulatorTrace(context: TurnContext, name: string, value: () => unknown, valueType?: string, label?: string): Promise<void> {
  if (!isEmulator(context)) return;
  await context.sendTraceActivity(name, value(), valueType, label);
}
