import type { Config } from '../config/config.ts';
import { createMemoryRateLimiter } from './memory-rate-limiter.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** Sign-in attempts per client address: in this process with SQLite, shared through Redis with Redis. */
export async function createSignInRateLimiter(
  config: Config,
  now: () => number = Date.now,
  onError?: (err: Error) => void,
): Promise<RateLimiter> {
  const policy = { limit: config.signInRateLimit.limit, windowMs: config.signInRateLimit.windowMs };
  if (config.session.store !== 'redis') return createMemoryRateLimiter(policy, now);
  // Loaded only when used: the SQLite setup never pays for ioredis.
  const { createRedisRateLimiter } = await import('./redis-rate-limiter.ts');
  const { connectRedis } = await import('../redis/redis-connection.ts');
  const client = await connectRedis(config.session.redis, onError);
  return createRedisRateLimiter(client, config.session.redisKeyPrefix, policy, now);
}
