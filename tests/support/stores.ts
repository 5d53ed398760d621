import { afterAll, beforeAll, describe } from 'vitest';
import { describeWithRedis } from './redis-guard.ts';
import { startRedisServer, type RedisServer } from './redis-server.ts';
import type { StackOptions } from './stack.ts';

/** Every session store the integration suite runs against. */
export const TEST_STORES = ['sqlite', 'redis'] as const;
export type TestStore = (typeof TEST_STORES)[number];

export interface StoreSetup {
  readonly name: TestStore;
  /** startStack options for this store; call from a hook or test (the Redis server starts in beforeAll). */
  stackOptions(extra?: StackOptions): StackOptions;
  /** The file's own redis-server (Redis only). */
  redis(): RedisServer;
}

/**
 * Runs `body` once per store, inside `describe('[store]')`. For Redis, one redis-server is
 * started for the whole block before any of the body's hooks, and stopped after them.
 */
export function describeWithStore(name: TestStore, body: (store: StoreSetup) => void): void {
  if (name === 'sqlite') {
    describe('[sqlite]', () =>
      body({
        name,
        stackOptions: (extra = {}) => ({ ...extra, store: 'sqlite' }),
        redis: () => {
          throw new Error('this block runs against SQLite, not Redis');
        },
      }));
    return;
  }
  describeWithRedis('[redis]', () => {
    let server: RedisServer | undefined;
    beforeAll(async () => {
      server = await startRedisServer();
    });
    afterAll(() => server?.close());
    const redis = (): RedisServer => {
      if (!server) throw new Error('redis-server is not started yet: use it from a hook or a test');
      return server;
    };
    body({ name, stackOptions: (extra = {}) => ({ ...extra, store: 'redis', redisUrl: redis().url }), redis });
  });
}

export function describeEachStore(body: (store: StoreSetup) => void): void {
  for (const store of TEST_STORES) describeWithStore(store, body);
}
