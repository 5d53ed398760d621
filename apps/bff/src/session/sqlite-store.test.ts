import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSessionCodec } from './session-codec.ts';
import type { SessionData } from './session-data.ts';
import { hashSessionId } from './session-id.ts';
import { createSqliteStore } from './sqlite-store.ts';

const codec = createSessionCodec(['k'.repeat(40)]);
const data: SessionData = { createdAt: 1, lastSeenAt: 1 };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sqlite-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store, with its cache of opened sessions', () => {
  it('answers a session it has opened again, each caller with its own copy', async () => {
    const store = createSqliteStore({ path: join(dir, 's.db'), codec, sweepIntervalMs: 0 });
    await store.set('id-1', data, Date.now() + 60_000);
    const a = await store.get('id-1');
    const b = await store.get('id-1');
    expect(a).toEqual(data);
    expect(a).not.toBe(b);
    await store.close();
  });

  it('sees a row deleted or changed by another connection at once (an operator, another process)', async () => {
    const path = join(dir, 's.db');
    const store = createSqliteStore({ path, codec, sweepIntervalMs: 0 });
    await store.set('id-1', data, Date.now() + 60_000);
    expect(await store.get('id-1')).toEqual(data);
    const other = new Database(path);
    other.prepare('DELETE FROM sessions WHERE id = ?').run(hashSessionId('id-1'));
    other.close();
    expect(await store.get('id-1')).toBeUndefined();
    await store.close();
  });

  it('forgets a session destroyed through it, by id or by handle, and one past its deadline', async () => {
    let t = Date.now();
    const store = createSqliteStore({ path: join(dir, 's.db'), codec, now: () => t, sweepIntervalMs: 0 });
    await store.set('a', data, t + 1000);
    await store.set('b', data, t + 1000);
    await store.set('c', data, t + 1000);
    await store.get('a');
    await store.get('b');
    await store.destroy('a');
    await store.destroyByHandle(hashSessionId('b'));
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('c')).toEqual(data);
    t += 1000;
    expect(await store.get('c')).toBeUndefined();
    await store.close();
  });
});
