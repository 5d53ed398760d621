import type { Config } from '../../config/config.ts';
import { describeRedis } from '../../redis/describe-redis.ts';
import { createSessionCodec } from '../session-codec.ts';
import type { SessionStore } from '../session-store.ts';
import { createSqliteStore } from './sqlite-store.ts';

export interface StoreOptions {
  readonly now?: () => number;
  readonly sweepIntervalMs?: number;
  /** Told of connection trouble that no request saw (Redis reconnecting). */
  readonly onError?: (err: Error) => void;
  /** Told of what an operator should know (a migration of an older layout). */
  readonly onNotice?: (message: string) => void;
}

/** The configured store, sealing what it keeps under keys derived from SESSION_SECRET. */
export async function createSessionStore(config: Config, options: StoreOptions = {}): Promise<SessionStore> {
  const { secrets } = config.session;
  const codec = createSessionCodec(secrets);
  const { now, onError, onNotice, sweepIntervalMs } = options;
  if (config.session.store === 'redis') {
    // Loaded only when used: the SQLite setup never pays for ioredis.
    const { createRedisStore } = await import('./redis-store.ts');
    const { connectRedis } = await import('../../redis/redis-connection.ts');
    const { redis } = config.session;
    const client = await connectRedis(redis, onError);
    return createRedisStore({
      client,
      durability: { replicas: redis.waitReplicas, timeoutMs: redis.waitTimeoutMs },
      keyPrefix: config.session.redisKeyPrefix,
      codec,
      secrets,
      ...(now ? { now } : {}),
      ...(onNotice ? { onNotice } : {}),
    });
  }
  return createSqliteStore({
    path: config.session.dbPath,
    codec,
    secrets,
    ...(now ? { now } : {}),
    ...(onNotice ? { onNotice } : {}),
    ...(sweepIntervalMs === undefined ? {} : { sweepIntervalMs }),
  });
}

/** What the startup log says about the store, without credentials. */
export function describeStore(config: Config): string {
  if (config.session.store === 'sqlite') return `sqlite:${config.session.dbPath}`;
  return `redis:${describeRedis(config.session.redis)} (prefix ${config.session.redisKeyPrefix})`;
}
