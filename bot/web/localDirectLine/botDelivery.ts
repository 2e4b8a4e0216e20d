import type { Logger } from '../../logger';
import { postJson, sendHttpRequest, type HttpClient } from '../httpRequest';
import type { LocalConversation, WireActivity } from './conversationStore';

export interface BotDeliveryOptions {
  readonly logger: Logger;
  readonly httpClient?: HttpClient;
  /** How long the bot may take for one turn (Azure Bot Service allows about 15 s). */
  readonly timeoutMs?: number;
  /**
   * Most activities waiting for (or in) a bot turn per conversation. Turns run one at a time,
   * so without a cap a client could queue work (and memory) faster than a slow bot drains it.
   */
  readonly maxQueueDepth?: number;
}

/**
 * Posts activities to the bot's real /api/messages endpoint, as a channel would, one at
 * a time per conversation so the bot sees them in order (the welcome before the first question).
 */
export class BotDelivery {
  private readonly queues = new WeakMap<LocalConversation, Promise<void>>();
  /** Activities queued or being delivered, per conversation. */
  private readonly depths = new WeakMap<LocalConversation, number>();
  private readonly httpClient: HttpClient;
  private readonly timeoutMs: number;
  private readonly maxQueueDepth: number;

  constructor(private readonly options: BotDeliveryOptions) {
    this.httpClient = options.httpClient ?? sendHttpRequest;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    // A patient types far slower than the bot answers; ten waiting turns means something is stuck.
    this.maxQueueDepth = options.maxQueueDepth ?? 10;
  }

  /** False when the conversation's queue is full: refuse the activity rather than queue it. */
  hasRoom(conversation: LocalConversation): boolean {
    return (this.depths.get(conversation) ?? 0) < this.maxQueueDepth;
  }

  /** Queues the activity; the promise settles when the bot has answered the turn and never rejects. */
  deliver(conversation: LocalConversation, activity: WireActivity, messagesUrl: string): Promise<void> {
    this.depths.set(conversation, (this.depths.get(conversation) ?? 0) + 1);
    const previous = this.queues.get(conversation) ?? Promise.resolve();
    const next = previous
      .then(() => this.post(activity, messagesUrl))
      .finally(() => this.depths.set(conversation, (this.depths.get(conversation) ?? 1) - 1));
    this.queues.set(conversation, next);
    return next;
  }

  private async post(activity: WireActivity, messagesUrl: string): Promise<void> {
    try {
      const response = await postJson(this.httpClient, messagesUrl, activity, { timeoutMs: this.timeoutMs });
      if (response.status >= 300) {
        this.options.logger.warn({ status: response.status, activityType: activity.type }, 'local Direct Line: the bot rejected an activity');
      }
    } catch (error) {
      this.options.logger.warn({ err: error, activityType: activity.type }, 'local Direct Line: the bot could not be reached');
    }
  }
}
