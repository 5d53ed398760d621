import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { createKeyedHash } from '@github-bff/bff/testing';
import type { Stack } from './stack.ts';
import { TestBrowser } from './test-browser.ts';

/** A browser that names itself, so its session can be told apart in "your sessions" by its user agent. */
export class NamedBrowser extends TestBrowser {
  readonly userAgent: string;
  constructor(userAgent: string) {
    super();
    this.userAgent = userAgent;
  }

  override request(url: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
    return super.request(url, {
      ...init,
      headers: { 'User-Agent': this.userAgent, ...(init.headers as Record<string, string> | undefined) },
    });
  }
}

/**
 * Files the session `id` under another GitHub user in the store's own index, behind the
 * BFF's back: what a stale index or a store bug would do. Returns how many entries changed.
 */
export async function fileSessionUnder(stack: Stack, id: string, userId: number): Promise<number> {
  const { store, dbPath, redisKeyPrefix, secrets, redis } = stack.config.session;
  const userKey = createKeyedHash(secrets, 'user-index').current(String(userId));
  if (store === 'redis') {
    const key = `${redisKeyPrefix}u:${userKey}`;
    const { topology } = redis;
    if (topology.kind === 'sentinel') throw new Error('fileSessionUnder: not written for Sentinel');
    const where =
      topology.kind === 'single'
        ? ['-u', topology.url]
        : ['-c', '-h', topology.nodes[0]?.host ?? '', '-p', String(topology.nodes[0]?.port)];
    const { stdout } = await promisify(execFile)('redis-cli', [...where, 'ZADD', key, '9e15', id]);
    return Number(stdout.trim());
  }
  const db = new Database(dbPath);
  try {
    return db.prepare('UPDATE sessions SET user_key = ? WHERE id = ?').run(userKey, id).changes;
  } finally {
    db.close();
  }
}
