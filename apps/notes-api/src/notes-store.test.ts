import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createNotesStore } from './notes-store.ts';

const root = mkdtempSync(join(tmpdir(), 'notes-api-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('SQLite notes store', () => {
  it('creates its folder 0700 and its file 0600, in WAL mode', () => {
    const path = join(root, 'private', 'notes.db');
    const store = createNotesStore(path);
    store.create('1', 'hello', 1_000);
    expect(mode(join(root, 'private'))).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    // SQLite copies the database file's permissions to its WAL file.
    expect(mode(`${path}-wal`)).toBe(0o600);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const indexes = db.prepare<[], { name: string }>("SELECT name FROM pragma_index_list('notes')").all();
    expect(indexes.map((i) => i.name)).toContain('notes_user_id');
    db.close();
  });

  it('keeps notes across a reopen, per user, newest first', () => {
    const path = join(root, 'reopen', 'notes.db');
    const first = createNotesStore(path);
    const older = first.create('7', 'older', 1_000);
    const newer = first.create('7', 'newer', 2_000);
    first.create('8', 'someone else', 3_000);
    first.close();

    const second = createNotesStore(path);
    expect(second.list('7')).toEqual([newer, older]);
    expect(newer.createdAt).toBe('1970-01-01T00:00:02.000Z');
    expect(second.remove('8', older.id)).toBe(false);
    expect(second.remove('7', older.id)).toBe(true);
    expect(second.list('7')).toEqual([newer]);
    second.close();
  });

  it('gives every note a distinct 22-character base64url id', () => {
    const store = createNotesStore(':memory:');
    const ids = new Set(Array.from({ length: 200 }, () => store.create('1', 'x', 0).id));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    store.close();
  });
});
