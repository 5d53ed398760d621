import { Cluster, type Redis } from 'ioredis';
import type { KeyedHash } from '../../crypto/keyed-hash.ts';
import { execPipeline } from '../../redis/exec-pipeline.ts';
import type { RedisClient } from '../../redis/redis-connection.ts';

/**
 * Until the user index was keyed, its keys were `${prefix}u:<GitHub id>`: the id in clear. Each
 * such key is moved, once, to the keyed name, with a line in the log. SCAN, never KEYS, so a
 * large Redis is not blocked; on a cluster, on each primary (SCAN sees one node's keys). The
 * old and new names hash to different slots, so the copy and the delete are two steps: a crash
 * between them leaves the old key, which the next start moves again (ZADD is idempotent).
 */
export async function migrateLegacyUserIndexes(
  client: RedisClient,
  keyPrefix: string,
  userKeys: KeyedHash,
  notice: (message: string) => void,
): Promise<void> {
  let moved = 0;
  const scanned: Redis[] = client instanceof Cluster ? client.nodes('master') : [client];
  for (const node of scanned) moved += await migrateOn(node, client, keyPrefix, userKeys);
  if (moved > 0) {
    notice(
      `Redis store migrated: ${moved} user index(es) renamed to a keyed hash; GitHub ids are no longer in key names`,
    );
  }
}

async function migrateOn(node: Redis, client: RedisClient, keyPrefix: string, userKeys: KeyedHash): Promise<number> {
  let moved = 0;
  let cursor = '0';
  do {
    const [next, keys] = await node.scan(cursor, 'MATCH', `${keyPrefix}u:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const userId = key.slice(`${keyPrefix}u:`.length);
      if (!/^\d+$/.test(userId)) continue;
      // [member, score, …] over RESP2, [[member, score], …] over RESP3.
      const members = ((await client.zrange(key, '0', '-1', 'WITHSCORES')) as unknown[]).flat().map(String);
      const target = `${keyPrefix}u:${userKeys.current(userId)}`;
      const pipeline = client.pipeline();
      let latest = 0;
      for (let i = 0; i + 1 < members.length; i += 2) {
        const score = Number(members[i + 1]);
        latest = Math.max(latest, score);
        pipeline.zadd(target, String(score), members[i] ?? '');
      }
      if (latest > 0) {
        await execPipeline(
          pipeline.pexpireat(target, Math.ceil(latest), 'GT').pexpireat(target, Math.ceil(latest), 'NX'),
        );
      }
      await client.del(key);
      moved++;
    }
  } while (cursor !== '0');
  return moved;
}
