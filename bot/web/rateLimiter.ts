import { systemClock, type Clock } from './clock';

export type RateLimitDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface RateLimiter {
  /** Spends one request from the key's budget (the key is usually the client IP). */
  take(key: string): RateLimitDecision;
}

export interface RateLimiterOptions {
  /** Burst size: requests a client may make at once. */
  readonly capacity: number;
  /** How long it takes to earn back the whole capacity. */
  readonly refillMs: number;
  readonly clock?: Clock;
  /** Bounds memory when many addresses call once; idle (full) buckets are dropped first. */
  readonly maxKeys?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** A token bucket per key: `capacity` requests per `refillMs`, refilled continuously. */
export function createRateLimiter({ capacity, refillMs, clock = systemClock, maxKeys = 10_000 }: RateLimiterOptions): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const refillPerMs = capacity / refillMs;

  const refill = (bucket: Bucket, now: number): void => {
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * refillPerMs);
    bucket.updatedAt = now;
  };

  const forgetIdleBuckets = (now: number): void => {
    for (const [key, bucket] of buckets) {
      refill(bucket, now);
      if (bucket.tokens >= capacity) buckets.delete(key);
    }
    // Still full of busy clients: drop the oldest entries rather than grow without bound.
    for (const key of buckets.keys()) {
      if (buckets.size < maxKeys) break;
      buckets.delete(key);
    }
  };

  return {
    take(key) {
      const now = clock();
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        if (buckets.size >= maxKeys) forgetIdleBuckets(now);
        bucket = { tokens: capacity, updatedAt: now };
        buckets.set(key, bucket);
      } else {
        refill(bucket, now);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)) };
    },
  };
}
