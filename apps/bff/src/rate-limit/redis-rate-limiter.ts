import type { RedisClient } from '../redis/redis-connection.ts';
import { secondsLeftInWindow, type RateLimiter, type RateLimitPolicy } from './rate-limiter.ts';

/**
 * Counts shared by every instance on one Redis, so a client cannot spread its attempts across
 * them. MULTI touches one key (one slot on a cluster). Counts are not WAITed for: a failover may
 * forget part of a window's count, which costs a client at most one more window's attempts.
 */
export function createRedisRateLimiter(
  client: RedisClient,
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
