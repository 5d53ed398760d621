import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Note } from './types.ts';

export interface NotesStore {
  /** The user's notes, newest first. */
  list(userId: string): Note[];
  create(userId: string, text: string, createdAt: number): Note;
  /** False when no note with this id belongs to this user (someone else's counts as none). */
  remove(userId: string, id: string): boolean;
  close(): void;
}

interface NoteRow {
  id: string;
  text: string;
  created_at: number;
}

/** 16 random bytes, base64url: 22 characters. */
export const NOTE_ID = /^[A-Za-z0-9_-]{22}$/;

function toNote(row: NoteRow): Note {
  return { id: row.id, text: row.text, createdAt: new Date(row.created_at).toISOString() };
}

/** Notes are private: the folder is created 0700 and the file 0600 before SQLite opens it. */
function prepareFile(path: string): void {
  if (path === ':memory:') return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // 'a' creates the file with this mode if missing and leaves an existing one as it is.
  // SQLite gives its -wal and -shm files the database file's permissions.
  closeSync(openSync(path, 'a', 0o600));
}

export function createNotesStore(path: string): NotesStore {
  prepareFile(path);
  const db = new Database(path);
  // WAL: readers (GET /notes) do not wait for a writer. NORMAL is durable across process crashes.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  db.exec(`CREATE TABLE IF NOT EXISTS notes (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS notes_user_id ON notes (user_id, created_at);`);

  // rowid breaks ties between notes created in the same millisecond: later insert, higher rowid.
  const select = db.prepare<[string], NoteRow>(
    'SELECT id, text, created_at FROM notes WHERE user_id = ? ORDER BY created_at DESC, rowid DESC',
  );
  const insert = db.prepare<[string, string, string, number]>(
    'INSERT INTO notes (id, user_id, text, created_at) VALUES (?, ?, ?, ?)',
  );
  // The user id in the WHERE clause is the isolation: another user's id deletes nothing.
  const remove = db.prepare<[string, string]>('DELETE FROM notes WHERE id = ? AND user_id = ?');

  return {
    list: (userId) => select.all(userId).map(toNote),
    create(userId, text, createdAt) {
      const id = randomBytes(16).toString('base64url');
      insert.run(id, userId, text, createdAt);
      return toNote({ id, text, created_at: createdAt });
    },
    remove: (userId, id) => NOTE_ID.test(id) && remove.run(id, userId).changes === 1,
    close: () => db.close(),
  };
}
