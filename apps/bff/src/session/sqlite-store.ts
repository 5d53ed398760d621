import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createOpenedSessionCache } from './opened-session-cache.ts';
import type { SessionCodec } from './session-codec.ts';
import { hashSessionId } from './session-id.ts';
import { StoreUnavailableError, type SessionStore } from './session-store.ts';

export interface SqliteStoreOptions {
  readonly path: string;
  readonly codec: SessionCodec;
  readonly now?: () => number;
  /** How often expired rows are deleted; 0 turns the sweeper off. */
  readonly sweepIntervalMs?: number;
}

/** The embedded default store: one SQLite file in WAL mode; survives restarts. */
export function createSqliteStore({
  path,
  codec,
  now = Date.now,
  sweepIntervalMs = 60_000,
}: SqliteStoreOptions): SessionStore & { sweep(): number } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL lets readers run while a write is in progress; NORMAL sync is durable across
  // process crashes (not power loss), the usual trade-off for session data.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  db.exec(`CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    user_id INTEGER
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
  CREATE INDEX IF NOT EXISTS sessions_user_id ON sessions (user_id) WHERE user_id IS NOT NULL;`);

  const select = db.prepare<[string, number], { data: string; expires_at: number }>(
    'SELECT data, expires_at FROM sessions WHERE id = ? AND expires_at > ?',
  );
  const selectByUser = db.prepare<[number, number], { id: string; data: string }>(
    'SELECT id, data FROM sessions WHERE user_id = ? AND expires_at > ?',
  );
  const upsert = db.prepare<[string, string, number, number | null]>(
    `INSERT INTO sessions (id, data, expires_at, user_id) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at, user_id = excluded.user_id`,
  );
  const remove = db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
  const removeExpired = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');

  const opened = createOpenedSessionCache();
  // PRAGMA data_version changes whenever another connection commits to the file, never for our
  // own writes: https://www.sqlite.org/pragma.html#pragma_data_version
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  let lastSeenVersion = dataVersion.get();
  // One process owns the SQLite file, so its locks can live in memory.
  const locks = new Map<string, number>();
  const sweep = (): number => guard(() => removeExpired.run(now()).changes);
  const timer = sweepIntervalMs > 0 ? setInterval(() => void tryQuietly(sweep), sweepIntervalMs) : undefined;
  timer?.unref();

  return {
    async get(id) {
      // Another connection (another process, an operator's sqlite3 shell) changed the file:
      // whatever this process remembers may be stale.
      const version = guard(() => dataVersion.get());
      if (version !== lastSeenVersion) {
        opened.clear();
        lastSeenVersion = version;
      }
      const cached = opened.get(id, now());
      if (cached) return cached;
      const handle = hashSessionId(id);
      const row = guard(() => select.get(handle, now()));
      const data = row ? codec.decode(handle, row.data) : undefined;
      if (row && data) opened.put(id, handle, data, row.expires_at);
      return data;
    },
    async set(id, data, expiresAt) {
      const handle = hashSessionId(id);
      opened.forgetId(id);
      guard(() => upsert.run(handle, codec.encode(handle, data), expiresAt, data.user?.id ?? null));
      opened.put(id, handle, data, expiresAt);
    },
    async destroy(id) {
      opened.forgetId(id);
      guard(() => remove.run(hashSessionId(id)));
    },
    async listByUser(userId) {
      const rows = guard(() => selectByUser.all(userId, now()));
      return rows.flatMap((row) => {
        const data = codec.decode(row.id, row.data);
        return data ? [{ handle: row.id, data }] : [];
      });
    },
    async destroyByHandle(handle) {
      opened.forgetHandle(handle);
      guard(() => remove.run(handle));
    },
    async tryLock(name, ttlMs) {
      const heldUntil = locks.get(name);
      if (heldUntil !== undefined && heldUntil > Date.now()) return false;
      locks.set(name, Date.now() + ttlMs);
      return true;
    },
    async unlock(name) {
      locks.delete(name);
    },
    async ping() {
      guard(() => db.prepare('SELECT 1').get());
    },
    async close() {
      clearInterval(timer);
      opened.clear();
      db.close();
    },
    sweep,
  };
}

/** A locked, full or closed database is an unavailable store (503), not a bug (500). */
function guard<T>(operation: () => T): T {
  try {
    return operation();
  } catch (cause) {
    throw new StoreUnavailableError(cause);
  }
}

function tryQuietly(operation: () => unknown): void {
  try {
    operation();
  } catch {
    // The next sweep tries again; requests never see expired rows anyway.
  }
}
