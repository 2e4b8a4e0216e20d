import type { Middleware, ResourceResponse, TurnContext } from 'botbuilder';

/** Azure Bot Service waits about 15 s for /api/messages; replies must be done well before that. */
export const DEFAULT_REPLY_BUDGET_MS = 10_000;

/** The turn spent its time budget on calls to the channel; the rest of its replies are not sent. */
export class ReplyBudgetExceededError extends Error {
  override name = 'ReplyBudgetExceededError';
}

/**
 * One time budget for everything a turn sends to the channel (its serviceUrl), retries included.
 * botbuilder's connector retries a failing channel for seconds per reply and waits forever for one
 * that never answers; with this middleware a send that outlives the budget is abandoned (the turn
 * fails, onTurnError's own sends fail at once), so /api/messages always answers in time.
 */
export class TurnTimeBudget implements Middleware {
  constructor(private readonly budgetMs: number = DEFAULT_REPLY_BUDGET_MS) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + this.budgetMs;
    context.onSendActivities(async (_context, _activities, send) => {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new ReplyBudgetExceededError(`Replies took longer than ${this.budgetMs} ms.`);
      const sending = send();
      // The abandoned call may still fail later; that must not become an unhandled rejection.
      sending.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new ReplyBudgetExceededError(`Replies took longer than ${this.budgetMs} ms.`)), remaining);
      });
      try {
        return await Promise.race<ResourceResponse[]>([sending, expired]);
      } finally {
        clearTimeout(timer);
      }
    });
    await next();
  }
}

/**
 * Trace activities (the Emulator's FaqRouting and Screening traces) are diagnostics: other channels
 * drop them, and nothing depends on their delivery. A channel failing on one must not abort the turn
 * before the bot has acted on the message (recorded a hold, for one), so their failures are ignored.
 */
export class BestEffortTraces implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_context, activities, send) => {
      if (!activities.every((activity) => activity.type === 'trace')) return send();
      try {
        return await send();
      } catch {
        return activities.map(() => ({ id: '' }));
      }
    });
    await next();
  }
}
