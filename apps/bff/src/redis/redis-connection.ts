import { Redis, type RedisOptions } from 'ioredis';

/**
 * Fail fast, recover by itself. While Redis is away a command fails at once (no offline queue)
 * or within a second (commandTimeout), so a request becomes a prompt 503 instead of hanging;
 * meanwhile the client reconnects forever, at most a second apart, so nothing needs a restart
 * when Redis returns.
 */
const CLIENT_OPTIONS = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 1000,
  connectTimeout: 2000,
  retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
} satisfies RedisOptions;

/**
 * A connected client, or a rejection naming where it tried and why. The client's 'error'
 * events only go to `onError`: an unhandled one would crash the process during an outage.
 */
export async function connectRedis(url: string, onError?: (err: Error) => void): Promise<Redis> {
  const client = new Redis(url, CLIENT_OPTIONS);
  let lastError: Error | undefined;
  client.on('error', (err: Error) => {
    lastError = err;
    onError?.(err);
  });
  try {
    await client.connect();
  } catch (err) {
    client.disconnect();
    // connect() itself only says "Connection is closed."; the reason came as an 'error' event.
    const reason = (lastError ?? (err instanceof Error ? err : undefined))?.message ?? String(err);
    throw new Error(`Cannot reach Redis at ${describeRedisUrl(url)} (REDIS_URL): ${reason}`, { cause: err });
  }
  return client;
}

/** Where the client connects, without credentials or database. */
function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}`;
}
