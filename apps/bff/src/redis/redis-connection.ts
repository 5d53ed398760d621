import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../config/config.ts';
import { describeRedis } from './describe-redis.ts';

/** A single Redis, a Sentinel-managed primary (both `Redis`), or a cluster: the same commands on each. */
export type RedisClient = Redis | Cluster;

/**
 * Fail fast, recover by itself. While Redis is away a command fails at once (no offline queue)
 * or within the command timeout, so a request becomes a prompt 503 instead of hanging;
 * meanwhile the client reconnects forever, at most a second apart, so nothing needs a restart
 * when Redis returns.
 */
function nodeOptions({ commandTimeoutMs, tlsCa }: RedisConfig): RedisOptions {
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2000,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
    ...(tlsCa === null ? {} : { tls: { ca: tlsCa } }),
  };
}

/**
 * A cluster: reads stay on primaries (scaleReads 'master': a replica may not yet hold a session
 * just written); the slot map is refreshed every second so a promoted replica is found within
 * about a second of the promotion; MOVED/TRYAGAIN/CLUSTERDOWN are retried a few times, 100 ms
 * apart, and then fail (a 503) instead of queueing behind a failover.
 */
function clusterOptions(config: RedisConfig): ClusterOptions {
  const { lazyConnect: _lazy, ...redisOptions } = nodeOptions(config);
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    scaleReads: 'master',
    slotsRefreshInterval: 1000,
    slotsRefreshTimeout: 1000,
    maxRedirections: 5,
    retryDelayOnMoved: 0,
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    clusterRetryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
    redisOptions,
  };
}

/** How long startup waits for Redis before it gives up with a message (and exit 1). */
const STARTUP_TIMEOUT_MS = 5000;

/** Builds the client the configuration describes; not yet connected. */
export function createRedisClient(config: RedisConfig): RedisClient {
  const { topology } = config;
  switch (topology.kind) {
    case 'single':
      return new Redis(topology.url, nodeOptions(config));
    case 'cluster':
      return new Cluster(
        topology.nodes.map(({ host, port }) => ({ host, port })),
        clusterOptions(config),
      );
    case 'sentinel':
      return new Redis({
        ...nodeOptions(config),
        sentinels: topology.sentinels.map(({ host, port }) => ({ host, port })),
        name: topology.name,
        role: 'master',
        ...(topology.sentinelPassword === null ? {} : { sentinelPassword: topology.sentinelPassword }),
        // Subscribes to the sentinels' +switch-master, so a promotion is followed at once.
        failoverDetector: true,
        sentinelRetryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
        ...(config.tlsCa === null ? {} : { enableTLSForSentinelMode: true, sentinelTLS: { ca: config.tlsCa } }),
      });
  }
}

/**
 * A connected client, or a rejection naming where it tried and why. The client's 'error'
 * events only go to `onError`: an unhandled one would crash the process during an outage.
 */
export async function connectRedis(config: RedisConfig, onError?: (err: Error) => void): Promise<RedisClient> {
  const client = createRedisClient(config);
  let lastError: Error | undefined;
  client.on('error', (err: Error) => {
    lastError = err;
    onError?.(err);
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    // Sentinel keeps asking unreachable sentinels and never rejects connect(): bound the wait.
    const gaveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${STARTUP_TIMEOUT_MS} ms`)), STARTUP_TIMEOUT_MS);
    });
    // A cluster "connects" before it has a slot map; one command proves it can serve.
    await Promise.race([client.connect().then(() => client.ping()), gaveUp]);
  } catch (err) {
    client.disconnect();
    // connect() itself only says "Connection is closed."; the reason came as an 'error' event.
    const reason = (lastError ?? (err instanceof Error ? err : undefined))?.message ?? String(err);
    throw new Error(`Cannot reach Redis at ${describeRedis(config)}: ${reason}${tlsHint(reason, config)}`, {
      cause: err,
    });
  } finally {
    clearTimeout(timer);
  }
  return client;
}

/** A single Redis from a URL, with the defaults (the bench's seeding, older callers). */
export function singleRedisConfig(url: string): RedisConfig {
  return {
    topology: { kind: 'single', url },
    tlsCa: null,
    waitReplicas: 0,
    waitTimeoutMs: 500,
    commandTimeoutMs: 1000,
  };
}

function tlsHint(reason: string, { tlsCa }: RedisConfig): string {
  if (!/certificate|self.signed|CERT_|SSL|TLS/i.test(reason)) return '';
  return tlsCa === null
    ? '; the server certificate is not trusted: set REDIS_TLS_CA_FILE to the CA that signed it'
    : '; the server certificate is not signed by the CA in REDIS_TLS_CA_FILE';
}
