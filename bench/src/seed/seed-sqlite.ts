import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import {
  createKeyedHash,
  createSessionCodec,
  createSqliteStore,
  generateToken,
  idOfToken,
} from '@github-bff/bff/testing';
import { SEAL_WORKER } from '../support/compile.ts';
import type { SealRequest, SealResponse } from './seal-worker.ts';
import { IDLE_MS, seededLogin, seededSessionData, type SeededCookie } from './seed-data.ts';

export interface SqliteSeed {
  readonly count: number;
  readonly method: string;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly fileBytes: number;
  /** Sessions whose raw ids we kept, spread over the whole store, to send as cookies. */
  readonly cookies: readonly SeededCookie[];
}

export interface SeedOptions {
  readonly path: string;
  readonly secret: string;
  readonly count: number;
  /** How many raw ids to keep (at random positions) for the load's cookies. */
  readonly keep: number;
  readonly avatarBase: string;
}

/**
 * Up to 10 000 rows go through the product's own `store.set` one by one (its real write path).
 * Beyond that, one-by-one autocommits would take minutes, so rows are sealed with the product's
 * own codec and id hash (the same key derivation from SESSION_SECRET) and inserted in sorted
 * order, 20 000 per transaction, with the store's own schema (created by `createSqliteStore`).
 * Either way, a sample is read back through `store.get` to prove the product opens them.
 */
export async function seedSqlite(options: SeedOptions): Promise<SqliteSeed> {
  const started = performance.now();
  const result = options.count <= 10_000 ? await seedThroughStore(options) : await seedInBatches(options);
  const seconds = (performance.now() - started) / 1000;
  await verifySample(options, result.cookies);
  return {
    count: options.count,
    method: result.method,
    seconds,
    rowsPerSecond: options.count / seconds,
    fileBytes: fileSize(options.path) + fileSize(`${options.path}-wal`),
    cookies: result.cookies,
  };
}

async function seedThroughStore({ path, secret, count, keep, avatarBase }: SeedOptions) {
  const store = createSqliteStore({ path, codec: createSessionCodec([secret]), secrets: [secret], sweepIntervalMs: 0 });
  const keepAt = pickPositions(count, keep);
  const cookies: SeededCookie[] = [];
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const id = generateToken();
    const userId = FIRST_USER_ID + i;
    const data = seededSessionData(userId, avatarBase, now);
    await store.create(idOfToken(id), data, data.expiresAt ?? now);
    if (keepAt.has(i)) cookies.push({ id, login: seededLogin(userId) });
  }
  await store.close();
  return { method: 'store.set, one row at a time (the product write path)', cookies };
}

async function seedInBatches({ path, secret, count, keep, avatarBase }: SeedOptions) {
  // The product's store creates the file, the schema and the indexes; then it is closed.
  await createSqliteStore({ path, codec: createSessionCodec([secret]), secrets: [secret], sweepIntervalMs: 0 }).close();
  const now = Date.now();
  const pool = [0, 1].map(() => new SealWorker({ secret, avatarBase, now }));
  try {
    // Ids and their hashes (the store's keys), half on each worker.
    const keepProbability = Math.min(1, (keep * 1.5) / count);
    const halves = await Promise.all(
      pool.map((worker, k) =>
        worker.ask({ kind: 'ids', count: k === 0 ? Math.ceil(count / 2) : Math.floor(count / 2), keepProbability }),
      ),
    );
    const handles: string[] = [];
    const kept = new Map<string, string>(); // handle → raw id
    for (const half of halves) {
      if (half.kind !== 'ids') throw new Error('seal worker answered the wrong request');
      for (const handle of half.handles) handles.push(handle);
      for (const [handle, id] of half.kept) if (kept.size < keep) kept.set(handle, id);
    }
    // Sorted keys append to the WITHOUT ROWID b-tree instead of splitting pages all over it.
    handles.sort();

    const db = new Database(path);
    // A fixture, not live data: no journal while it is written, then back to the store's WAL.
    db.pragma('journal_mode = DELETE');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const insert = db.prepare<[string, string, number, string]>(
      'INSERT INTO sessions (id, data, expires_at, user_key) VALUES (?, ?, ?, ?)',
    );
    const userKeys = createKeyedHash([secret], 'user-index');
    const expiresAt = now + IDLE_MS;
    const cookies: SeededCookie[] = [];
    const insertBatch = db.transaction((from: number, sealed: readonly string[]) => {
      sealed.forEach((data, i) => {
        const handle = handles[from + i]!;
        const userId = FIRST_USER_ID + from + i;
        insert.run(handle, data, expiresAt, userKeys.current(String(userId)));
        const id = kept.get(handle);
        if (id !== undefined) cookies.push({ id, login: seededLogin(userId) });
      });
    });
    // Sealing (the slow part: one AES-GCM cipher per row) runs on both workers, one batch each
    // in flight, while this thread inserts the batches in key order.
    const batches: Promise<readonly string[]>[] = [];
    for (let from = 0, k = 0; from < count; from += BATCH, k++) {
      const slice = handles.slice(from, Math.min(count, from + BATCH));
      const worker = pool[k % pool.length]!;
      batches.push(
        worker.ask({ kind: 'seal', handles: slice, firstUserId: FIRST_USER_ID + from }).then((answer) => {
          if (answer.kind !== 'seal') throw new Error('seal worker answered the wrong request');
          return answer.sealed;
        }),
      );
    }
    for (let k = 0; k < batches.length; k++) insertBatch(k * BATCH, await batches[k]!);
    db.pragma('journal_mode = WAL');
    db.close();
    return {
      method: `product codec, id hash and keyed user index (sealed on 2 worker threads), sorted, ${BATCH.toLocaleString('en')} rows per transaction, the store's own schema`,
      cookies: shuffle(cookies),
    };
  } finally {
    await Promise.all(pool.map((worker) => worker.close()));
  }
}

const BATCH = 20_000;
const FIRST_USER_ID = 1_000_000;

/** One worker thread, one request at a time (requests queue up behind each other). */
class SealWorker {
  private readonly worker: Worker;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(workerData: { secret: string; avatarBase: string; now: number }) {
    this.worker = new Worker(SEAL_WORKER, { workerData });
  }

  ask(request: SealRequest): Promise<SealResponse> {
    const answer = this.queue.then(
      () =>
        new Promise<SealResponse>((resolve, reject) => {
          const onError = (err: Error) => {
            this.worker.off('message', onMessage);
            reject(err);
          };
          const onMessage = (message: SealResponse) => {
            this.worker.off('error', onError);
            resolve(message);
          };
          this.worker.once('message', onMessage);
          this.worker.once('error', onError);
          this.worker.postMessage(request);
        }),
    );
    this.queue = answer.catch(() => undefined);
    return answer;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

async function verifySample({ path, secret }: SeedOptions, cookies: readonly SeededCookie[]): Promise<void> {
  const store = createSqliteStore({ path, codec: createSessionCodec([secret]), secrets: [secret], sweepIntervalMs: 0 });
  try {
    for (const { id, login } of cookies.slice(0, 50)) {
      const data = await store.get(idOfToken(id));
      if (data?.user?.login !== login) throw new Error(`seeded session of ${login} does not open through store.get`);
    }
  } finally {
    await store.close();
  }
}

function pickPositions(count: number, keep: number): Set<number> {
  const positions = new Set<number>();
  const wanted = Math.min(count, keep);
  while (positions.size < wanted) positions.add(Math.floor(Math.random() * count));
  return positions;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
