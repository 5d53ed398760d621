import type { ErrorResponse, SessionsResponse } from '@github-bff/bff/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { describeEachStore } from '../support/stores.ts';
import { TestBrowser } from '../support/test-browser.ts';

/**
 * GitHub keeps ten tokens per user, app and scopes; the eleventh sign-in silently revokes the
 * oldest. The stand-in does the same, and issues tokens of 520 characters (GitHub's newer ones
 * run that long).
 */
describeEachStore((store) => {
  let stack: Stack;
  afterEach(() => stack.close());

  async function signInTimes(count: number): Promise<TestBrowser[]> {
    const browsers: TestBrowser[] = [];
    for (let i = 0; i < count; i++) {
      const browser = new TestBrowser();
      await signIn(browser, stack);
      // Sessions list newest first by sign-in time: one millisecond apart at least.
      stack.clock.advance(1000);
      browsers.push(browser);
    }
    return browsers;
  }

  describe('the eleventh sign-in', () => {
    it('ends the oldest session with token_limit, and the sessions list says so first', async () => {
      stack = await startStack(store.stackOptions({ stubOptions: { tokenLength: 520 } }));
      const [oldest, ...newer] = await signInTimes(11);
      const [oldestToken = ''] = stack.stub.issuedTokens();
      expect(oldestToken).toHaveLength(520);
      expect(stack.stub.revocationReason(oldestToken)).toBe('token_limit');

      const newest = newer.at(-1) ?? new TestBrowser();
      const list = (await newest.get(`${stack.url}/api/sessions`, API_HEADERS)).json() as SessionsResponse;
      expect(list.sessions).toHaveLength(11);
      expect(list.sessions.map((s) => s.signedOutByTokenLimit === true)).toEqual([...Array(10).fill(false), true]);

      // At its next re-check GitHub answers 401: the reason is told, once.
      stack.clock.advance(601_000);
      const ended = await getMe(oldest ?? new TestBrowser(), stack);
      expect(ended.status).toBe(401);
      expect(ended.json() as ErrorResponse).toEqual({ error: 'token_limit' });
      // The ten newer ones (520-character tokens, sealed in the store) keep working.
      for (const browser of newer) expect((await getMe(browser, stack)).status).toBe(200);
    });

    it('a token revoked for another reason, with no ten newer sessions, is a plain unauthenticated', async () => {
      stack = await startStack(store.stackOptions());
      const [only] = await signInTimes(1);
      stack.stub.revokeToken(stack.stub.issuedTokens()[0] ?? '');
      stack.clock.advance(601_000);
      const ended = await getMe(only ?? new TestBrowser(), stack);
      expect(ended.json() as ErrorResponse).toEqual({ error: 'unauthenticated' });
    });
  });
});
