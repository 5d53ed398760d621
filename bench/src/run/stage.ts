import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAuthjs } from '../contenders/authjs.ts';
import { startBareKoa, startKoaSession, startNodeHttp } from '../contenders/bare-koa.ts';
import type { Contender, SkippedContender } from '../contenders/contender.ts';
import { startStubProcess, type StubProcess } from '../contenders/github-stub.ts';
import { startPassport } from '../contenders/passport.ts';
import { PRODUCT_SECRET, startProduct, type RunningProduct } from '../contenders/product.ts';
import type { BenchOptions } from '../options.ts';
import type { SeedingResult } from '../results.ts';
import { seedRedis } from '../seed/seed-redis.ts';
import { seedSqlite, type SqliteSeed } from '../seed/seed-sqlite.ts';
import { sessionCookieHeader } from '../seed/session-cookie.ts';
import { hasRedis, startRedisServer, type RedisServer } from '@github-bff/tests/support/redis-server.ts';
import type { Measurement } from './load-phase.ts';

/** Every server of the run, started once and kept up so the rounds can interleave them. */
export interface Stage {
  readonly stub: StubProcess;
  readonly dir: string;
  readonly smallDbPath: string;
  readonly productSqlite: RunningProduct;
  readonly products: readonly RunningProduct[];
  readonly measurements: readonly Measurement[];
  readonly skipped: readonly SkippedContender[];
  readonly seeding: readonly SeedingResult[];
  close(): Promise<void>;
}

export async function startStage(options: BenchOptions, log: (line: string) => void): Promise<Stage> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const stub = await startStubProcess();
  const closers: (() => Promise<void>)[] = [() => stub.server.stop()];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const seed = (count: number, name: string) =>
      seedSqlite({
        path: join(dir, name),
        secret: PRODUCT_SECRET,
        count,
        keep: options.spreadCookies,
        avatarBase: stub.url,
      });
    const small = await seed(options.smallStore, 'small.db');
    log(`seeded ${fmt(small.count)} sessions in ${small.seconds.toFixed(2)} s (${small.method})`);
    const large = await seed(options.largeStore, 'large.db');
    log(`seeded ${fmt(large.count)} sessions in ${large.seconds.toFixed(1)} s (${large.method})`);

    const startSqlite = async (key: string, label: string, path: string) => {
      const p = await startProduct({
        key,
        label,
        notes: PRODUCT_NOTES,
        stubUrl: stub.url,
        store: 'sqlite',
        dbPath: path,
      });
      closers.push(() => p.server.stop());
      return p;
    };
    const productSqlite = await startSqlite('product-sqlite', 'This product, SQLite store', join(dir, 'small.db'));
    const skipped: SkippedContender[] = [];
    // The rest start side by side; each copies the product's own /api/me answer.
    const [productLarge, redis, ...others] = await Promise.all([
      startSqlite('product-sqlite-large', 'This product, SQLite store', join(dir, 'large.db')),
      startRedisProduct(stub.url, dir, options, closers, log).catch((err: unknown) => {
        skipped.push({ key: 'product-redis', label: 'This product, Redis store', reason: reasonOf(err) });
        return undefined;
      }),
      ...[startBareKoa, startKoaSession, startAuthjs, startPassport, startNodeHttp].map(async (start) => {
        const c = await start(productSqlite.meBody);
        closers.push(() => c.server.stop());
        return c;
      }),
    ]);
    const products: RunningProduct[] = [productSqlite];
    const seeding: SeedingResult[] = [seedingOf('SQLite', small), seedingOf('SQLite', large)];
    if (redis) {
      products.push(redis.product);
      seeding.push(redis.seeding);
    }
    const spreadOver = (p: RunningProduct, seeded: SqliteSeed, key: string, label: string): Contender => ({
      ...p,
      key,
      label,
      cookies: seeded.cookies.map((c) => sessionCookieHeader(c.id, PRODUCT_SECRET)),
      expectedLogins: seeded.cookies.map((c) => c.login),
    });
    const measurements: Measurement[] = [
      ...products.map((contender) => ({ contender, group: 'who-am-i' as const })),
      ...others.map((contender) => ({
        contender,
        group: contender.key === 'node-http' ? ('reference' as const) : ('who-am-i' as const),
      })),
      {
        contender: spreadOver(productSqlite, small, 'store-small', `${fmt(small.count)} sessions in SQLite`),
        group: 'store-size',
      },
      {
        contender: spreadOver(productLarge, large, 'store-large', `${fmt(large.count)} sessions in SQLite`),
        group: 'store-size',
      },
    ];
    return {
      stub,
      dir,
      smallDbPath: join(dir, 'small.db'),
      productSqlite,
      products,
      measurements,
      skipped,
      seeding,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

const PRODUCT_NOTES =
  'Production build (`npm run build`; `node apps/bff/dist/server.js`, NODE_ENV=production): koa-session 7 with the ' +
  'external store, sealed records (AES-256-GCM), helmet, CSRF header check, one pino log line per request ' +
  '(default level `info`, stdout to /dev/null), the SPA served from the same process.';

async function startRedisProduct(
  stubUrl: string,
  dir: string,
  options: BenchOptions,
  closers: (() => Promise<void>)[],
  log: (line: string) => void,
): Promise<{ product: RunningProduct; seeding: SeedingResult }> {
  if (!hasRedis()) throw new Error('redis-server/redis-cli are not on PATH (apt-get install redis-server)');
  const server: RedisServer = await startRedisServer();
  closers.push(() => server.close());
  const seeded = await seedRedis({
    url: server.url,
    secret: PRODUCT_SECRET,
    count: options.smallStore,
    avatarBase: stubUrl,
  });
  log(`seeded ${fmt(seeded.count)} sessions in Redis in ${seeded.seconds.toFixed(2)} s`);
  const product = await startProduct({
    key: 'product-redis',
    label: 'This product, Redis store',
    notes: `${PRODUCT_NOTES} Redis: a redis-server of the bench's own on a free port (its CPU is not the server's).`,
    stubUrl,
    store: 'redis',
    dbPath: join(dir, 'unused.db'),
    redisUrl: server.url,
  });
  closers.push(() => product.server.stop());
  return { product: { ...product, helperPids: [server.pid] }, seeding: { label: 'Redis', ...seeded, fileBytes: 0 } };
}

function seedingOf(label: string, s: SqliteSeed): SeedingResult {
  return {
    label,
    count: s.count,
    method: s.method,
    seconds: s.seconds,
    rowsPerSecond: s.rowsPerSecond,
    fileBytes: s.fileBytes,
  };
}

function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n').slice(0, 3).join(' ').slice(0, 400);
}

export function fmt(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);
}
