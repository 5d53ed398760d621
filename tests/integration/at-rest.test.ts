import { readdirSync, readFileSync } from 'node:fs';
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
});

/** Every byte the store keeps: the SQLite file with its -wal and -shm, or every Redis key and value. */
async function readAtRest(store: StoreSetup, stack: Stack): Promise<string> {
  if (store.name === 'redis') return store.redis().dump();
  const { dbPath } = stack.config.session;
  const files = readdirSync(dirname(dbPath)).filter((name) => name.startsWith(basename(dbPath)));
  expect(files).toContain(`${basename(dbPath)}-wal`);
  return files.map((name) => readFileSync(join(dirname(dbPath), name)).toString('latin1')).join('\n');
}
