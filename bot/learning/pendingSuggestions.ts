import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { PendingSuggestion } from '../../knowledge/gaps/gapsLog';
import { BoundedMemoryStorage } from '../state/boundedMemoryStorage';
import type { Clock } from '../web/clock';

export interface PendingSuggestionsOptions {
  /** A "did you mean" older than this is no longer "the previous message". */
  readonly ttlMs?: number;
  readonly maxItems?: number;
  readonly clock?: Clock;
}

/**
 * The "did you mean" each conversation was just offered, redacted, until its next message says how
 * it ended (see GapsLog). Held in this process's memory only, never in conversation state or any
 * storage: a question that does not become a record is never written anywhere. The key is a hash of
 * the channel, conversation and sender. With several instances or after a restart, a next message
 * that lands elsewhere simply records nothing.
 */
export class PendingSuggestions {
  private readonly memory: BoundedMemoryStorage;

  constructor({ ttlMs = 30 * 60_000, maxItems = 10_000, clock }: PendingSuggestionsOptions = {}) {
    this.memory = new BoundedMemoryStorage({ idleTtlMs: ttlMs, maxItems, ...(clock === undefined ? {} : { clock }) });
  }

  static keyFor(context: TurnContext): string {
    const { channelId, conversation, from } = context.activity;
    return createHash('sha256').update([channelId, conversation?.id ?? '', from?.id ?? ''].join('\n')).digest('base64url');
  }

  /** The conversation's pending suggestion, removed: whatever the next message is, it is decided now. */
  async take(key: string): Promise<PendingSuggestion | undefined> {
    const items = await this.memory.read([key]);
    await this.memory.delete([key]);
    const item = items[key] as { pending?: PendingSuggestion } | undefined;
    return item?.pending;
  }

  async hold(key: string, pending: PendingSuggestion): Promise<void> {
    await this.memory.write({ [key]: { pending } });
  }
}
