import { idOfToken } from '@github-bff/bff/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_HEADERS, answerGitHub, getMe } from '../support/sign-in.ts';
import { startStack, storeEnvOf, type Stack } from '../support/stack.ts';
import { describeWithStore } from '../support/stores.ts';
import { TestBrowser } from '../support/test-browser.ts';

describeWithStore('redis', (store) => {
  let a: Stack;
  let b: Stack;
  beforeAll(async () => {
    a = await startStack(store.stackOptions());
    // A second instance behind the same public origin: same stand-in, same Redis and key prefix.
    b = await startStack({ stub: a.stub, env: { ...storeEnvOf(a), PUBLIC_URL: a.url } });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  /**
   * A whole sign-in served by one instance. The cookie jar is per host, not per port, so the
   * browser holds one cookie for both instances, as it would behind a load balancer.
   */
  async function signInVia(instance: Stack, login = 'mona'): Promise<TestBrowser> {
    const browser = new TestBrowser();
    const start = await browser.get(`${instance.url}/auth/login`);
    const back = new URL((await answerGitHub(browser, new URL(start.location), { login })).location);
    const callback = await browser.get(`${instance.url}${back.pathname}${back.search}`);
    expect(callback.headers.get('location')).toBe('/');
    return browser;
  }

  const idOf = async (browser: TestBrowser) => idOfToken((await browser.cookie(a.url, 'sid')) ?? '');
  const idsOf = async (instance: Stack, userId: number) =>
    (await instance.store.listByUser(userId)).map((s) => s.id).sort();

  describe('what the BFF keeps in Redis', () => {
    it('every key it writes has the configured prefix and a time to live', async () => {
      // Sessions, the user index, a pending sign-in, the rate-limit counter.
      const browser = await signInVia(a, 'hubot');
      await new TestBrowser().get(`${a.url}/auth/login`);
      expect((await getMe(browser, a)).status).toBe(200);
      const keys = await store.redis().keys();
      const prefix = a.config.session.redisKeyPrefix;
      for (const kind of ['s:', 'u:', 'p:', 'rl:'])
        expect(
          keys.some((k) => k.startsWith(`${prefix}${kind}`)),
          kind,
        ).toBe(true);
      for (const key of keys) {
        expect(key.startsWith(prefix), key).toBe(true);
        expect(Number(await store.redis().cli('PTTL', key)), key).toBeGreaterThan(0);
      }
      expect((await browser.post(`${a.url}/auth/logout`, API_HEADERS)).status).toBe(204);
    });
  });

  describe('a Redis written by an earlier version', () => {
    it('moves the user index named by the GitHub id in clear to its keyed name, once, and loses no session', async () => {
      const browser = await signInVia(a, 'unverified');
      const prefix = a.config.session.redisKeyPrefix;
      const keyed = (await store.redis().keys(`${prefix}u:*`)).filter((k) => !/:u:\d+$/.test(k));
      const id = await idOf(browser);
      // Give this user's index the name an earlier version used: the GitHub id in clear.
      const mine = [];
      for (const key of keyed) if ((await store.redis().dump()).includes(`${key} zset ${id}`)) mine.push(key);
      expect(mine).toHaveLength(1);
      await store.redis().cli('RENAME', mine[0] ?? '', `${prefix}u:1004`);
      await a.restart();
      expect(await store.redis().keys(`${prefix}u:1004`)).toEqual([]);
      expect(await idsOf(a, 1004)).toEqual([id]);
      expect((await getMe(browser, a)).status).toBe(200);
      expect((await browser.post(`${a.url}/auth/logout`, API_HEADERS)).status).toBe(204);
    });
  });

  describe('two BFF instances sharing one Redis', () => {
    it('a session made on A is signed in on B', async () => {
      const browser = await signInVia(a);
      const res = await getMe(browser, b);
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ id: 1001, login: 'mona' });
    });

    it('a sign-in started on B can finish on A', async () => {
      const browser = new TestBrowser();
      const start = await browser.get(`${b.url}/auth/login`);
      const back = await answerGitHub(browser, new URL(start.location));
      expect(back.location.startsWith(`${a.url}/auth/callback?`)).toBe(true);
      expect((await browser.get(back.location)).headers.get('location')).toBe('/');
      expect((await getMe(browser, b)).status).toBe(200);
    });

    it('logging out on B ends the session on A at once: the old cookie replayed there is 401', async () => {
      const browser = await signInVia(a);
      const cookie = await browser.jar.getCookieString(a.url);
      expect((await getMe(browser, a)).status).toBe(200);
      expect((await browser.post(`${b.url}/auth/logout`, API_HEADERS)).status).toBe(204);
      const replayed = await fetch(`${a.url}/api/me`, { headers: { ...API_HEADERS, Cookie: cookie } });
      expect(replayed.status).toBe(401);
      expect(await replayed.json()).toEqual({ error: 'unauthenticated' });
    });

    it('listByUser finds every session of a user from either instance; destroy ends one everywhere', async () => {
      const onA = await signInVia(a, 'hubot');
      const onB = await signInVia(b, 'hubot');
      const expected = [await idOf(onA), await idOf(onB)].sort();
      expect(expected[0]).not.toBe(expected[1]);
      expect(await idsOf(a, 1002)).toEqual(expected);
      expect(await idsOf(b, 1002)).toEqual(expected);

      await b.store.destroy(await idOf(onA));
      expect((await getMe(onA, a)).status).toBe(401);
      expect((await getMe(onB, a)).status).toBe(200);
      expect(await idsOf(a, 1002)).toEqual([await idOf(onB)]);
    });

    it('logging out removes the session from its user’s index', async () => {
      const browser = await signInVia(a, 'nameless');
      expect(await idsOf(b, 1003)).toEqual([await idOf(browser)]);
      await browser.post(`${b.url}/auth/logout`, API_HEADERS);
      expect(await idsOf(a, 1003)).toEqual([]);
      expect(await store.redis().keys(`${a.config.session.redisKeyPrefix}u:1003`)).toEqual([]);
    });

    // Last: it moves A's clock past every session's deadline.
    it('drops expired sessions from the index once their deadline has passed', async () => {
      const prefix = a.config.session.redisKeyPrefix;
      const browser = await signInVia(a, 'unverified');
      expect(await idsOf(a, 1004)).toEqual([await idOf(browser)]);
      a.clock.advance(a.config.session.absoluteTimeoutMs);
      expect((await getMe(browser, a)).status).toBe(401);
      expect(await idsOf(a, 1004)).toEqual([]);
      expect(await store.redis().keys(`${prefix}u:1004`)).toEqual([]);
    });
  });
});
