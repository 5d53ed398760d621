import type * as Undici from 'undici';
import type { Pool } from 'undici';
import type { UpstreamConfig } from '../config/config.ts';

export interface UpstreamPools {
  poolFor(upstream: UpstreamConfig): Promise<Pool>;
  close(): Promise<void>;
}

/**
 * One keep-alive connection pool per backend origin (undici): a proxy that opens a connection
 * per request (http-proxy without an agent) manages about 1.7k requests/s here, one that keeps
 * them, an order of magnitude more.
 */
export function createUpstreamPools(upstreams: readonly UpstreamConfig[]): UpstreamPools {
  const origins = new Set(upstreams.map((upstream) => new URL(upstream.target).origin));
  const pools = new Map<string, Pool>();
  // undici is loaded with the first proxied request: an app without upstreams never holds it.
  let undici: Promise<typeof Undici> | undefined;
  return {
    async poolFor(upstream) {
      const origin = new URL(upstream.target).origin;
      if (!origins.has(origin)) throw new Error(`no pool for upstream ${upstream.name}`);
      const { Pool } = await (undici ??= import('undici'));
      let pool = pools.get(origin);
      if (!pool) {
        pool = new Pool(origin, { connections: 256, pipelining: 1, keepAliveTimeout: 4_000 });
        pools.set(origin, pool);
      }
      return pool;
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}
