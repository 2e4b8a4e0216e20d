// rate-limiter-flexible's index loads every store it supports (Redis, Mongo, DynamoDB, SQL…); the bot
// loads the two classes it uses from their own modules (see rateLimiter.ts), typed as the index types them.
declare module 'rate-limiter-flexible/lib/RateLimiterMemory' {
  import { RateLimiterMemory } from 'rate-limiter-flexible';
  export = RateLimiterMemory;
}

declare module 'rate-limiter-flexible/lib/RateLimiterRes' {
  import { RateLimiterRes } from 'rate-limiter-flexible';
  export = RateLimiterRes;
}
