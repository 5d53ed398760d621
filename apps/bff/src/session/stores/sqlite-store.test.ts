import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyedHash } from '../../crypto/keyed-hash.ts';
import { createSessionCodec } from '../session-codec.ts';
import type { PendingLogin, SessionData } from '../session-data.ts';
import { createSqliteStore } from './sqlite-store.ts';

const SECRETS = ['k'.repeat(20) + 'Qx7Lm2Pz9Rw4Tb1Yc6'];
const codec = createSessionCodec(SECRETS);
const data: SessionData = { createdAt: 1, lastSeenAt: 1 };
const mona = (n: number): SessionData => ({
  user: { id: 1001, login: 'mona', name: null, email: null, avatarUrl: '' },
  github: { accessToken: `gho_${n}`, scope: '' },
  createdAt: n,
});
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sqlite-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const open = (options: { now?: () => number; path?: string; notices?: string[] } = {}) =>
  createSqliteStore({
    path: options.path ?? join(dir, 'data', 's.db'),
    codec,
    secrets: SECRETS,
    sweepIntervalMs: 0,
    ...(options.now ? { now: options.now } : {}),
    onNotice: (m) => options.notices?.push(m),
  });

describe('SQLite store', () => {
  it('answers a session it has opened again, each caller with its own copy', async () => {
    const store = open();
    await store.create('id-1', data, Date.now() + 60_000);
    const a = await store.get('id-1');
    const b = await store.get('id-1');
    expect(a).toEqual(data);
    expect(a).not.toBe(b);
    await store.close();
  });

  it('sees a row deleted or changed by another connection at once (an operator, another process)', async () => {
    const path = join(dir, 's.db');
    const store = open({ path });
    await store.create('id-1', data, Date.now() + 60_000);
    expect(await store.get('id-1')).toEqual(data);
    const other = new Database(path);
    other.prepare('DELETE FROM sessions WHERE id = ?').run('id-1');
    other.close();
    expect(await store.get('id-1')).toBeUndefined();
    await store.close();
  });

  it('never brings back a destroyed session: update writes only over an existing row', async () => {
    const store = open();
    await store.create('id-1', data, Date.now() + 60_000);
    await store.destroy('id-1');
    expect(await store.update('id-1', { ...data, lastSeenAt: 2 }, Date.now() + 60_000)).toBe(false);
    expect(await store.get('id-1')).toBeUndefined();
    await store.create('id-2', data, Date.now() + 60_000);
    expect(await store.update('id-2', { ...data, lastSeenAt: 2 }, Date.now() + 60_000)).toBe(true);
    expect(await store.get('id-2')).toEqual({ ...data, lastSeenAt: 2 });
    await store.close();
  });

  it('forgets a destroyed session and one past its deadline', async () => {
    let t = Date.now();
    const store = open({ now: () => t });
    await store.create('a', data, t + 1000);
    await store.create('c', data, t + 1000);
    await store.get('a');
    await store.destroy('a');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('c')).toEqual(data);
    t += 1000;
    expect(await store.get('c')).toBeUndefined();
    await store.close();
  });

  it('ends every session of a user but the one excepted, and says which', async () => {
    const store = open();
    const at = Date.now() + 60_000;
    await store.create('a', mona(1), at);
    await store.create('b', mona(2), at);
    await store.create('c', mona(3), at);
    const ended = await store.destroyByUser(1001, { except: 'b' });
    expect(ended.map((s) => s.id).sort()).toEqual(['a', 'c']);
    expect(ended.map((s) => s.data.github?.accessToken).sort()).toEqual(['gho_1', 'gho_3']);
    expect((await store.listByUser(1001)).map((s) => s.id)).toEqual(['b']);
    expect(await store.get('a')).toBeUndefined();
    await store.close();
  });

  it('gives a pending sign-in to exactly one taker, and none once it has expired', async () => {
    let t = Date.now();
    const store = open({ now: () => t });
    const login: PendingLogin = { binding: 'b', codeVerifier: 'v', returnTo: '/', selectAccount: false, createdAt: t };
    await store.putPendingLogin('s1', login, t + 1000);
    const takers = await Promise.all([1, 2, 3, 4, 5].map(() => store.takePendingLogin('s1')));
    expect(takers.filter(Boolean)).toEqual([login]);
    await store.putPendingLogin('s2', login, t + 1000);
    t += 1000;
    expect(await store.takePendingLogin('s2')).toBeUndefined();
    await store.close();
  });

  it('sweeps expired sessions and pending sign-ins', async () => {
    let t = Date.now();
    const store = open({ now: () => t });
    await store.create('old', data, t + 1000);
    await store.create('new', data, t + 5000);
    await store.putPendingLogin(
      'p',
      { binding: 'b', codeVerifier: 'v', returnTo: '/', selectAccount: false, createdAt: t },
      t + 1000,
    );
    t += 1000;
    expect(store.sweep()).toBe(2);
    const db = new Database(join(dir, 'data', 's.db'));
    expect(db.prepare('SELECT id FROM sessions').pluck().all()).toEqual(['new']);
    expect(db.prepare('SELECT COUNT(*) FROM pending_logins').pluck().get()).toBe(0);
    db.close();
    await store.close();
  });

  it('keeps its files from other users: folder 0700, database, WAL and SHM 0600', async () => {
    const store = open();
    await store.create('a', mona(1), Date.now() + 60_000);
    const path = join(dir, 'data', 's.db');
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    await store.close();
  });

  it('stores no GitHub id in clear, and migrates a database that did (with a notice)', async () => {
    const path = join(dir, 's.db');
    const legacy = new Database(path);
    legacy.exec(`CREATE TABLE sessions (id TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL, user_id INTEGER) WITHOUT ROWID;
      CREATE INDEX sessions_user_id ON sessions (user_id) WHERE user_id IS NOT NULL;`);
    legacy
      .prepare('INSERT INTO sessions VALUES (?, ?, ?, ?)')
      .run('old', codec.encode('old', mona(1)), Date.now() + 60_000, 1001);
    legacy.close();
    const notices: string[] = [];
    const store = open({ path, notices });
    expect(notices).toEqual([expect.stringMatching(/migrated: 1 session/)]);
    expect((await store.listByUser(1001)).map((s) => s.id)).toEqual(['old']);
    const db = new Database(path);
    const columns = db
      .prepare<[], { name: string }>('PRAGMA table_info(sessions)')
      .all()
      .map((c) => c.name);
    expect(columns).toEqual(['id', 'data', 'expires_at', 'user_key']);
    expect(db.prepare('SELECT user_key FROM sessions').pluck().get()).toBe(
      createKeyedHash(SECRETS, 'user-index').current('1001'),
    );
    db.close();
    await store.close();
    const again: string[] = [];
    await open({ path, notices: again }).close();
    expect(again).toEqual([]);
  });
});
