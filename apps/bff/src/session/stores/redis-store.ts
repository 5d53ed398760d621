import type { Redis } from 'ioredis';
import { createKeyedHash } from '../../crypto/keyed-hash.ts';
import { BffError } from '../../errors/index.ts';
import { execPipeline } from '../../redis/exec-pipeline.ts';
import type { SessionCodec } from '../session-codec.ts';
import type { StoredSession } from '../session-data.ts';
import type { SessionStore } from '../session-store.ts';
import { migrateLegacyUserIndexes } from './redis-legacy-index.ts';

export interface RedisStoreOptions {
  readonly client: Redis;
  readonly keyPrefix: string;
  readonly codec: SessionCodec;
  /** SESSION_SECRET's keys: the user index is keyed by a hash under them. */
  readonly secrets: readonly string[];
  readonly now?: () => number;
  /** Things an operator should know (a migration). */
  readonly onNotice?: (message: string) => void;
}

/**
 * The shared store, for several BFF instances. Keys (each command touches one key, so every
 * key may live in its own hash slot of a cluster):
 * - `${prefix}s:${id}`: the sealed session, expiring at its deadline (SET … PXAT);
 * - `${prefix}u:${userKey}`: a sorted set of that user's session ids scored by their deadlines
 *   (`userKey` a keyed hash of the GitHub id), so "your sessions" needs no SCAN. It is a hint:
 *   written before the session itself, so no session is ever missing from it; members whose
 *   session is gone are dropped whenever it is read;
 * - `${prefix}p:${stateId}`: a pending sign-in, taken with GETDEL (exactly once);
 * - `${prefix}lock:${name}`: a lock (SET NX PX).
 * Needs Redis ≥ 7.0 (PEXPIREAT GT, GETDEL).
 */
export async function createRedisStore({
  client,
  keyPrefix,
  codec,
  secrets,
  now = Date.now,
  onNotice = () => {},
}: RedisStoreOptions): Promise<SessionStore> {
  const userKeys = createKeyedHash(secrets, 'user-index');
  const sessionKey = (id: string) => `${keyPrefix}s:${id}`;
  const indexKey = (userKey: string) => `${keyPrefix}u:${userKey}`;
  const pendingKey = (stateId: string) => `${keyPrefix}p:${stateId}`;
  await guard(() => migrateLegacyUserIndexes(client, keyPrefix, userKeys, onNotice));

  const open = (id: string, sealed: unknown) => {
    const data = typeof sealed === 'string' ? codec.decode(id, sealed) : undefined;
    // Redis expires keys by its own clock; the session's deadline is judged by ours, which
    // is also the one the rest of the app (and a test's fake clock) uses.
    return data && (data.expiresAt === undefined || data.expiresAt > now()) ? data : undefined;
  };

  /** The index lives as long as its longest-lived member: GT only ever pushes its deadline later. */
  const index = async (id: string, userId: number | undefined, at: number) => {
    if (userId === undefined) return;
    const key = indexKey(userKeys.current(String(userId)));
    await execPipeline(client.pipeline().zadd(key, at, id).pexpireat(key, at, 'NX').pexpireat(key, at, 'GT'));
  };

  const liveSessionsOf = async (userId: number): Promise<StoredSession[]> => {
    const live: StoredSession[] = [];
    for (const key of userKeys.all(String(userId)).map(indexKey)) {
      await client.zremrangebyscore(key, '-inf', String(now()));
      const ids = await client.zrange(key, '0', '-1');
      const sealed = await Promise.all(ids.map((id) => client.get(sessionKey(id))));
      const stale: string[] = [];
      ids.forEach((id, i) => {
        const data = open(id, sealed[i]);
        // Only sealed (authenticated) data decides whose session it is, never the index alone.
        if (data?.user?.id === userId) live.push({ id, data });
        else stale.push(id);
      });
      if (stale.length > 0) await client.zrem(key, ...stale);
    }
    return live;
  };

  return {
    get: (id) => guard(async () => open(id, await client.get(sessionKey(id)))),
    create: (id, data, expiresAt) =>
      guard(async () => {
        const at = Math.ceil(expiresAt);
        await index(id, data.user?.id, at);
        await client.set(sessionKey(id), codec.encode(id, data), 'PXAT', at);
      }),
    update: (id, data, expiresAt) =>
      guard(async () => {
        const at = Math.ceil(expiresAt);
        await index(id, data.user?.id, at);
        // Security: XX writes only over an existing key; a session deleted meanwhile stays deleted.
        return (await client.set(sessionKey(id), codec.encode(id, data), 'PXAT', at, 'XX')) === 'OK';
      }),
    destroy: (id) =>
      guard(async () => {
        await client.del(sessionKey(id));
      }),
    listByUser: (userId) => guard(() => liveSessionsOf(userId)),
    destroyByUser: (userId, { except } = {}) =>
      guard(async () => {
        const ended = (await liveSessionsOf(userId)).filter((s) => s.id !== except);
        await Promise.all(ended.map((s) => client.del(sessionKey(s.id))));
        return ended;
      }),
    putPendingLogin: (stateId, login, expiresAt) =>
      guard(async () => {
        await client.set(pendingKey(stateId), codec.encodePending(stateId, login), 'PXAT', Math.ceil(expiresAt));
      }),
    takePendingLogin: (stateId) =>
      guard(async () => {
        const sealed = await client.getdel(pendingKey(stateId));
        return sealed === null ? undefined : codec.decodePending(stateId, sealed);
      }),
    tryLock: (name, ttlMs) =>
      guard(async () => (await client.set(`${keyPrefix}lock:${name}`, '1', 'PX', ttlMs, 'NX')) === 'OK'),
    // SET NX: one atomic command, so two instances given the same key cannot both see it as new.
    rememberOnce: (key, ttlMs) =>
      guard(async () => (await client.set(`${keyPrefix}remembered:${key}`, '1', 'PX', ttlMs, 'NX')) === 'OK'),
    forget: (key) =>
      guard(async () => {
        await client.del(`${keyPrefix}remembered:${key}`);
      }),
    unlock: (name) =>
      guard(async () => {
        await client.del(`${keyPrefix}lock:${name}`);
      }),
    ping: () =>
      guard(async () => {
        await client.ping();
      }),
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
    throw new BffError('store_unavailable', { cause, detail: 'redis' });
  }
}
