import Database from 'better-sqlite3';
import { createKeyedHash } from '../../crypto/keyed-hash.ts';
import { BffError } from '../../errors/index.ts';
import type { SessionCodec } from '../session-codec.ts';
import type { StoredSession } from '../session-data.ts';
import type { SessionStore } from '../session-store.ts';
import { createOpenedSessionCache } from './opened-session-cache.ts';
import { prepareDatabaseFiles } from './sqlite-files.ts';
import { prepareSchema } from './sqlite-schema.ts';

export interface SqliteStoreOptions {
  readonly path: string;
  readonly codec: SessionCodec;
  /** SESSION_SECRET's keys: the user index is keyed by a hash under them. */
  readonly secrets: readonly string[];
  readonly now?: () => number;
  /** How often expired rows are deleted; 0 turns the sweeper off. */
  readonly sweepIntervalMs?: number;
  /** Things an operator should know (a migration). */
  readonly onNotice?: (message: string) => void;
}

/** The embedded default store: one SQLite file in WAL mode; survives restarts. */
export function createSqliteStore({
  path,
  codec,
  secrets,
  now = Date.now,
  sweepIntervalMs = 60_000,
  onNotice = () => {},
}: SqliteStoreOptions): SessionStore & { sweep(): number } {
  prepareDatabaseFiles(path);
  const db = new Database(path);
  // WAL lets readers run while a write is in progress; NORMAL sync is durable across
  // process crashes (not power loss), the usual trade-off for session data.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  const userKeys = createKeyedHash(secrets, 'user-index');
  prepareSchema(db, userKeys, onNotice);
  prepareDatabaseFiles(path); // the -wal and -shm files exist now

  const q = {
    select: db.prepare<[string, number], { data: string; expires_at: number }>(
      'SELECT data, expires_at FROM sessions WHERE id = ? AND expires_at > ?',
    ),
    insert: db.prepare<[string, string, number, string | null]>(
      `INSERT INTO sessions (id, data, expires_at, user_key) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at, user_key = excluded.user_key`,
    ),
    // Security: an UPDATE, never an upsert: a row deleted meanwhile is not brought back.
    update: db.prepare<[string, number, string | null, string]>(
      'UPDATE sessions SET data = ?, expires_at = ?, user_key = ? WHERE id = ?',
    ),
    remove: db.prepare<[string]>('DELETE FROM sessions WHERE id = ?'),
    removeExpired: db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?'),
    putPending: db.prepare<[string, string, number]>(
      'INSERT OR REPLACE INTO pending_logins (id, data, expires_at) VALUES (?, ?, ?)',
    ),
    // One statement: SQLite runs it atomically, so a state is taken exactly once.
    takePending: db.prepare<[{ id: string; now: number }], { data: string; live: number }>(
      'DELETE FROM pending_logins WHERE id = @id RETURNING data, expires_at > @now AS live',
    ),
    removeExpiredPending: db.prepare<[number]>('DELETE FROM pending_logins WHERE expires_at <= ?'),
    forgetExpiredKey: db.prepare<[string, number]>('DELETE FROM remembered WHERE key = ? AND expires_at <= ?'),
    // INSERT OR IGNORE: of two connections inserting one key, exactly one changes a row.
    remember: db.prepare<[string, number]>('INSERT OR IGNORE INTO remembered (key, expires_at) VALUES (?, ?)'),
    forgetKey: db.prepare<[string]>('DELETE FROM remembered WHERE key = ?'),
    removeExpiredKeys: db.prepare<[number]>('DELETE FROM remembered WHERE expires_at <= ?'),
  };
  const selectByUserKeys = (keys: readonly string[]) =>
    db
      .prepare<unknown[], { id: string; data: string }>(
        `SELECT id, data FROM sessions WHERE user_key IN (${keys.map(() => '?').join(',')}) AND expires_at > ?`,
      )
      .all(...keys, now());

  const opened = createOpenedSessionCache();
  // PRAGMA data_version changes whenever another connection commits to the file, never for our
  // own writes: https://www.sqlite.org/pragma.html#pragma_data_version
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  let lastSeenVersion = dataVersion.get();
  // One process owns the SQLite file, so its locks can live in memory.
  const locks = new Map<string, number>();
  const sweep = (): number =>
    guard(
      () =>
        q.removeExpired.run(now()).changes +
        q.removeExpiredPending.run(now()).changes +
        q.removeExpiredKeys.run(now()).changes,
    );
  const timer = sweepIntervalMs > 0 ? setInterval(() => void tryQuietly(sweep), sweepIntervalMs) : undefined;
  timer?.unref();
  const userKeyOf = (data: { user?: { id: number } }) =>
    data.user === undefined ? null : userKeys.current(String(data.user.id));
  const liveSessionsOf = (userId: number): StoredSession[] =>
    guard(() => selectByUserKeys(userKeys.all(String(userId)))).flatMap((row) => {
      const data = codec.decode(row.id, row.data);
      // Only sealed (authenticated) data decides whose session it is, never the index alone.
      return data?.user?.id === userId ? [{ id: row.id, data }] : [];
    });

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
      const row = guard(() => q.select.get(id, now()));
      const data = row ? codec.decode(id, row.data) : undefined;
      if (row && data) opened.put(id, data, row.expires_at);
      return data;
    },
    async create(id, data, expiresAt) {
      opened.forget(id);
      guard(() => q.insert.run(id, codec.encode(id, data), expiresAt, userKeyOf(data)));
      opened.put(id, data, expiresAt);
    },
    async update(id, data, expiresAt) {
      opened.forget(id);
      const written = guard(() => q.update.run(codec.encode(id, data), expiresAt, userKeyOf(data), id)).changes > 0;
      if (written) opened.put(id, data, expiresAt);
      return written;
    },
    async destroy(id) {
      opened.forget(id);
      guard(() => q.remove.run(id));
    },
    async listByUser(userId) {
      return liveSessionsOf(userId);
    },
    async destroyByUser(userId, { except } = {}) {
      const ended = liveSessionsOf(userId).filter((s) => s.id !== except);
      guard(() => db.transaction(() => ended.forEach((s) => q.remove.run(s.id)))());
      for (const s of ended) opened.forget(s.id);
      return ended;
    },
    async putPendingLogin(stateId, login, expiresAt) {
      guard(() => q.putPending.run(stateId, codec.encodePending(stateId, login), expiresAt));
    },
    async takePendingLogin(stateId) {
      const row = guard(() => q.takePending.get({ id: stateId, now: now() }));
      return row?.live ? codec.decodePending(stateId, row.data) : undefined;
    },
    async tryLock(name, ttlMs) {
      const heldUntil = locks.get(name);
      if (heldUntil !== undefined && heldUntil > Date.now()) return false;
      locks.set(name, Date.now() + ttlMs);
      return true;
    },
    async rememberOnce(key, ttlMs) {
      const at = now();
      return guard(() =>
        db
          .transaction(() => {
            q.forgetExpiredKey.run(key, at);
            return q.remember.run(key, at + ttlMs).changes > 0;
          })
          .immediate(),
      );
    },
    async forget(key) {
      guard(() => q.forgetKey.run(key));
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
    throw new BffError('store_unavailable', { cause, detail: 'sqlite' });
  }
}

function tryQuietly(operation: () => unknown): void {
  try {
    operation();
  } catch {
    // The next sweep tries again; requests never see expired rows anyway.
  }
}
