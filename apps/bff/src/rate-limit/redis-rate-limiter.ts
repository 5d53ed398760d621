import type { Redis } from 'ioredis';
import { secondsLeftInWindow, type RateLimiter, type RateLimitPolicy } from './rate-limiter.ts';

/** Counts shared by every instance on one Redis, so a client cannot spread its attempts across them. */
export function createRedisRateLimiter(
  client: Redis,
  keyPrefix: string,
  { limit, windowMs }: RateLimitPolicy,
  now: () => number,
): RateLimiter {
  return {
    async hit(key) {
      const t = now();
      const redisKey = `${keyPrefix}rl:${Math.floor(t / windowMs)}:${key}`;
      const [[incrError, count] = [null, 0]] =
        (await client.multi().incr(redisKey).pexpire(redisKey, windowMs).exec()) ?? [];
      if (incrError) throw incrError;
      return Number(count) <= limit
        ? { allowed: true }
        : { allowed: false, retryAfterSeconds: secondsLeftInWindow(t, windowMs) };
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
