import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, storeEnvOf, type Stack } from '../support/stack.ts';
import { describeWithStore } from '../support/stores.ts';
import { TestBrowser } from '../support/test-browser.ts';

const HOUR = 3600_000;
/** GitHub App user tokens live 8 hours; the BFF refreshes within 5 minutes of the end. */
const NEAR_EXPIRY = 8 * HOUR - 4 * 60_000;
const tokenCalls = (stack: Stack) => stack.stub.calls.filter((c) => c.path === '/login/oauth/access_token').length;

describe('expiring GitHub App user tokens', () => {
  let stack: Stack;
  let browser: TestBrowser;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    stack.stub.reset();
    stack.stub.setExpiringTokens(true);
    browser = new TestBrowser();
    await signIn(browser, stack, { login: 'mona' });
  });

  it('are refreshed before they expire, exactly once for many concurrent requests', async () => {
    const calls = tokenCalls(stack);
    stack.clock.advance(NEAR_EXPIRY);
    const answers = await Promise.all(Array.from({ length: 25 }, () => getMe(browser, stack)));
    expect(answers.map((a) => a.status)).toEqual(Array<number>(25).fill(200));
    expect(tokenCalls(stack)).toBe(calls + 1);
    // The new token works (the stand-in has invalidated the old one).
    expect((await browser.get(`${stack.url}/api/github/user`, API_HEADERS)).status).toBe(200);
  });

  it('keeps the new single-use refresh token: the next refresh works too', async () => {
    stack.clock.advance(NEAR_EXPIRY);
    expect((await getMe(browser, stack)).status).toBe(200);
    stack.clock.advance(8 * HOUR);
    expect((await getMe(browser, stack)).status).toBe(200);
    expect((await browser.get(`${stack.url}/api/github/user`, API_HEADERS)).status).toBe(200);
  });

  it('are not refreshed while far from expiry', async () => {
    const calls = tokenCalls(stack);
    stack.clock.advance(7 * HOUR);
    expect((await getMe(browser, stack)).status).toBe(200);
    expect(tokenCalls(stack)).toBe(calls);
  });

  it('bad_refresh_token ends the session cleanly: 401, and the cookie no longer works', async () => {
    stack.stub.failNext('token', { oauthError: 'bad_refresh_token' });
    stack.clock.advance(NEAR_EXPIRY);
    const res = await getMe(browser, stack);
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ error: 'unauthenticated' });
    expect((await getMe(browser, stack)).status).toBe(401);
  });

  it('GitHub down at refresh time: carries on while the old token is valid, 503 once it is not', async () => {
    stack.stub.failNext('token', { status: 502 }, 2);
    stack.clock.advance(NEAR_EXPIRY);
    expect((await getMe(browser, stack)).status).toBe(200);
    stack.clock.advance(5 * 60_000);
    const expired = await getMe(browser, stack);
    expect(expired.status).toBe(503);
    expect(expired.json()).toEqual({ error: 'github_unavailable' });
    // GitHub is back: the refresh happens and the session was kept.
    expect((await getMe(browser, stack)).status).toBe(200);
  });
});

// The refresh lock, shared by two instances, on a single Redis and on a cluster.
for (const shared of ['redis', 'redis-cluster'] as const)
  describeWithStore(shared, (store) => {
    let a: Stack;
    let b: Stack;
    beforeAll(async () => {
      a = await startStack(store.stackOptions());
      b = await startStack(store.stackOptions({ stub: a.stub, env: storeEnvOf(a) }));
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it('two instances on one Redis refresh a session’s token exactly once between them', async () => {
      a.stub.reset();
      a.stub.setExpiringTokens(true);
      const browser = new TestBrowser();
      await signIn(browser, a, { login: 'hubot' });
      const calls = tokenCalls(a);
      a.clock.advance(NEAR_EXPIRY);
      b.clock.advance(a.clock.now() - b.clock.now());
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => browser.get(`${(i % 2 ? b : a).url}/api/me`, API_HEADERS)),
      );
      expect(answers.map((r) => r.status)).toEqual(Array<number>(20).fill(200));
      expect(tokenCalls(a)).toBe(calls + 1);
      expect((await browser.get(`${b.url}/api/github/user`, API_HEADERS)).status).toBe(200);
      expect((await browser.get(`${a.url}/api/github/user`, API_HEADERS)).status).toBe(200);
    });
  });
