import { createKeyedHash } from '../../crypto/keyed-hash.ts';
import { BffError } from '../../errors/index.ts';
import { writeDurably, type Durability } from '../../redis/durable-write.ts';
import { execPipeline } from '../../redis/exec-pipeline.ts';
import type { RedisClient } from '../../redis/redis-connection.ts';
import type { SessionCodec } from '../session-codec.ts';
import type { StoredSession } from '../session-data.ts';
import { TIMED_OUT_KEPT_MS } from '../session-lifetime.ts';
import type { SessionStore } from '../session-store.ts';
import { migrateLegacyUserIndexes } from './redis-legacy-index.ts';

export interface RedisStoreOptions {
  readonly client: RedisClient;
  /** Session writes wait for this many replicas (WAIT); default none (a single Redis). */
  readonly durability?: Durability;
  readonly keyPrefix: string;
  readonly codec: SessionCodec;
  /** SESSION_SECRET's keys: the user index is keyed by a hash under them. */
  readonly secrets: readonly string[];
  readonly now?: () => number;
  /** Things an operator should know (a migration). */
  readonly onNotice?: (message: string) => void;
}

/**
 * The shared store, for several BFF instances. Keys (each command, and each pipeline, touches
 * one key, so every key may live in its own hash slot of a cluster, and no hash tag is needed):
 * - `${prefix}s:${id}`: the sealed session, expiring at its deadline (SET … PXAT);
 * - `${prefix}u:${userKey}`: a sorted set of that user's session ids scored by their deadlines
 *   (`userKey` a keyed hash of the GitHub id), so "your sessions" needs no SCAN. It is a hint:
 *   written before the session itself, so no session is ever missing from it; members whose
 *   session is gone are dropped whenever it is read;
 * - `${prefix}p:${stateId}`: a pending sign-in, taken with GETDEL (exactly once);
 * - `${prefix}lock:${name}`: a lock (SET NX PX).
 * What spans two keys is ordered instead of atomic: the index before the session, so a crash
 * between them leaves a hint without a session (dropped when read), never a session without its
 * index entry. Every write that creates, changes or ends a session, and the pending-login take,
 * waits for `durability.replicas` (WAIT), so a failover cannot bring back an ended session, lose
 * an issued one, or let a `state` be taken twice. Locks do not wait: losing one in a failover
 * only lets one more refresh run.
 * Needs Redis ≥ 7.0 (PEXPIREAT GT, GETDEL).
 */
export async function createRedisStore({
  client,
  keyPrefix,
  codec,
  secrets,
  durability = { replicas: 0, timeoutMs: 0 },
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
    // Redis expires keys by its own clock; how long a record is kept is judged by ours, which
    // is also the one the rest of the app (and a test's fake clock) uses.
    return data && (data.expiresAt === undefined || data.expiresAt + TIMED_OUT_KEPT_MS > now()) ? data : undefined;
  };

  /**
   * The index lives as long as its longest-lived member: GT only ever pushes its deadline later.
   * Returns the wait for its replicas, which the caller runs alongside the session's own write
   * and WAIT (one WAIT's time per sign-in instead of two): the index entry is on the primary
   * before the session is written, and the request is answered only once both are replicated.
   * If the index's WAIT fails, the request fails and its token never reaches a browser.
   */
  const index = async (id: string, userId: number | undefined, at: number): Promise<() => Promise<unknown>> => {
    if (userId === undefined) return async () => undefined;
    const key = indexKey(userKeys.current(String(userId)));
    await execPipeline(client.pipeline().zadd(key, at, id).pexpireat(key, at, 'NX').pexpireat(key, at, 'GT'));
    // A read routed to the index's node: WAIT there counts this connection's last write, the ZADD.
    return () => writeDurably(client, durability, (p) => p.pttl(key));
  };
  const endSession = (id: string) => writeDurably(client, durability, (p) => p.del(sessionKey(id)));

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
        const indexReplicated = await index(id, data.user?.id, at);
        await Promise.all([
          indexReplicated(),
          writeDurably(client, durability, (p) => p.set(sessionKey(id), codec.encode(id, data), 'PXAT', at)),
        ]);
      }),
    update: (id, data, expiresAt) =>
      guard(async () => {
        const at = Math.ceil(expiresAt);
        const indexReplicated = await index(id, data.user?.id, at);
        // Security: XX writes only over an existing key; a session deleted meanwhile stays deleted.
        const [[written]] = await Promise.all([
          writeDurably(client, durability, (p) => p.set(sessionKey(id), codec.encode(id, data), 'PXAT', at, 'XX')),
          indexReplicated(),
        ]);
        return written === 'OK';
      }),
    destroy: (id) =>
      guard(async () => {
        await endSession(id);
      }),
    listByUser: (userId) => guard(() => liveSessionsOf(userId)),
    destroyByUser: (userId, { except } = {}) =>
      guard(async () => {
        const ended = (await liveSessionsOf(userId)).filter((s) => s.id !== except);
        await Promise.all(ended.map((s) => endSession(s.id)));
        return ended;
      }),
    putPendingLogin: (stateId, login, expiresAt) =>
      guard(async () => {
        await client.set(pendingKey(stateId), codec.encodePending(stateId, login), 'PXAT', Math.ceil(expiresAt));
      }),
    takePendingLogin: (stateId) =>
      guard(async () => {
        const [sealed] = await writeDurably(client, durability, (p) => p.getdel(pendingKey(stateId)));
        return typeof sealed === 'string' ? codec.decodePending(stateId, sealed) : undefined;
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
