import { ConversationState, MemoryStorage, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Dialog, DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';

/** What a step expects of the bot's replies in that turn: text they must contain, or a check. */
export type TurnExpectation = string | RegExp | ((replies: readonly Partial<Activity>[]) => void);

/**
 * What the patient does in a step: types text, or presses a button that sends more than text
 * ("Did this help?"), built from the bot's replies of the turn before.
 */
export type PatientTurn = string | ((previousReplies: readonly Partial<Activity>[]) => Partial<Activity>);

/** One row of a dialog test table: what the patient says, what the bot must answer, and how it ends. */
export interface DialogCase {
  readonly name: string;
  readonly steps: readonly (readonly [utterance: PatientTurn, expected: TurnExpectation])[];
  readonly expectedStatus: `${DialogTurnStatus}`;
}

/** Everything the bot showed in a turn, as text: message text, card titles, texts and button values. */
export function visibleText(activities: readonly Partial<Activity>[]): string {
  return activities
    .filter((activity) => activity.type === 'message')
    .map((activity) => [activity.text ?? '', JSON.stringify(activity.attachments ?? []), JSON.stringify(activity.suggestedActions ?? {})].join('\n'))
    .join('\n');
}

/** Checks a turn's replies against one expectation: text they show, a pattern, or a check of its own. */
export function expectReplies(replies: readonly Partial<Activity>[], expected: TurnExpectation): void {
  if (typeof expected === 'function') expected(replies);
  else if (typeof expected === 'string') expect(visibleText(replies)).toContain(expected);
  else expect(visibleText(replies)).toMatch(expected);
}

/** Every one of the expectations, for one turn. */
export const allOf = (...expectations: TurnExpectation[]) => (replies: readonly Partial<Activity>[]): void => {
  for (const expected of expectations) expectReplies(replies, expected);
};

/** The replies do not show this text anywhere. */
export const notShown = (text: string) => (replies: readonly Partial<Activity>[]): void => {
  expect(visibleText(replies)).not.toContain(text);
};

export interface DialogRun {
  readonly transcript: Partial<Activity>[];
  readonly status: DialogTurnStatus | undefined;
}

/**
 * Records everything the bot sends, traces included: the test adapter only queues traces when
 * asked to, and the assertions need them.
 */
class OutgoingActivities implements Middleware {
  readonly sent: Partial<Activity>[] = [];

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_context, activities, send) => {
      this.sent.push(...activities);
      return send();
    });
    await next();
  }

  take(): Partial<Activity>[] {
    return this.sent.splice(0, this.sent.length);
  }
}

/** Plays a case through DialogTestClient on the Emulator channel, checking each turn's replies. */
export async function runDialogCase(
  dialog: Dialog,
  testCase: DialogCase,
  conversationState: ConversationState = new ConversationState(new MemoryStorage()),
): Promise<DialogRun> {
  const outgoing = new OutgoingActivities();
  const client = new DialogTestClient('emulator', dialog, undefined, [outgoing], conversationState);
  const transcript: Partial<Activity>[] = [];
  let previousReplies: readonly Partial<Activity>[] = [];
  for (const [turn, expected] of testCase.steps) {
    const sent: Partial<Activity> = typeof turn === 'string' ? { type: 'message', text: turn } : { type: 'message', ...turn(previousReplies) };
    const utterance = sent.text ?? JSON.stringify(sent.value);
    await client.sendActivity(sent);
    while (client.getNextReply() !== undefined) {
      // Drain the adapter's queue; `outgoing` holds the turn's replies, traces included.
    }
    const replies = outgoing.take();
    previousReplies = replies;
    transcript.push({ type: 'message', from: { id: 'patient', name: 'Patient' }, text: utterance }, ...replies);
    try {
      expectReplies(replies, expected);
    } catch (error) {
      throw new Error(`After "${utterance}":\n${(error as Error).message}\n\nThe bot showed:\n${visibleText(replies)}`, { cause: error });
    }
  }
  return { transcript, status: client.dialogTurnResult?.status };
}

export function traces(activities: readonly Partial<Activity>[], name: string): Partial<Activity>[] {
  return activities.filter((activity) => activity.type === 'trace' && activity.name === name);
}
