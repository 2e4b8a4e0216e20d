import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../clock';

/** An activity as JSON on the wire; only `type` is required by the Direct Line protocol. */
export interface WireActivity {
  readonly type: string;
  readonly id?: string;
  readonly [field: string]: unknown;
}

export interface LocalConversation {
  readonly id: string;
  readonly token: string;
  readonly userId: string;
  /** Set once the client has started it (POST /conversations), which greets the user. */
  started: boolean;
  lastActiveAt: number;
  /** Sequence number of the next activity; also the watermark after the newest one. */
  nextSequence: number;
  /** The newest activities, oldest first; older ones are dropped past maxActivities or maxBytes. */
  readonly activities: StoredActivity[];
  /** Sum of the activities' JSON sizes, kept so the byte budget costs nothing to check. */
  storedBytes: number;
}

export interface StoredActivity {
  readonly sequence: number;
  readonly activity: WireActivity;
  /** Size of the activity as JSON (UTF-8 bytes). */
  readonly bytes: number;
}

export interface ActivityPage {
  readonly activities: readonly WireActivity[];
  readonly watermark: string;
}

export interface ConversationStoreOptions {
  readonly clock?: Clock;
  /** Idle conversations (no request from the browser or the bot) are forgotten after this. */
  readonly idleTtlMs?: number;
  readonly maxConversations?: number;
  readonly maxActivitiesPerConversation?: number;
  /**
   * Byte budget per conversation (JSON size of its stored activities); the oldest are
   * dropped beyond it. A count alone would let a few huge activities use a lot of memory.
   */
  readonly maxBytesPerConversation?: number;
  /** Most activities returned by one GET, as Direct Line pages long transcripts. */
  readonly pageSize?: number;
}

function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * In-memory conversations for the development Direct Line channel, with bounded memory:
 * idle ones expire, the least recently used is evicted past maxConversations, and each
 * keeps only its newest activities (by count and by bytes).
 */
export class ConversationStore {
  readonly idleTtlMs: number;
  private readonly clock: Clock;
  private readonly maxConversations: number;
  private readonly maxActivities: number;
  private readonly maxBytes: number;
  private readonly pageSize: number;
  /** Insertion order doubles as recency order: touching re-inserts a conversation at the end. */
  private readonly byId = new Map<string, LocalConversation>();
  private readonly idByToken = new Map<string, string>();

  constructor(options: ConversationStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.idleTtlMs = options.idleTtlMs ?? 30 * 60 * 1000;
    this.maxConversations = options.maxConversations ?? 500;
    this.maxActivities = options.maxActivitiesPerConversation ?? 500;
    // Room for dozens of rich bot replies (cards are a few KB), yet 500 conversations stay under ~128 MB.
    this.maxBytes = options.maxBytesPerConversation ?? 256 * 1024;
    this.pageSize = options.pageSize ?? 100;
  }

  get size(): number {
    this.expireIdle();
    return this.byId.size;
  }

  create(userId: string): LocalConversation {
    this.expireIdle();
    while (this.byId.size >= this.maxConversations) {
      const oldest = this.byId.values().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
    const conversation: LocalConversation = {
      id: randomId(16),
      token: randomId(32),
      userId,
      started: false,
      lastActiveAt: this.clock(),
      nextSequence: 0,
      activities: [],
      storedBytes: 0,
    };
    this.byId.set(conversation.id, conversation);
    this.idByToken.set(conversation.token, conversation.id);
    return conversation;
  }

  /** The live conversation a bearer token belongs to; using it counts as activity. */
  findByToken(token: string): LocalConversation | undefined {
    const id = this.idByToken.get(token);
    return id === undefined ? undefined : this.get(id);
  }

  /** The live conversation with this id; using it counts as activity. */
  get(id: string): LocalConversation | undefined {
    this.expireIdle();
    const conversation = this.byId.get(id);
    if (conversation === undefined) return undefined;
    conversation.lastActiveAt = this.clock();
    this.byId.delete(id);
    this.byId.set(id, conversation);
    return conversation;
  }

  /** Stores an activity, giving it a Direct Line style id ("<conversation>|0000042") and a timestamp. */
  append(conversation: LocalConversation, activity: WireActivity): WireActivity {
    const sequence = conversation.nextSequence;
    conversation.nextSequence += 1;
    const stored: WireActivity = {
      ...activity,
      id: `${conversation.id}|${String(sequence).padStart(7, '0')}`,
      timestamp: new Date(this.clock()).toISOString(),
    };
    const bytes = Buffer.byteLength(JSON.stringify(stored));
    conversation.activities.push({ sequence, activity: stored, bytes });
    conversation.storedBytes += bytes;
    // Oldest first; the newest activity is always kept, even if it alone exceeds the budget.
    while (
      conversation.activities.length > 1 &&
      (conversation.activities.length > this.maxActivities || conversation.storedBytes > this.maxBytes)
    ) {
      const dropped = conversation.activities.shift();
      if (dropped !== undefined) conversation.storedBytes -= dropped.bytes;
    }
    return stored;
  }

  /** Activities at or after the watermark (a sequence number), at most one page of them. */
  activitiesSince(conversation: LocalConversation, watermark: number): ActivityPage {
    const page = conversation.activities.filter((entry) => entry.sequence >= watermark).slice(0, this.pageSize);
    const last = page[page.length - 1];
    return {
      activities: page.map((entry) => entry.activity),
      watermark: String(last === undefined ? conversation.nextSequence : last.sequence + 1),
    };
  }

  private expireIdle(): void {
    const cutoff = this.clock() - this.idleTtlMs;
    // Oldest first, so stop at the first conversation that is still fresh.
    for (const conversation of this.byId.values()) {
      if (conversation.lastActiveAt > cutoff) break;
      this.remove(conversation);
    }
  }

  private remove(conversation: LocalConversation): void {
    this.byId.delete(conversation.id);
    this.idByToken.delete(conversation.token);
  }
}
