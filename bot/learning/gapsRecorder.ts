import type { Middleware, TurnContext } from 'botbuilder';
import { answeredQuestion } from '../../dialogs/answeredQuestion';
import { repliedDecision } from '../../dialogs/repliedDecision';
import { channelOf, dayOf } from '../../knowledge/gaps/gapRecord';
import type { GapsLog } from '../../knowledge/gaps/gapsLog';
import type { Logger } from '../logger';
import { systemClock, type Clock } from '../web/clock';
import type { LearningStore } from './learningStore';
import { PendingSuggestions } from './pendingSuggestions';

export interface GapsRecorderOptions {
  readonly pending?: PendingSuggestions;
  readonly clock?: Clock;
}

/**
 * Adapter middleware (GAPS_LOG=on): after each message's turn, asks the GapsLog whether the message,
 * or the "did you mean" before it, is a question the bot could not answer, and stores the redacted
 * record. Recording never fails a turn (the replies are already sent): a storage error is logged,
 * without text. Logs name the route at debug level only.
 */
export class GapsRecorder implements Middleware {
  private readonly pending: PendingSuggestions;
  private readonly clock: Clock;

  constructor(
    private readonly log: GapsLog,
    private readonly store: LearningStore,
    private readonly logger: Logger,
    { pending = new PendingSuggestions(), clock = systemClock }: GapsRecorderOptions = {},
  ) {
    this.pending = pending;
    this.clock = clock;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    await next();
    if (context.activity.type !== 'message') return;
    try {
      await this.notice(context);
    } catch (error) {
      this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'gaps log: could not record this turn');
    }
  }

  private async notice(context: TurnContext): Promise<void> {
    const key = PendingSuggestions.keyFor(context);
    const pending = await this.pending.take(key);
    const replied = answeredQuestion(context) === undefined ? repliedDecision(context) : undefined;
    const outcome = this.log.ofTurn({
      text: context.activity.text ?? '',
      channel: channelOf(context.activity.channelId),
      day: dayOf(this.clock()),
      ...(replied === undefined ? { safetyEarlier: false } : { replied: replied.decision, safetyEarlier: replied.safetyEarlier }),
      ...(pending === undefined ? {} : { pending }),
    });
    if (outcome.pending !== undefined) await this.pending.hold(key, outcome.pending);
    for (const record of outcome.records) {
      await this.store.addGap(record);
      this.logger.debug({ route: record.route, channel: record.channel }, 'gaps log: question recorded');
    }
  }
}
