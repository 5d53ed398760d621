import type { Config } from '../config.ts';
import { createSessionCodec } from './session-codec.ts';
import type { SessionStore } from './session-store.ts';
import { createSqliteStore } from './sqlite-store.ts';

export interface StoreOptions {
  readonly now?: () => number;
  readonly sweepIntervalMs?: number;
  /** Told of connection trouble that no request saw (Redis reconnecting). */
  readonly onError?: (err: Error) => void;
}

/** The configured store, sealing what it keeps under keys derived from SESSION_SECRET. */
export async function createSessionStore(config: Config, options: StoreOptions = {}): Promise<SessionStore> {
  const codec = createSessionCodec(config.session.secrets);
  if (config.session.store === 'redis') {
    const { createRedisStore } = await import('./redis-store.ts');
    return createRedisStore({
      url: config.session.redisUrl,
      keyPrefix: config.session.redisKeyPrefix,
      codec,
      ...(options.now ? { now: options.now } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }
  return createSqliteStore({ path: config.session.dbPath, codec, ...options });
}

/** What the startup log says about the store, without credentials. */
export function describeStore(config: Config): string {
  if (config.session.store === 'sqlite') return `sqlite:${config.session.dbPath}`;
  const url = new URL(config.session.redisUrl);
  url.username = '';
  url.password = '';
  return `redis:${url.href} (prefix ${config.session.redisKeyPrefix})`;
}
