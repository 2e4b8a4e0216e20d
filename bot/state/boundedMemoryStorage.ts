import type { Storage, StoreItems } from 'botbuilder';
import { systemClock, type Clock } from '../web/clock';

export interface BoundedMemoryStorageOptions {
  /** Items not read or written for this long are forgotten. */
  readonly idleTtlMs: number;
  /** Beyond this many items, the least recently used are forgotten first. */
  readonly maxItems: number;
  readonly clock?: Clock;
}

interface Entry {
  readonly json: string;
  readonly eTag: string;
  touchedAt: number;
}

/**
 * botbuilder's MemoryStorage semantics (JSON copies, ETag conflicts as "eTag conflict" errors, any
 * ETag other than "*" on a missing key creates it), with bounded memory: idle items expire and a
 * cap evicts the least recently used. For one instance in development; a restart forgets everything.
 */
export class BoundedMemoryStorage implements Storage {
  private readonly items = new Map<string, Entry>();
  private readonly clock: Clock;
  private nextETag = 1;

  constructor(private readonly options: BoundedMemoryStorageOptions) {
    this.clock = options.clock ?? systemClock;
  }

  get size(): number {
    this.expireIdle();
    return this.items.size;
  }

  read(keys: string[]): Promise<StoreItems> {
    this.expireIdle();
    const found: StoreItems = {};
    for (const key of keys) {
      const entry = this.touch(key);
      if (entry !== undefined) found[key] = { ...(JSON.parse(entry.json) as object), eTag: entry.eTag };
    }
    return Promise.resolve(found);
  }

  write(changes: StoreItems): Promise<void> {
    this.expireIdle();
    const items: Record<string, Record<string, unknown>> = changes;
    const entries = Object.entries(items);
    for (const [key, item] of entries) {
      const eTag = item.eTag;
      const current = this.items.get(key);
      if (current !== undefined && typeof eTag === 'string' && eTag !== '*' && eTag !== '' && eTag !== current.eTag) {
        return Promise.reject(new Error(`Storage: error writing "${key}" due to eTag conflict.`));
      }
    }
    for (const [key, item] of entries) {
      const value: Record<string, unknown> = { ...item };
      delete value.eTag;
      this.items.delete(key);
      this.items.set(key, { json: JSON.stringify(value), eTag: String(this.nextETag++), touchedAt: this.clock() });
    }
    this.evictOverCap();
    return Promise.resolve();
  }

  delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
    return Promise.resolve();
  }

  /** Marks an item as used now (re-inserted last, so Map order is recency order). */
  private touch(key: string): Entry | undefined {
    const entry = this.items.get(key);
    if (entry === undefined) return undefined;
    entry.touchedAt = this.clock();
    this.items.delete(key);
    this.items.set(key, entry);
    return entry;
  }

  private expireIdle(): void {
    const cutoff = this.clock() - this.options.idleTtlMs;
    for (const [key, entry] of this.items) {
      if (entry.touchedAt > cutoff) break;
      this.items.delete(key);
    }
  }

  private evictOverCap(): void {
    for (const key of this.items.keys()) {
      if (this.items.size <= this.options.maxItems) break;
      this.items.delete(key);
    }
  }
}
