import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, storeEnvOf, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { describeEachStore } from '../support/stores.ts';

describeEachStore((store) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(store.stackOptions());
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.stub.reset());

  async function signedIn(): Promise<TestBrowser> {
    const browser = new TestBrowser();
    await signIn(browser, stack);
    expect((await getMe(browser, stack)).status).toBe(200);
    return browser;
  }

  describe('POST /auth/logout', () => {
    it('is 204, clears the cookie, and ends the session on the server: the old cookie replayed is 401', async () => {
      const browser = await signedIn();
      const saved = await browser.jar.serialize();
      const res = await browser.post(`${stack.url}/auth/logout`, API_HEADERS);
      expect(res.status).toBe(204);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const cleared = res.headers.getSetCookie().find((c) => c.startsWith('sid='));
      expect(cleared).toMatch(/^sid=;.*expires=Thu, 01 Jan 1970/i);
      expect((await getMe(browser, stack)).status).toBe(401);
      const replay = new TestBrowser();
      await replay.jar.removeAllCookies();
      for (const c of saved.cookies) await replay.jar.setCookie(`${c.key}=${String(c.value)}`, stack.url);
      const replayed = await getMe(replay, stack);
      expect(replayed.status).toBe(401);
      expect(replayed.json()).toEqual({ error: 'unauthenticated' });
    });

    it('without X-CSRF is 403 and the session goes on', async () => {
      const browser = await signedIn();
      const res = await browser.post(`${stack.url}/auth/logout`);
      expect(res.status).toBe(403);
      expect(res.json()).toEqual({ error: 'csrf_header_missing' });
      expect(res.headers.getSetCookie()).toEqual([]);
      expect((await getMe(browser, stack)).status).toBe(200);
    });

    it('as a GET does nothing: 404, still signed in', async () => {
      const browser = await signedIn();
      expect((await browser.get(`${stack.url}/auth/logout`, API_HEADERS)).status).toBe(404);
      expect((await getMe(browser, stack)).status).toBe(200);
    });

    it('when nobody is signed in is still 204', async () => {
      expect((await new TestBrowser().post(`${stack.url}/auth/logout`, API_HEADERS)).status).toBe(204);
    });
  });

  describe('GET /api/me', () => {
    it('without a session is 401 {"error":"unauthenticated"}, not cached', async () => {
      const res = await getMe(new TestBrowser(), stack);
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({ error: 'unauthenticated' });
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it.each([
      ['without X-CSRF', {}],
      ['with X-CSRF: 0', { 'X-CSRF': '0' }],
      ['with X-CSRF: true', { 'X-CSRF': 'true' }],
    ])('%s is 403, even when signed in', async (_name, headers) => {
      const browser = await signedIn();
      const res = await browser.get(`${stack.url}/api/me`, headers);
      expect(res.status).toBe(403);
      expect(res.json()).toEqual({ error: 'csrf_header_missing' });
    });

    it('answers no CORS preflight: no Access-Control-Allow-* header, and the request is refused', async () => {
      const res = await new TestBrowser().request(`${stack.url}/api/me`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://evil.example',
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'x-csrf',
        },
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
    });

    it('refuses a tampered cookie: a changed id or signature is 401, never the session', async () => {
      const browser = await signedIn();
      const id = (await browser.cookie(stack.url, 'sid')) ?? '';
      const sig = (await browser.cookie(stack.url, 'sid.sig')) ?? '';
      const flip = (s: string) => `${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`;
      for (const [cookieId, cookieSig] of [
        [flip(id), sig],
        [id, flip(sig)],
        [id, ''],
      ]) {
        const tampered = new TestBrowser();
        const res = await tampered.get(`${stack.url}/api/me`, {
          ...API_HEADERS,
          Cookie: `sid=${cookieId}; sid.sig=${cookieSig}`,
        });
        expect(res.status).toBe(401);
      }
    });

    it('accepts a session signed with an older key after rotation (first signs, all verify)', async () => {
      const browser = await signedIn();
      const rotated = await startStack({
        stub: stack.stub,
        env: {
          SESSION_SECRET: `new-key-that-is-long-enough-0123456789abcdef,${stack.config.session.secrets[0]}`,
          ...storeEnvOf(stack),
          PUBLIC_URL: stack.url,
        },
      });
      try {
        const cookie = await browser.jar.getCookieString(stack.url);
        const res = await fetch(`${rotated.url}/api/me`, { headers: { ...API_HEADERS, Cookie: cookie } });
        expect(res.status).toBe(200);
      } finally {
        await rotated.close();
      }
    });

    it('re-issues a cookie verified by an older key with every attribute, signed by the new key', async () => {
      const browser = await signedIn();
      const newKey = 'new-key-that-is-long-enough-0123456789abcdef';
      const env = { ...storeEnvOf(stack), PUBLIC_URL: stack.url };
      const rotated = await startStack({
        stub: stack.stub,
        env: { ...env, SESSION_SECRET: `${newKey},${stack.config.session.secrets[0]}` },
      });
      const newOnly = await startStack({ stub: stack.stub, env: { ...env, SESSION_SECRET: newKey } });
      try {
        const cookie = await browser.jar.getCookieString(stack.url);
        const res = await fetch(`${rotated.url}/api/me`, { headers: { ...API_HEADERS, Cookie: cookie } });
        expect(res.status).toBe(200);
        const issued = res.headers.getSetCookie();
        const sid = issued.find((c) => c.startsWith('sid='));
        const sig = issued.find((c) => c.startsWith('sid.sig='));
        // The cookies library alone re-signs with only Path and HttpOnly: no SameSite, no Expires.
        for (const set of [sid, sig]) {
          expect(set).toMatch(/;\s*samesite=lax/i);
          expect(set).toMatch(/;\s*httponly/i);
          expect(set).toMatch(/;\s*path=\//i);
          expect(set).toMatch(/;\s*expires=/i);
        }
        expect(issued.filter((c) => c.startsWith('sid.sig='))).toHaveLength(1);
        // The re-issued pair is the new key's: it works where only the new key is known.
        const next = [sid, sig].map((c) => c?.split(';')[0]).join('; ');
        const withNewKey = await fetch(`${newOnly.url}/api/me`, { headers: { ...API_HEADERS, Cookie: next } });
        expect(withNewKey.status).toBe(200);
        // A cookie already signed by the first key is not re-issued.
        const again = await fetch(`${rotated.url}/api/me`, { headers: { ...API_HEADERS, Cookie: next } });
        expect(again.headers.getSetCookie()).toEqual([]);
      } finally {
        await newOnly.close();
        await rotated.close();
      }
    });
  });

  describe('unknown routes', () => {
    it('/api/anything is 404 JSON (with X-CSRF) and 403 without', async () => {
      const browser = new TestBrowser();
      const res = await browser.get(`${stack.url}/api/nope`, API_HEADERS);
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({ error: 'not_found' });
      expect((await browser.get(`${stack.url}/api/nope`)).status).toBe(403);
    });
  });
});
