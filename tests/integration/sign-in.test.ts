import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STUB_DEFAULTS } from '@github-bff/github-stub';
import { getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { describeEachStore } from '../support/stores.ts';

describeEachStore((store) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(store.stackOptions());
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.stub.reset());

  describe('GET /auth/login', () => {
    it('redirects to GitHub with client_id, the exact redirect_uri, scopes, state and S256 PKCE', async () => {
      const browser = new TestBrowser();
      const res = await browser.get(`${stack.url}/auth/login?returnTo=%2Frepos`);
      expect(res.status).toBe(302);
      const url = new URL(res.location);
      expect(`${url.origin}${url.pathname}`).toBe(`${stack.stub.url}/login/oauth/authorize`);
      const q = url.searchParams;
      expect(q.get('client_id')).toBe(STUB_DEFAULTS.clientId);
      expect(q.get('redirect_uri')).toBe(`${stack.url}/auth/callback`);
      expect(q.get('scope')).toBe('read:user user:email');
      expect(q.get('code_challenge_method')).toBe('S256');
      expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // ≥ 128 bits of state: 43 base64url characters carry 256.
      expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('uses a fresh state and challenge every time', async () => {
      const browser = new TestBrowser();
      const a = new URL((await browser.get(`${stack.url}/auth/login`)).location).searchParams;
      const b = new URL((await browser.get(`${stack.url}/auth/login`)).location).searchParams;
      expect(a.get('state')).not.toBe(b.get('state'));
      expect(a.get('code_challenge')).not.toBe(b.get('code_challenge'));
    });

    it('sends the verifier at the token exchange, never to the browser, and it matches the challenge', async () => {
      const browser = new TestBrowser();
      const { authorizeUrl, callback } = await signIn(browser, stack);
      expect(callback.status).toBe(302);
      const tokenCall = stack.stub.calls.find((c) => c.path === '/login/oauth/access_token');
      expect(tokenCall).toBeDefined();
      // The stand-in verifies PKCE itself; a wrong verifier would have failed the sign-in.
      const challenge = authorizeUrl.searchParams.get('code_challenge') ?? '';
      expect(await browser.everythingSeen()).not.toMatch(/code_verifier/);
      expect(challenge).not.toBe('');
    });
  });

  describe('the whole sign-in', () => {
    it('ends on returnTo, signed in, with the user from GitHub', async () => {
      const browser = new TestBrowser();
      const { callback } = await signIn(browser, stack, { returnTo: '/repos?tab=stars#top' });
      expect(callback.status).toBe(302);
      expect(callback.headers.get('location')).toBe('/repos?tab=stars#top');
      expect(callback.headers.get('referrer-policy')).toBe('no-referrer');
      const me = await getMe(browser, stack);
      expect(me.status).toBe(200);
      expect(me.headers.get('cache-control')).toBe('no-store');
      expect(me.json()).toMatchObject({
        id: 1001,
        login: 'mona',
        name: 'Mona Lisa Octocat',
        email: 'mona@example.com',
        avatarUrl: `${stack.stub.url}/avatars/mona.svg`,
        session: { createdAt: expect.any(String), expiresAt: expect.any(String) },
      });
    });

    it.each([
      '/.//evil.example/x',
      '/./%2F/evil.example/x',
      '/x/..//evil.example',
      '/%2e//evil.example',
      '/..//evil.example',
      '/.///evil.example',
      '/AUTH/login',
      '/%2e%2e/Auth/logout',
    ])('a genuine sign-in with returnTo=%j ends on our own origin, outside /auth/', async (returnTo) => {
      const browser = new TestBrowser();
      const { callback } = await signIn(browser, stack, { returnTo });
      expect(callback.status).toBe(302);
      const landing = new URL(callback.location);
      expect(landing.origin).toBe(stack.url);
      expect(landing.pathname.toLowerCase()).not.toMatch(/^\/auth(\/|$)/);
      expect((await getMe(browser, stack)).status).toBe(200);
    });

    it('gives the private-email user their primary verified address from /user/emails', async () => {
      const browser = new TestBrowser();
      await signIn(browser, stack, { login: 'hubot' });
      expect((await getMe(browser, stack)).json()).toMatchObject({ login: 'hubot', email: 'hubot@private.example' });
      expect(stack.stub.calls.map((c) => c.path)).toContain('/api/v3/user/emails');
    });

    it('does not call /user/emails when the email is public', async () => {
      await signIn(new TestBrowser(), stack, { login: 'mona' });
      expect(stack.stub.calls.map((c) => c.path)).not.toContain('/api/v3/user/emails');
    });

    it('shows no email rather than an unverified one, and a null name as null', async () => {
      const unverified = new TestBrowser();
      await signIn(unverified, stack, { login: 'unverified' });
      expect((await getMe(unverified, stack)).json()).toMatchObject({ login: 'unverified', email: null });
      const nameless = new TestBrowser();
      await signIn(nameless, stack, { login: 'nameless' });
      expect((await getMe(nameless, stack)).json()).toMatchObject({ login: 'nameless', name: null });
    });

    it('starts no session before sign-in: /auth/login sets only the short-lived sign-in cookie', async () => {
      const browser = new TestBrowser();
      const start = await browser.get(`${stack.url}/auth/login`);
      const cookies = start.headers.getSetCookie();
      expect(cookies).toHaveLength(1);
      const [cookie = ''] = cookies;
      expect(cookie).toMatch(/^sign-in=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/;\s*httponly/i);
      expect(cookie).toMatch(/;\s*samesite=lax/i);
      expect(cookie).toMatch(/;\s*path=\//i);
      const expires = Date.parse(/;\s*expires=([^;]*)/i.exec(cookie)?.[1] ?? '');
      // Ten minutes, as long as a sign-in may take (the header has whole seconds).
      expect(expires - Date.now()).toBeGreaterThan(598_000);
      expect(expires - Date.now()).toBeLessThanOrEqual(600_000);
      // A second sign-in in another tab keeps the same token, so both can finish.
      await browser.get(`${stack.url}/auth/login`);
      expect(await browser.cookie(stack.url, 'sign-in')).toBe(/^sign-in=([^;]*)/.exec(cookie)?.[1]);
    });

    it('regenerates the session at sign-in: a session planted before (fixation) is replaced and ended', async () => {
      const attacker = new TestBrowser();
      await signIn(attacker, stack, { login: 'hubot' });
      const planted = (await attacker.cookie(stack.url, 'sid')) ?? '';
      const victim = new TestBrowser();
      await victim.jar.setCookie(`sid=${planted}`, stack.url);
      await victim.jar.setCookie(`sid.sig=${(await attacker.cookie(stack.url, 'sid.sig')) ?? ''}`, stack.url);
      expect((await getMe(victim, stack)).json()).toMatchObject({ login: 'hubot' });
      await signIn(victim, stack, { login: 'mona' });
      const after = await victim.cookie(stack.url, 'sid');
      expect(after).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(after).not.toBe(planted);
      expect((await getMe(victim, stack)).json()).toMatchObject({ login: 'mona' });
      expect((await getMe(attacker, stack)).status).toBe(401);
    });

    it('a new sign-in in the same browser revokes the token of the session it replaces', async () => {
      const browser = new TestBrowser();
      await signIn(browser, stack, { login: 'mona' });
      const [first] = stack.stub.issuedTokens();
      await signIn(browser, stack, { login: 'hubot' });
      const issued = stack.stub.issuedTokens();
      expect(issued).toHaveLength(2);
      expect(stack.stub.revokedTokens()).toEqual([first]);
      await signIn(browser, stack, { login: 'hubot' });
      expect(stack.stub.revokedTokens()).toEqual([first, issued[1]]);
      expect((await getMe(browser, stack)).json()).toMatchObject({ login: 'hubot' });
    });

    it('sets an HttpOnly, SameSite=Lax, Path=/ cookie with no Domain, holding only an opaque id', async () => {
      const browser = new TestBrowser();
      const { callback } = await signIn(browser, stack);
      const cookies = callback.headers.getSetCookie().filter((c) => c.startsWith('sid='));
      expect(cookies).toHaveLength(1);
      const cookie = cookies[0] ?? '';
      expect(cookie).toMatch(/;\s*httponly/i);
      expect(cookie).toMatch(/;\s*samesite=lax/i);
      expect(cookie).toMatch(/;\s*path=\//i);
      expect(cookie).not.toMatch(/domain=/i);
      expect(cookie).not.toMatch(/secure/i);
      const id = /^sid=([^;]*)/.exec(cookie)?.[1] ?? '';
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(id, 'base64').toString('latin1')).not.toMatch(/mona|gho_|ghu_/);
    });

    it('never lets a token reach the browser: no JSON route, error body, header or cookie holds one', async () => {
      const browser = new TestBrowser();
      const other = new TestBrowser();
      await signIn(other, stack, { login: 'hubot' });
      await signIn(browser, stack, { login: 'hubot' });
      const get = (path: string, headers: Record<string, string> = { 'X-CSRF': '1' }) =>
        browser.get(`${stack.url}${path}`, headers);
      // Every JSON route, signed in: the sessions list carries the other device's session too.
      for (const path of ['/api/me', '/api/meta', '/api/sessions', '/api/github/user', '/api/github/user/repos']) {
        expect((await get(path)).status, path).toBe(200);
      }
      // Error bodies: unknown route, refused proxy path, missing CSRF header, bad session id.
      expect((await get('/api/nope')).status).toBe(404);
      expect((await get('/api/github/user/emails')).status).toBe(403);
      expect((await get('/api/me', {})).status).toBe(403);
      expect(
        (await browser.request(`${stack.url}/api/sessions/x`, { method: 'DELETE', headers: { 'X-CSRF': '1' } })).status,
      ).toBe(400);
      await browser.post(`${stack.url}/api/sessions/sign-out-others`, { 'X-CSRF': '1' });
      await browser.post(`${stack.url}/auth/logout`, { 'X-CSRF': '1' });
      expect((await get('/api/me')).status).toBe(401);
      const seen = await browser.everythingSeen();
      const tokens = stack.stub.issuedTokens();
      expect(tokens.length).toBeGreaterThanOrEqual(2);
      for (const token of tokens) {
        expect(seen).not.toContain(token);
        expect(seen).not.toContain(token.slice(4, 24));
        expect(seen).not.toContain(createHash('sha256').update(token).digest('hex'));
      }
      expect(seen).not.toMatch(/access_?token|refresh_?token|"github"/i);
    });

    it('keys the session to the numeric GitHub id', async () => {
      const browser = new TestBrowser();
      await signIn(browser, stack, { login: 'nameless' });
      expect((await getMe(browser, stack)).json()).toMatchObject({ id: 1003 });
    });
  });
});
