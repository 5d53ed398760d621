import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { describeWithStore } from '../support/stores.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { delay } from '../support/wait.ts';

describeWithStore('redis', (store) => {
  let stack: Stack;
  let browser: TestBrowser;
  let pendingCallback: string;
  beforeAll(async () => {
    stack = await startStack(store.stackOptions());
    browser = new TestBrowser();
    const { callback, fromGitHub } = await signIn(browser, stack);
    expect(callback.headers.get('location')).toBe('/');
    pendingCallback = fromGitHub.location;
  });
  afterAll(() => stack.close());

  const timed = async <T>(request: () => Promise<T>): Promise<{ res: T; ms: number }> => {
    const started = performance.now();
    const res = await request();
    return { res, ms: performance.now() - started };
  };

  describe('while Redis is down', () => {
    beforeAll(async () => {
      expect((await getMe(browser, stack)).status).toBe(200);
      await store.redis().stop();
    });

    it('GET /api/me is 503 {"error":"session_store_unavailable"} within 2 s', async () => {
      for (let i = 0; i < 3; i++) {
        const { res, ms } = await timed(() => getMe(browser, stack));
        expect(res.status).toBe(503);
        expect(res.json()).toEqual({ error: 'session_store_unavailable' });
        expect(res.headers.get('retry-after')).toBe('1');
        expect(ms).toBeLessThan(2000);
      }
    });

    it('GET /readyz is 503 (take this instance out of the load balancer), /healthz stays 200', async () => {
      const { res, ms } = await timed(() => browser.get(`${stack.url}/readyz`));
      expect(res.status).toBe(503);
      expect(res.json()).toEqual({ error: 'session_store_unavailable' });
      expect(ms).toBeLessThan(2000);
      expect((await browser.get(`${stack.url}/healthz`)).status).toBe(200);
    });

    it('the process goes on serving what needs no session', async () => {
      expect((await browser.get(`${stack.url}/api/meta`, API_HEADERS)).status).toBe(200);
    });

    it('GET /auth/login sends the browser back with session_store_unavailable, without a cookie', async () => {
      for (const who of [new TestBrowser(), browser]) {
        const { res, ms } = await timed(() => who.get(`${stack.url}/auth/login`));
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe('/?auth_error=session_store_unavailable');
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.getSetCookie()).toEqual([]);
        expect(ms).toBeLessThan(2000);
      }
    });

    it('GET /auth/callback sends the browser back with session_store_unavailable, without calling GitHub', async () => {
      stack.stub.reset();
      const res = await browser.get(pendingCallback);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/?auth_error=session_store_unavailable');
      expect(stack.stub.calls.filter((c) => c.path === '/login/oauth/access_token')).toEqual([]);
    });

    it('POST /auth/logout is 503 and keeps the cookie: the session is not claimed to be ended', async () => {
      const res = await browser.post(`${stack.url}/auth/logout`, API_HEADERS);
      expect(res.status).toBe(503);
      expect(res.json()).toEqual({ error: 'session_store_unavailable' });
      expect(res.headers.getSetCookie()).toEqual([]);
    });
  });

  describe('when Redis is back', () => {
    beforeAll(() => store.redis().start());

    it('the same session works again within a few seconds, without restarting the BFF', async () => {
      const started = Date.now();
      let status = 0;
      while (Date.now() - started < 5000) {
        status = (await getMe(browser, stack)).status;
        if (status === 200) break;
        await delay(100);
      }
      expect(status).toBe(200);
      expect((await getMe(browser, stack)).json()).toMatchObject({ login: 'mona' });
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('sign-in works again', async () => {
      const res = await new TestBrowser().get(`${stack.url}/auth/login`);
      expect(res.status).toBe(302);
      expect(res.location.startsWith(`${stack.stub.url}/login/oauth/authorize?`)).toBe(true);
    });
  });

  describe('while Redis hangs', () => {
    afterAll(() => store.redis().resume());

    it('GET /api/me is 503 within 2 s (the command times out), and works again once Redis answers', async () => {
      expect((await getMe(browser, stack)).status).toBe(200);
      store.redis().pause();
      const { res, ms } = await timed(() => getMe(browser, stack));
      expect(res.status).toBe(503);
      expect(res.json()).toEqual({ error: 'session_store_unavailable' });
      expect(ms).toBeLessThan(2000);
      store.redis().resume();
      expect((await getMe(browser, stack)).status).toBe(200);
    });
  });

  describe('startup', () => {
    it('with Redis unreachable rejects at once with a clear message, and no password in it', async () => {
      const port = await freePort();
      const started = Date.now();
      const starting = startStack({ store: 'redis', redisUrl: `redis://:hunter2-secret@127.0.0.1:${port}` });
      await expect(starting).rejects.toThrow(
        new RegExp(`^Cannot reach Redis at redis://127\\.0\\.0\\.1:${port} \\(REDIS_URL\\): .*ECONNREFUSED`),
      );
      await expect(starting).rejects.not.toThrow(/hunter2/);
      expect(Date.now() - started).toBeLessThan(3000);
    });
  });
});
