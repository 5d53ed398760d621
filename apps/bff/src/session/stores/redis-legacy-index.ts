import type { Redis } from 'ioredis';
import type { KeyedHash } from '../../crypto/keyed-hash.ts';
import { execPipeline } from '../../redis/exec-pipeline.ts';

/**
 * Until the user index was keyed, its keys were `${prefix}u:<GitHub id>`: the id in clear. Each
 * such key is moved, once, to the keyed name, with a line in the log. SCAN, never KEYS, so a
 * large Redis is not blocked.
 */
export async function migrateLegacyUserIndexes(
  client: Redis,
  keyPrefix: string,
  userKeys: KeyedHash,
  notice: (message: string) => void,
): Promise<void> {
  let moved = 0;
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${keyPrefix}u:*`, 'COUNT', 1000);
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
      if (latest > 0) pipeline.pexpireat(target, Math.ceil(latest), 'GT').pexpireat(target, Math.ceil(latest), 'NX');
      pipeline.del(key);
      await execPipeline(pipeline);
      moved++;
    }
  } while (cursor !== '0');
  if (moved > 0) {
    notice(
      `Redis store migrated: ${moved} user index(es) renamed to a keyed hash; GitHub ids are no longer in key names`,
    );
  }
}
