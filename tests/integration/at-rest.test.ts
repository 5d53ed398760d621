import { readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { basename, dirname, join } from 'node:path';
import { idOfToken } from '@github-bff/bff/testing';
import { startGitHubStub, type GitHubStub } from '@github-bff/github-stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { describeEachStore, type StoreSetup } from '../support/stores.ts';
import { TestBrowser } from '../support/test-browser.ts';

describeEachStore((store) => {
  let stub: GitHubStub;
  let stack: Stack;
  beforeAll(async () => {
    // GitHub App tokens, so there is a refresh token to look for as well.
    stub = await startGitHubStub({ expiringTokens: true });
    stack = await startStack(store.stackOptions({ stub }));
  });
  afterAll(async () => {
    await stack.close();
    await stub.close();
  });

  describe('sessions at rest', () => {
    it('hold no token, login, name or email in clear', async () => {
      const ids: string[] = [];
      for (const login of ['mona', 'hubot']) {
        const browser = new TestBrowser();
        await signIn(browser, stack, { login });
        expect((await getMe(browser, stack)).status).toBe(200);
        ids.push(idOfToken((await browser.cookie(stack.url, 'sid')) ?? ''));
      }
      const atRest = await readAtRest(store, stack);
      // The right bytes were read: both sessions' keys are there.
      for (const id of ids) expect(atRest).toContain(id);

      const tokens = stub.issuedTokens();
      expect(tokens.filter((t) => t.startsWith('ghu_'))).toHaveLength(2);
      expect(tokens.filter((t) => t.startsWith('ghr_'))).toHaveLength(2);
      for (const secret of [
        ...tokens,
        'mona',
        'hubot',
        'Mona Lisa Octocat',
        'mona@example.com',
        'hubot@private.example',
        'avatars/',
      ]) {
        expect(atRest).not.toContain(secret);
      }
    });
  });
  describe('who uses the app, at rest', () => {
    it('a copy of the store holds no GitHub user id in its index and no client address in its counters', async () => {
      await signIn(new TestBrowser(), stack, { login: 'nameless' });
      if (store.name !== 'sqlite') {
        const keys = await store.redisData().keys();
        const prefix = stack.config.session.redisKeyPrefix;
        // The keys this test is about exist (so the checks below bite)…
        expect(keys.filter((k) => k.startsWith(`${prefix}u:`)).length).toBeGreaterThan(0);
        expect(keys.filter((k) => k.startsWith(`${prefix}rl:`)).length).toBeGreaterThan(0);
        // …and name nobody: no numeric GitHub id, no address.
        for (const key of keys) {
          expect(key).not.toMatch(/:u:\d+$/);
          expect(key).not.toMatch(/127\.0\.0\.1|::1|::ffff/);
          expect(key).not.toContain('1003');
        }
        expect(await store.redisData().dump()).not.toMatch(/127\.0\.0\.1/);
      } else {
        const db = new Database(stack.config.session.dbPath, { readonly: true });
        try {
          const columns = db
            .prepare<[], { name: string }>('PRAGMA table_info(sessions)')
            .all()
            .map((c) => c.name);
          expect(columns).not.toContain('user_id');
          const keys = db.prepare<[], string>('SELECT user_key FROM sessions WHERE user_key IS NOT NULL').pluck().all();
          expect(keys.length).toBeGreaterThan(0);
          for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
        } finally {
          db.close();
        }
      }
    });
  });
});

/** Every byte the store keeps: the SQLite file with its -wal and -shm, or every Redis key and value. */
async function readAtRest(store: StoreSetup, stack: Stack): Promise<string> {
  if (store.name !== 'sqlite') return store.redisData().dump();
  const { dbPath } = stack.config.session;
  const files = readdirSync(dirname(dbPath)).filter((name) => name.startsWith(basename(dbPath)));
  expect(files).toContain(`${basename(dbPath)}-wal`);
  return files.map((name) => readFileSync(join(dirname(dbPath), name)).toString('latin1')).join('\n');
}
