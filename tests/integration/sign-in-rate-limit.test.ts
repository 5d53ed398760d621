import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { signIn } from '../support/sign-in.ts';
import { startStack, storeEnvOf, type Stack } from '../support/stack.ts';
import { describeEachStore } from '../support/stores.ts';
import { TestBrowser, type TestResponse } from '../support/test-browser.ts';

const LIMIT = 6;

describeEachStore((store) => {
  let a: Stack;
  let b: Stack;
  beforeAll(async () => {
    a = await startStack(store.stackOptions({ env: { SIGN_IN_RATE_LIMIT: String(LIMIT) } }));
    // A second instance on the same store: with Redis, both count the same attempts.
    b = await startStack(
      store.stackOptions({ stub: a.stub, env: { ...storeEnvOf(a), SIGN_IN_RATE_LIMIT: String(LIMIT) } }),
    );
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  beforeEach(() => {
    // A fresh window for each test, the same on both instances.
    a.clock.advance(60_000);
    b.clock.advance(a.clock.now() - b.clock.now());
  });

  /** A refused sign-in is a navigation: back to the page, which says how long to wait. */
  function expectRateLimited(res: TestResponse): number {
    expect(res.status).toBe(302);
    const landing = new URL(res.location);
    expect(landing.pathname).toBe('/');
    expect(landing.searchParams.get('auth_error')).toBe('rate_limited');
    const wait = Number(landing.searchParams.get('retry_after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(res.headers.get('retry-after')).toBe(String(wait));
    expect(res.headers.get('cache-control')).toBe('no-store');
    return wait;
  }

  const isGitHubRedirect = (res: TestResponse) => res.status === 302 && new URL(res.location).origin === a.stub.url;

  it('GET /auth/login past the limit lands on the page with rate_limited and the wait, and GitHub is not involved', async () => {
    const browser = new TestBrowser();
    for (let i = 0; i < LIMIT; i++) expect(isGitHubRedirect(await browser.get(`${a.url}/auth/login`))).toBe(true);
    const calls = a.stub.calls.length;
    expectRateLimited(await browser.get(`${a.url}/auth/login`));
    expect(a.stub.calls.length).toBe(calls);
  });

  it('the callback counts too: a sign-in is two attempts', async () => {
    const browser = new TestBrowser();
    for (let i = 0; i < LIMIT / 2; i++) expect((await signIn(browser, a)).callback.status).toBe(302);
    const authorizeCalls = a.stub.calls.length;
    expectRateLimited(await new TestBrowser().get(`${a.url}/auth/callback?code=x&state=y`));
    expect(a.stub.calls.length).toBe(authorizeCalls);
  });

  it('the window ends: after Retry-After the address may sign in again', async () => {
    const browser = new TestBrowser();
    for (let i = 0; i <= LIMIT; i++) await browser.get(`${a.url}/auth/login`);
    const wait = expectRateLimited(await browser.get(`${a.url}/auth/login`));
    a.clock.advance(wait * 1000);
    expect(isGitHubRedirect(await browser.get(`${a.url}/auth/login`))).toBe(true);
  });

  it(
    store.name !== 'sqlite'
      ? 'is shared by every instance on one Redis: attempts on A count on B'
      : 'with SQLite each instance counts its own attempts',
    async () => {
      const browser = new TestBrowser();
      for (let i = 0; i < LIMIT; i++) expect(isGitHubRedirect(await browser.get(`${a.url}/auth/login`))).toBe(true);
      const onB = await browser.get(`${b.url}/auth/login`);
      if (store.name !== 'sqlite') expectRateLimited(onB);
      else expect(isGitHubRedirect(onB)).toBe(true);
    },
  );
});
