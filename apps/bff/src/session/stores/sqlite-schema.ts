import type { Database } from 'better-sqlite3';
import type { KeyedHash } from '../../crypto/keyed-hash.ts';

/**
 * The tables, created if missing, and the one migration there is. Until the index of who uses
 * the app was keyed (`user_key`, a keyed hash of the GitHub id), rows carried the GitHub id in
 * clear (`user_id`): such a database is rewritten in place, once, with a line in the log.
 */
export function prepareSchema(db: Database, userKeys: KeyedHash, notice: (message: string) => void): void {
  db.exec(`CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    user_key TEXT
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS pending_logins (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS remembered (
    key TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
  CREATE INDEX IF NOT EXISTS pending_logins_expires_at ON pending_logins (expires_at);`);
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(sessions)').all();
  if (columns.some((c) => c.name === 'user_id')) migrateUserIdToUserKey(db, userKeys, notice, columns);
  db.exec('CREATE INDEX IF NOT EXISTS sessions_user_key ON sessions (user_key) WHERE user_key IS NOT NULL');
}

function migrateUserIdToUserKey(
  db: Database,
  userKeys: KeyedHash,
  notice: (message: string) => void,
  columns: readonly { name: string }[],
): void {
  const migrate = db.transaction(() => {
    if (!columns.some((c) => c.name === 'user_key')) db.exec('ALTER TABLE sessions ADD COLUMN user_key TEXT');
    const rows = db
      .prepare<[], { id: string; user_id: number }>('SELECT id, user_id FROM sessions WHERE user_id IS NOT NULL')
      .all();
    const setKey = db.prepare<[string, string]>('UPDATE sessions SET user_key = ? WHERE id = ?');
    for (const row of rows) setKey.run(userKeys.current(String(row.user_id)), row.id);
    db.exec('DROP INDEX IF EXISTS sessions_user_id; ALTER TABLE sessions DROP COLUMN user_id');
    return rows.length;
  });
  const count = migrate();
  notice(
    `SQLite store migrated: ${count} session(s) re-indexed by a keyed hash; GitHub ids are no longer stored in clear`,
  );
}
