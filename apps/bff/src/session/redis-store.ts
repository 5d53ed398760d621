import type { ChainableCommander } from 'ioredis';
import type { SessionCodec } from './session-codec.ts';
import type { SessionData } from './session-data.ts';
import { hashSessionId } from './session-id.ts';
import { StoreUnavailableError, type SessionStore, type StoredSession } from './session-store.ts';
import { connectRedis } from './redis-connection.ts';

export interface RedisStoreOptions {
  readonly url: string;
  readonly keyPrefix: string;
  readonly codec: SessionCodec;
  readonly now?: () => number;
  /** Connection trouble, for the log. Requests only ever see it as StoreUnavailableError (503). */
  readonly onError?: (err: Error) => void;
}

/**
 * The shared store, for several BFF instances. Keys:
 * - `${prefix}s:${handle}`: the sealed session, expiring at its deadline (SET … PXAT);
 * - `${prefix}u:${userId}`: a sorted set of that user's handles scored by their deadlines, so
 *   "your sessions" needs no SCAN; stale members are dropped whenever it is read.
 * Needs Redis ≥ 7.0 (PEXPIREAT NX/GT).
 */
export async function createRedisStore({
  url,
  keyPrefix,
  codec,
  now = Date.now,
  onError,
}: RedisStoreOptions): Promise<SessionStore> {
  const client = await connectRedis(url, onError);
  const sessionKey = (handle: string) => `${keyPrefix}s:${handle}`;
  const indexKey = (userId: number) => `${keyPrefix}u:${userId}`;

  const open = (handle: string, sealed: unknown): SessionData | undefined => {
    const data = typeof sealed === 'string' ? codec.decode(handle, sealed) : undefined;
    // Redis expires keys by its own clock; the session's deadline is judged by ours, which
    // is also the one the rest of the app (and a test's fake clock) uses.
    return data && (data.expiresAt === undefined || data.expiresAt > now()) ? data : undefined;
  };

  /**
   * The user id comes from reading the record itself rather than a copy kept beside it:
   * nothing extra to keep in step, and only sealed (authenticated) data decides which index to
   * touch. If the record is already gone, its index member is left for listByUser to drop.
   */
  const removeSession = (handle: string) =>
    guard(async () => {
      const key = sessionKey(handle);
      const sealed = await client.get(key);
      const userId = sealed === null ? undefined : codec.decode(handle, sealed)?.user?.id;
      const multi = client.multi().del(key);
      if (userId !== undefined) multi.zrem(indexKey(userId), handle);
      await exec(multi);
    });

  return {
    async get(id) {
      const handle = hashSessionId(id);
      return open(handle, await guard(() => client.get(sessionKey(handle))));
    },
    async set(id, data, expiresAt) {
      const handle = hashSessionId(id);
      const at = Math.ceil(expiresAt);
      const multi = client.multi().set(sessionKey(handle), codec.encode(handle, data), 'PXAT', at);
      const userId = data.user?.id;
      if (userId !== undefined) {
        const index = indexKey(userId);
        // The index lives as long as its longest-lived member: NX gives a new index a deadline,
        // GT only ever pushes it later.
        multi.zadd(index, at, handle).pexpireat(index, at, 'NX').pexpireat(index, at, 'GT');
      }
      await guard(() => exec(multi));
    },
    destroy: (id) => removeSession(hashSessionId(id)),
    destroyByHandle: (handle) => removeSession(handle),
    listByUser: (userId) =>
      guard(async () => {
        const index = indexKey(userId);
        const [, members] = await exec(
          client.multi().zremrangebyscore(index, '-inf', now()).zrange(index, '0', '-1', 'WITHSCORES'),
        );
        const scored = toScoredHandles(members);
        if (scored.length === 0) return [];
        const sealed = await client.mget(scored.map(({ handle }) => sessionKey(handle)));
        const live: StoredSession[] = [];
        const stale: string[] = [];
        let latest = 0;
        scored.forEach(({ handle, score }, i) => {
          const data = open(handle, sealed[i]);
          if (data?.user?.id === userId) {
            live.push({ handle, data });
            latest = Math.max(latest, score);
          } else {
            stale.push(handle);
          }
        });
        const cleanup = client.multi();
        if (stale.length > 0) cleanup.zrem(index, ...stale);
        if (live.length > 0) cleanup.pexpireat(index, latest);
        await exec(cleanup);
        return live;
      }),
    async tryLock(name, ttlMs) {
      return (await guard(() => client.set(`${keyPrefix}lock:${name}`, '1', 'PX', ttlMs, 'NX'))) === 'OK';
    },
    async unlock(name) {
      await guard(() => client.del(`${keyPrefix}lock:${name}`));
    },
    async ping() {
      await guard(() => client.ping());
    },
    async close() {
      try {
        await client.quit();
      } catch {
        // Not connected (Redis is away): quit cannot be sent, so drop the socket and stop retrying.
        client.disconnect();
      }
    },
  };
}

/** Any failure to talk to Redis (refused, timed out, closed, an error reply) is a 503, never a 500. */
async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (cause) {
    throw new StoreUnavailableError(cause);
  }
}

/** Runs a MULTI; ioredis reports each command's error in the result rather than rejecting. */
async function exec(multi: ChainableCommander): Promise<unknown[]> {
  const results = await multi.exec();
  if (!results) throw new Error('Redis transaction was aborted');
  return results.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}

/**
 * ZRANGE … WITHSCORES answers [member, score, …] over RESP2 and [[member, score], …] over
 * RESP3 (ioredis's default when the server speaks it).
 */
function toScoredHandles(reply: unknown): { handle: string; score: number }[] {
  if (!Array.isArray(reply)) return [];
  const flat: unknown[] = reply.flat();
  const pairs: { handle: string; score: number }[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const handle = flat[i];
    const score = Number(flat[i + 1]);
    if (typeof handle === 'string' && Number.isFinite(score)) pairs.push({ handle, score });
  }
  return pairs;
}
