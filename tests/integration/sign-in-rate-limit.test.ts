import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { signIn } from '../support/sign-in.ts';
import { startStack, storeEnvOf, type Stack } from '../support/stack.ts';
import { describeEachStore } from '../support/stores.ts';
import { TestBrowser } from '../support/test-browser.ts';

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

  it('GET /auth/login past the limit is 429 with Retry-After, and GitHub is not involved', async () => {
    const browser = new TestBrowser();
    for (let i = 0; i < LIMIT; i++) expect((await browser.get(`${a.url}/auth/login`)).status).toBe(302);
    const refused = await browser.get(`${a.url}/auth/login`);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(refused.text).toMatch(/Too many sign-in attempts/);
  });

  it('the callback counts too: a sign-in is two attempts', async () => {
    const browser = new TestBrowser();
    for (let i = 0; i < LIMIT / 2; i++) expect((await signIn(browser, a)).callback.status).toBe(302);
    const authorizeCalls = a.stub.calls.length;
    expect((await new TestBrowser().get(`${a.url}/auth/callback?code=x&state=y`)).status).toBe(429);
    expect(a.stub.calls.length).toBe(authorizeCalls);
  });

  it('the window ends: after Retry-After the address may sign in again', async () => {
    const browser = new TestBrowser();
    for (let i = 0; i <= LIMIT; i++) await browser.get(`${a.url}/auth/login`);
    const refused = await browser.get(`${a.url}/auth/login`);
    expect(refused.status).toBe(429);
    a.clock.advance(Number(refused.headers.get('retry-after')) * 1000);
    expect((await browser.get(`${a.url}/auth/login`)).status).toBe(302);
  });

  it(
    store.name === 'redis'
      ? 'is shared by every instance on one Redis: attempts on A count on B'
      : 'with SQLite each instance counts its own attempts',
    async () => {
      const browser = new TestBrowser();
      for (let i = 0; i < LIMIT; i++) expect((await browser.get(`${a.url}/auth/login`)).status).toBe(302);
      expect((await browser.get(`${b.url}/auth/login`)).status).toBe(store.name === 'redis' ? 429 : 302);
    },
  );
});
