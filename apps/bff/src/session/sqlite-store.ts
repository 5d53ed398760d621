import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SessionData } from './session-data.ts';
import { hashSessionId } from './session-id.ts';
import { StoreUnavailableError, type SessionStore } from './session-store.ts';
import { parseSessionData } from './parse-session-data.ts';

export interface SqliteStoreOptions {
  readonly path: string;
  readonly now?: () => number;
  /** How often expired rows are deleted; 0 turns the sweeper off. */
  readonly sweepIntervalMs?: number;
}

/** The embedded default store: one SQLite file in WAL mode; survives restarts. */
export function createSqliteStore({
  path,
  now = Date.now,
  sweepIntervalMs = 60_000,
}: SqliteStoreOptions): SessionStore & {
  sweep(): number;
} {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL lets readers run while a write is in progress; NORMAL sync is durable across
  // process crashes (not power loss), the usual trade-off for session data.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);`);

  const select = db.prepare<[string, number], { data: string }>(
    'SELECT data FROM sessions WHERE id = ? AND expires_at > ?',
  );
  const upsert = db.prepare<[string, string, number]>(
    `INSERT INTO sessions (id, data, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
  );
  const remove = db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
  const removeExpired = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');

  const sweep = (): number => removeExpired.run(now()).changes;
  const timer = sweepIntervalMs > 0 ? setInterval(sweep, sweepIntervalMs) : undefined;
  timer?.unref();

  return {
    async get(id) {
      const row = guard(() => select.get(hashSessionId(id), now()));
      return row ? parseSessionData(row.data) : undefined;
    },
    async set(id, data: SessionData, expiresAt) {
      guard(() => upsert.run(hashSessionId(id), JSON.stringify(data), expiresAt));
    },
    async destroy(id) {
      guard(() => remove.run(hashSessionId(id)));
    },
    async ping() {
      guard(() => db.prepare('SELECT 1').get());
    },
    async close() {
      clearInterval(timer);
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
