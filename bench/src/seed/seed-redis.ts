import { createSessionCodec, generateToken, idOfToken } from '@github-bff/bff/testing';
import { seededSessionData } from './seed-data.ts';

/**
 * Seeds the product's Redis store through its own `store.create` (as a sign-in writes it),
 * 100 in flight at a time. Imported lazily: the SQLite runs never load ioredis.
 */
export async function seedRedis({
  url,
  secret,
  count,
  avatarBase,
}: {
  url: string;
  secret: string;
  count: number;
  avatarBase: string;
}): Promise<{ count: number; method: string; seconds: number; rowsPerSecond: number }> {
  const { createRedisStore, connectRedis, singleRedisConfig } = await import('@github-bff/bff/testing');
  const store = await createRedisStore({
    client: await connectRedis(singleRedisConfig(url)),
    keyPrefix: 'github-bff:',
    codec: createSessionCodec([secret]),
    secrets: [secret],
  });
  const started = performance.now();
  const now = Date.now();
  try {
    for (let from = 0; from < count; from += 100) {
      const batch = Array.from({ length: Math.min(100, count - from) }, (_, i) => {
        const data = seededSessionData(2_000_000 + from + i, avatarBase, now);
        return store.create(idOfToken(generateToken()), data, data.expiresAt ?? now);
      });
      await Promise.all(batch);
    }
  } finally {
    await store.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    count,
    method: 'store.create, 100 in flight (the product write path)',
    seconds,
    rowsPerSecond: count / seconds,
  };
}
