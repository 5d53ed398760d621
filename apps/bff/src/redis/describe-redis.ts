import type { RedisConfig } from '../config/config.ts';

/** Where the client connects, without credentials or database, and the setting that says so. */
export function describeRedis({ topology }: RedisConfig): string {
  const list = (nodes: readonly { host: string; port: number }[]) => nodes.map((n) => `${n.host}:${n.port}`).join(',');
  switch (topology.kind) {
    case 'single': {
      const parsed = new URL(topology.url);
      return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'} (REDIS_URL)`;
    }
    case 'cluster':
      return `cluster ${list(topology.nodes)} (REDIS_CLUSTER_NODES)`;
    case 'sentinel':
      return `sentinel primary "${topology.name}" via ${list(topology.sentinels)} (REDIS_SENTINELS)`;
  }
}
