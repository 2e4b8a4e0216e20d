import type { Storage, StoreItem, TurnContext } from 'botbuilder';

type Items = Readonly<Record<string, StoreItem | undefined>>;

export type SafetyHoldLevel = 'emergency' | 'see-doctor';

/** Why booking is on hold: ids only, never what the patient typed. */
export interface SafetyHoldState {
  readonly level: SafetyHoldLevel;
  /** The safety rule or screening question that raised it. */
  readonly reason: string;
}

/** What is kept for a conversation outside its dialog stack: ids only. */
export interface SafetyRecord {
  readonly hold?: SafetyHoldState;
  /** Ids of the current screen's questions answered yes. */
  readonly screeningFlags: readonly string[];
}

/** Where the conversation's own state lives (ConversationState, or the per-member Teams variant). */
export interface StateKeySource {
  getStorageKey(context: TurnContext): string | undefined;
}

export interface SafetyHoldOptions {
  /** Read-modify-write attempts before giving up on repeated ETag conflicts. */
  readonly maxAttempts?: number;
}

/**
 * The ETag that asks a storage to create an item only if it does not exist yet. MemoryStorage does
 * so for any ETag on a missing key; the project's Blob storage maps it to If-None-Match: *.
 */
export const CREATE_IF_ABSENT = 'create-if-absent';

const EMPTY: SafetyRecord = { screeningFlags: [] };
const CACHE = Symbol('safetyRecord');

/** botbuilder's storages report a failed ETag precondition as a plain Error saying so. */
export function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /etag conflict/i.test(error.message);
}

function recordFrom(item: StoreItem | undefined): SafetyRecord {
  if (item === undefined) return EMPTY;
  const hold = item.hold as SafetyHoldState | undefined;
  const flags = Array.isArray(item.screeningFlags) ? (item.screeningFlags as unknown[]).filter((flag) => typeof flag === 'string') : [];
  return { ...(hold === undefined ? {} : { hold: { level: hold.level, reason: hold.reason } }), screeningFlags: flags };
}

/**
 * Remembers, for the rest of the conversation, that someone was told to call the emergency number
 * or see a doctor first, so a later "find a provider" cannot lead to a booking link. "Start over"
 * does not lift it: a warning sign does not go away because the chat restarted.
 *
 * Durable on its own: the record has its own storage key next to the conversation state and every
 * change is written at once, with the record's ETag, so it survives a turn that fails afterwards
 * (onTurnError resets only the dialog stack), a restart (with Blob storage), and concurrent turns
 * of one conversation (a double-click, two tabs): a conflicting write is re-read, merged and retried.
 */
export class SafetyHold {
  private readonly maxAttempts: number;

  constructor(
    private readonly storage: Storage,
    private readonly state: StateKeySource,
    options: SafetyHoldOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 20;
  }

  /** The record's storage key for this turn's conversation (and member, in shared Teams chats). */
  keyFor(context: TurnContext): string | undefined {
    const stateKey = this.state.getStorageKey(context);
    return stateKey === undefined ? undefined : SafetyHold.keyForState(stateKey);
  }

  static keyForState(stateKey: string): string {
    return `${stateKey.replace(/\/$/, '')}/safety`;
  }

  async get(context: TurnContext): Promise<SafetyHoldState | undefined> {
    return (await this.read(context)).hold;
  }

  /** The hold stored under a key from keyFor (used by the /book links, outside any turn). */
  async getByKey(key: string): Promise<SafetyHoldState | undefined> {
    const items: Items = await this.storage.read([key]);
    return recordFrom(items[key]).hold;
  }

  async screeningFlags(context: TurnContext): Promise<readonly string[]> {
    return (await this.read(context)).screeningFlags;
  }

  /** Records a hold; an emergency is never downgraded to see-doctor. */
  async record(context: TurnContext, level: SafetyHoldLevel, reason: string): Promise<void> {
    await this.update(context, (current) => {
      if (current.hold?.level === 'emergency' || (current.hold?.level === level && level === 'see-doctor')) return undefined;
      return { ...current, hold: { level, reason } };
    });
  }

  async addScreeningFlag(context: TurnContext, questionId: string): Promise<void> {
    await this.update(context, (current) =>
      current.screeningFlags.includes(questionId) ? undefined : { ...current, screeningFlags: [...current.screeningFlags, questionId] },
    );
  }

  /** A new screen starts with no flags; the hold stays. */
  async clearScreeningFlags(context: TurnContext): Promise<void> {
    await this.update(context, (current) => (current.screeningFlags.length === 0 ? undefined : { ...current, screeningFlags: [] }));
  }

  private async read(context: TurnContext): Promise<SafetyRecord> {
    const cached = context.turnState.get<SafetyRecord | undefined>(CACHE);
    if (cached !== undefined) return cached;
    const key = this.keyFor(context);
    const items: Items = key === undefined ? {} : await this.storage.read([key]);
    const record = key === undefined ? EMPTY : recordFrom(items[key]);
    context.turnState.set(CACHE, record);
    return record;
  }

  /**
   * Read, change, write with the ETag just read (or create-if-absent); on a conflict someone else
   * wrote first, so read their version and apply the change to it. `change` returns undefined when
   * nothing needs writing.
   */
  private async update(context: TurnContext, change: (current: SafetyRecord) => SafetyRecord | undefined): Promise<void> {
    const key = this.keyFor(context);
    if (key === undefined) throw new Error('The safety hold needs a conversation id');
    for (let attempt = 1; ; attempt += 1) {
      const items: Items = await this.storage.read([key]);
      const item = items[key];
      const current = recordFrom(item);
      const next = change(current);
      if (next === undefined) {
        context.turnState.set(CACHE, current);
        return;
      }
      try {
        await this.storage.write({ [key]: { ...next, eTag: item?.eTag ?? CREATE_IF_ABSENT } });
        context.turnState.set(CACHE, next);
        return;
      } catch (error) {
        if (!isETagConflict(error) || attempt >= this.maxAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }
}
