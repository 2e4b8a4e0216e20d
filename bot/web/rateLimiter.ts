import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory';
import RateLimiterRes from 'rate-limiter-flexible/lib/RateLimiterRes';

export type RateLimitDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface RateLimiter {
  /** Spends one request from the key's budget (a client address, a conversation id). */
  take(key: string): Promise<RateLimitDecision>;
}

export interface RateLimiterOptions {
  /** Requests a key may make per window. */
  readonly capacity: number;
  /** The window's length. */
  readonly refillMs: number;
}

/**
 * `capacity` requests per `refillMs` window and key, counted by rate-limiter-flexible. In memory
 * for now (each instance counts its own; every key's counter expires with its window, so memory
 * stays bounded by the request rate); RateLimiterRedis has the same interface for a shared count.
 */
export function createRateLimiter({ capacity, refillMs }: RateLimiterOptions): RateLimiter {
  const limiter = new RateLimiterMemory({ points: capacity, duration: Math.max(1, Math.ceil(refillMs / 1000)) });
  return {
    async take(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      }
    },
  };
}
