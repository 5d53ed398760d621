import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerGitHub, getMe, signIn, signInFrom } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser, type TestResponse } from '../support/test-browser.ts';
import { describeEachStore } from '../support/stores.ts';

describeEachStore((store) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(store.stackOptions());
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.stub.reset());

  const tokenCalls = () => stack.stub.calls.filter((c) => c.path === '/login/oauth/access_token').length;

  /** A refused callback: back to the page with a stable code, and nobody signed in. */
  async function expectRefused(browser: TestBrowser, res: TestResponse, code: string): Promise<void> {
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/?auth_error=${code}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await getMe(browser, stack)).status).toBe(401);
  }

  async function startLogin(browser: TestBrowser): Promise<URL> {
    return new URL((await browser.get(`${stack.url}/auth/login`)).location);
  }

  describe('GET /auth/callback refuses a bad state without calling GitHub', () => {
    it('refuses a missing state', async () => {
      const browser = new TestBrowser();
      await startLogin(browser);
      await expectRefused(browser, await browser.get(`${stack.url}/auth/callback?code=abc`), 'invalid_state');
      expect(tokenCalls()).toBe(0);
    });

    it('refuses a mismatched state', async () => {
      const browser = new TestBrowser();
      const authorize = await startLogin(browser);
      const back = new URL((await answerGitHub(browser, authorize)).location);
      back.searchParams.set('state', 'A'.repeat(43));
      await expectRefused(browser, await browser.get(back.href), 'invalid_state');
      expect(tokenCalls()).toBe(0);
    });

    it('refuses a state from another browser (login CSRF)', async () => {
      const attacker = new TestBrowser();
      const victim = new TestBrowser();
      await startLogin(victim);
      const back = await answerGitHub(attacker, await startLogin(attacker), { login: 'hubot' });
      await expectRefused(victim, await victim.get(back.location), 'invalid_state');
      expect(tokenCalls()).toBe(0);
    });

    it('refuses a reused state: the same callback twice', async () => {
      const browser = new TestBrowser();
      const back = await answerGitHub(browser, await startLogin(browser));
      expect((await browser.get(back.location)).headers.get('location')).toBe('/');
      await browser.post(`${stack.url}/auth/logout`, { 'X-CSRF': '1' });
      const calls = tokenCalls();
      await expectRefused(browser, await browser.get(back.location), 'invalid_state');
      expect(tokenCalls()).toBe(calls);
    });

    it('refuses a callback replayed after a failed sign-in: invalid_state, and GitHub is not called again', async () => {
      const browser = new TestBrowser();
      stack.stub.failNext('user', { status: 500 });
      const back = await answerGitHub(browser, await startLogin(browser));
      await expectRefused(browser, await browser.get(back.location), 'github_unavailable');
      const calls = stack.stub.calls.length;
      await expectRefused(browser, await browser.get(back.location), 'invalid_state');
      expect(stack.stub.calls.length).toBe(calls);
    });

    it('refuses a callback replayed after a refused one (access denied): invalid_state, no GitHub call', async () => {
      const browser = new TestBrowser();
      const back = await answerGitHub(browser, await startLogin(browser), { decision: 'deny' });
      await expectRefused(browser, await browser.get(back.location), 'access_denied');
      const calls = stack.stub.calls.length;
      await expectRefused(browser, await browser.get(back.location), 'invalid_state');
      expect(stack.stub.calls.length).toBe(calls);
      expect(tokenCalls()).toBe(0);
    });

    it('PKCE: a code redeemed with another sign-in’s state (so its verifier) is refused by GitHub', async () => {
      const browser = new TestBrowser();
      const first = await startLogin(browser);
      const second = await startLogin(browser);
      // The code GitHub issued for the first sign-in (its challenge), sent back with the second's state.
      const code = new URL((await answerGitHub(browser, first)).location).searchParams.get('code') ?? '';
      const swapped = `${stack.url}/auth/callback?code=${code}&state=${second.searchParams.get('state')}`;
      await expectRefused(browser, await browser.get(swapped), 'github_refused');
      expect(tokenCalls()).toBe(1);
      // The same kind of sign-in with matching state and verifier succeeds.
      const third = await startLogin(browser);
      const res = await browser.get((await answerGitHub(browser, third)).location);
      expect(res.headers.get('location')).toBe('/');
      expect((await getMe(browser, stack)).status).toBe(200);
    });

    it('refuses a state older than ten minutes', async () => {
      const browser = new TestBrowser();
      const back = await answerGitHub(browser, await startLogin(browser));
      stack.clock.advance(10 * 60 * 1000 + 1);
      await expectRefused(browser, await browser.get(back.location), 'login_expired');
      expect(tokenCalls()).toBe(0);
    });

    it('refuses a callback with no cookie at all', async () => {
      const browser = new TestBrowser();
      const back = await answerGitHub(browser, await startLogin(browser));
      await expectRefused(new TestBrowser(), await new TestBrowser().get(back.location), 'invalid_state');
    });
  });

  describe('GET /auth/callback maps every GitHub failure to a stable code', () => {
    it('access denied on GitHub → access_denied, GitHub’s description not reflected', async () => {
      const browser = new TestBrowser();
      const { fromGitHub, callback } = await signIn(browser, stack, { decision: 'deny' });
      expect(fromGitHub.location).toContain('error_description');
      await expectRefused(browser, callback, 'access_denied');
      expect(callback.text).not.toMatch(/denied your application/);
      expect(tokenCalls()).toBe(0);
    });

    it('a replayed code → github_refused (GitHub says bad_verification_code with HTTP 200)', async () => {
      const first = new TestBrowser();
      const back = await answerGitHub(first, await startLogin(first));
      await first.get(back.location);
      const code = new URL(back.location).searchParams.get('code') ?? '';
      const second = new TestBrowser();
      const authorize = await startLogin(second);
      const replay = `${stack.url}/auth/callback?code=${code}&state=${authorize.searchParams.get('state')}`;
      await expectRefused(second, await second.get(replay), 'github_refused');
    });

    it.each([['bad_verification_code'], ['incorrect_client_credentials'], ['redirect_uri_mismatch']])(
      'a 200 {"error":"%s"} exchange → github_refused',
      async (oauthError) => {
        stack.stub.failNext('token', { oauthError });
        const browser = new TestBrowser();
        await expectRefused(browser, (await signIn(browser, stack)).callback, 'github_refused');
      },
    );

    it.each([
      ['a 5xx from the token endpoint', 'token', { status: 502, body: '<html>Bad gateway</html>' }],
      ['malformed JSON from the token endpoint', 'token', { malformed: true }],
      ['a 500 from /user', 'user', { status: 500 }],
      ['malformed JSON from /user', 'user', { malformed: true }],
      ['a 500 from /user/emails', 'emails', { status: 500 }],
    ] as const)('%s → github_unavailable', async (_name, endpoint, failure) => {
      stack.stub.failNext(endpoint, failure);
      const browser = new TestBrowser();
      const login = endpoint === 'emails' ? 'hubot' : 'mona';
      await expectRefused(browser, (await signIn(browser, stack, { login })).callback, 'github_unavailable');
    });

    it('GitHub hanging past GITHUB_TIMEOUT_MS → github_unavailable, promptly', async () => {
      stack.stub.failNext('token', { hang: true });
      const browser = new TestBrowser();
      const authorize = await startLogin(browser);
      const back = await answerGitHub(browser, authorize);
      const started = Date.now();
      const callback = await browser.get(back.location);
      const ms = Date.now() - started;
      await expectRefused(browser, callback, 'github_unavailable');
      // The stack's GITHUB_TIMEOUT_MS is 1 s: the answer comes after it, and not much later.
      expect(ms).toBeGreaterThanOrEqual(950);
      expect(ms).toBeLessThan(2500);
    });

    it('a callback without a code → invalid_request', async () => {
      const browser = new TestBrowser();
      const authorize = await startLogin(browser);
      const res = await browser.get(`${stack.url}/auth/callback?state=${authorize.searchParams.get('state')}`);
      await expectRefused(browser, res, 'invalid_request');
    });

    it('a failed sign-in leaves an earlier session of this browser alone, and the state is spent', async () => {
      const browser = new TestBrowser();
      await signIn(browser, stack, { login: 'mona' });
      stack.stub.failNext('user', { status: 500 });
      const authorize = await startLogin(browser);
      const res = await signInFrom(browser, authorize, 'hubot');
      expect(res.headers.get('location')).toBe('/?auth_error=github_unavailable');
      expect((await getMe(browser, stack)).json()).toMatchObject({ login: 'mona' });
    });
  });
});
