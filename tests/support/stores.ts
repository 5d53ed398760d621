import { afterAll, beforeAll, describe } from 'vitest';
import { describeWithRedis } from './redis-guard.ts';
import { startRedisCluster, type RedisCluster } from './redis-cluster.ts';
import { startRedisServer, type RedisServer } from './redis-server.ts';
import type { StackOptions } from './stack.ts';

/** Every session store the integration suite runs against. */
export const TEST_STORES = ['sqlite', 'redis', 'redis-cluster'] as const;
export type TestStore = (typeof TEST_STORES)[number];

export interface StoreSetup {
  readonly name: TestStore;
  /** startStack options for this store; call from a hook or test (the Redis server starts in beforeAll). */
  stackOptions(extra?: StackOptions): StackOptions;
  /** The file's own redis-server (Redis only). */
  redis(): RedisServer;
  /** The file's own cluster (redis-cluster only). */
  cluster(): RedisCluster;
  /** What Redis holds, on a single server or a cluster (not SQLite). */
  redisData(): Pick<RedisServer, 'keys' | 'dump'>;
}

const notThis = (what: string) => () => {
  throw new Error(`this block does not run against ${what}`);
};

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
        redis: notThis('a single Redis'),
        cluster: notThis('a Redis cluster'),
        redisData: notThis('Redis'),
      }));
    return;
  }
  if (name === 'redis-cluster') {
    // One cluster (6 processes) per block: started once in beforeAll, like the single server.
    describeWithRedis('[redis-cluster]', () => {
      let started: RedisCluster | undefined;
      beforeAll(async () => {
        started = await startRedisCluster();
      }, 60_000);
      afterAll(() => started?.close());
      const cluster = (): RedisCluster => {
        if (!started) throw new Error('the cluster is not started yet: use it from a hook or a test');
        return started;
      };
      body({
        name,
        stackOptions: (extra = {}) => ({ ...extra, store: 'redis', redisCluster: cluster().seeds }),
        redis: notThis('a single Redis'),
        cluster,
        redisData: cluster,
      });
    });
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
    body({
      name,
      stackOptions: (extra = {}) => ({ ...extra, store: 'redis', redisUrl: redis().url }),
      redis,
      cluster: notThis('a Redis cluster'),
      redisData: redis,
    });
  });
}

export function describeEachStore(body: (store: StoreSetup) => void): void {
  for (const store of TEST_STORES) describeWithStore(store, body);
}
