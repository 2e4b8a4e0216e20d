import type { Activity } from 'botbuilder';
import { isRecord } from '../isRecord';

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Teams' documented messageBack examples send `value` as a JSON string; accept that too. */
function asRecord(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The text a card button stands for, from a message's `value`: `{ text }` (our buttons, see
 * replies/adaptiveCardButtons.ts), or the `msteams` imBack / messageBack data of an
 * Action.Submit that reached the bot as a submission. Undefined when the message carries no
 * such value, i.e. it was typed.
 */
export function submittedText(activity: Partial<Activity>): string | undefined {
  const value = asRecord(activity.value);
  if (value === undefined) return undefined;
  const direct = nonEmptyString(value.text);
  if (direct !== undefined) return direct;
  const msteams = asRecord(value.msteams);
  if (msteams === undefined) return undefined;
  return (
    nonEmptyString(msteams.text) ??
    nonEmptyString(msteams.value) ??
    nonEmptyString(asRecord(msteams.value)?.text) ??
    nonEmptyString(msteams.displayText)
  );
}
