import type { SessionsResponse } from '@github-bff/bff/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_HEADERS, answerGitHub, getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { describeEachStore } from '../support/stores.ts';
import { TestBrowser, type TestResponse } from '../support/test-browser.ts';
import { waitUntil } from '../support/wait.ts';

/**
 * The review's finding: device A ends device B's session while one of B's requests is in flight,
 * then B's request completes and writes B's whole record back: B is signed in again. An ended
 * session must stay ended, on every store, and its GitHub token must be revoked.
 */
describeEachStore((store) => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack(store.stackOptions({ env: { GITHUB_TIMEOUT_MS: '1500' } }));
  });
  afterEach(() => stack.close());

  const idOf = async (browser: TestBrowser) =>
    ((await browser.get(`${stack.url}/api/sessions`, API_HEADERS)).json() as SessionsResponse).sessions.find(
      (s) => s.current,
    )?.id ?? '';

  /** A and B signed in as mona; B's next request will be slow: its periodic re-check hangs at GitHub. */
  async function twoDevicesWithBSlow() {
    const a = new TestBrowser();
    const b = new TestBrowser();
    await signIn(a, stack);
    await signIn(b, stack);
    const [tokenA, tokenB] = stack.stub.issuedTokens();
    const bId = await idOf(b);
    expect(await idOf(a)).not.toBe(bId);
    // Past the re-check interval: every session asks GitHub again on its next request.
    stack.clock.advance(601_000);
    stack.stub.failNext('user', { hang: true });
    const inFlight = getMe(b, stack);
    // B's request is now waiting on GitHub (the stand-in saw its call).
    await waitUntil(() => stack.stub.calls.filter((c) => c.path === '/api/v3/user').length >= 1, {
      what: "B's re-check to reach the stand-in",
      timeoutMs: 5000,
      intervalMs: 10,
    });
    return { a, b, bId, tokenA: tokenA ?? '', tokenB: tokenB ?? '', inFlight };
  }

  async function expectEnded(b: TestBrowser, inFlight: Promise<TestResponse>) {
    // The request that was in flight does not bring the session back: it answers 401 itself…
    expect((await inFlight).status).toBe(401);
    // …and every later one is 401 too.
    expect((await getMe(b, stack)).status).toBe(401);
    stack.clock.advance(61_000);
    expect((await getMe(b, stack)).status).toBe(401);
  }

  describe('a session ended on another device stays ended even while one of its requests is in flight', () => {
    it('POST /api/sessions/sign-out-others', async () => {
      const { a, b, tokenA, tokenB, inFlight } = await twoDevicesWithBSlow();
      expect((await a.post(`${stack.url}/api/sessions/sign-out-others`, API_HEADERS)).status).toBe(204);
      await expectEnded(b, inFlight);
      expect((await getMe(a, stack)).status).toBe(200);
      expect(stack.stub.revokedTokens()).toEqual([tokenB]);
      expect(stack.stub.revokedTokens()).not.toContain(tokenA);
    });

    it('DELETE /api/sessions/:id', async () => {
      const { a, b, bId, tokenB, inFlight } = await twoDevicesWithBSlow();
      const res = await a.request(`${stack.url}/api/sessions/${bId}`, { method: 'DELETE', headers: API_HEADERS });
      expect(res.status).toBe(204);
      await expectEnded(b, inFlight);
      expect(stack.stub.revokedTokens()).toEqual([tokenB]);
    });

    it('POST /auth/disconnect', async () => {
      const { a, b, inFlight } = await twoDevicesWithBSlow();
      expect((await a.post(`${stack.url}/auth/disconnect`, API_HEADERS)).status).toBe(204);
      await expectEnded(b, inFlight);
      expect((await getMe(a, stack)).status).toBe(401);
    });

    it('POST /auth/logout on B itself, with another of its requests in flight', async () => {
      const { b, tokenB, inFlight } = await twoDevicesWithBSlow();
      expect((await b.post(`${stack.url}/auth/logout`, API_HEADERS)).status).toBe(204);
      await expectEnded(b, inFlight);
      expect(stack.stub.revokedTokens()).toEqual([tokenB]);
    });
  });

  describe('the state of a sign-in is spent exactly once', () => {
    it('five parallel callbacks with the same cookie and state: one reaches GitHub, the others are invalid_state', async () => {
      const browser = new TestBrowser();
      const authorize = new URL((await browser.get(`${stack.url}/auth/login`)).location);
      const back = (await answerGitHub(browser, authorize)).location;
      const answers = await Promise.all([1, 2, 3, 4, 5].map(() => browser.get(back)));
      const tokenCalls = stack.stub.calls.filter((c) => c.path === '/login/oauth/access_token');
      expect(tokenCalls).toHaveLength(1);
      expect(answers.map((r) => r.headers.get('location')).sort()).toEqual([
        '/',
        '/?auth_error=invalid_state',
        '/?auth_error=invalid_state',
        '/?auth_error=invalid_state',
        '/?auth_error=invalid_state',
      ]);
    });
  });
});
