import { startGitHubStub, type GitHubStub } from '@github-bff/github-stub';
import type { MeResponse, SessionsResponse } from '@github-bff/bff/contract';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { fileSessionUnder, NamedBrowser } from '../support/sessions.ts';
import { describeEachStore } from '../support/stores.ts';
import { TestBrowser } from '../support/test-browser.ts';

describeEachStore((store) => {
  let stub: GitHubStub;
  let stack: Stack;
  // A fresh stack (store) per test: every test starts with no sessions at all.
  beforeAll(async () => {
    stub = await startGitHubStub();
  });
  afterAll(() => stub.close());
  beforeEach(async () => {
    stack = await startStack(store.stackOptions({ stub }));
  });
  afterEach(() => stack.close());

  const url = (path: string) => `${stack.url}${path}`;
  const list = (b: TestBrowser) => b.get(url('/api/sessions'), API_HEADERS);
  const sessionsOf = async (b: TestBrowser) => ((await list(b)).json() as SessionsResponse).sessions;
  const handleOf = async (b: TestBrowser) => (await sessionsOf(b)).find((s) => s.current)?.id ?? '';
  const end = (b: TestBrowser, id: string, headers: Record<string, string> = API_HEADERS) =>
    b.request(url(`/api/sessions/${id}`), { method: 'DELETE', headers });
  const endOthers = (b: TestBrowser, headers: Record<string, string> = API_HEADERS) =>
    b.post(url('/api/sessions/sign-out-others'), headers);
  const meStatus = async (b: TestBrowser) => (await getMe(b, stack)).status;

  /** Three browsers as mona, a minute apart (oldest first), and one as hubot. */
  async function signInAll() {
    const [a, b, c, hubot] = [
      new NamedBrowser('browser A'),
      new NamedBrowser('browser B'),
      new NamedBrowser('browser C'),
      new NamedBrowser('browser H'),
    ];
    for (const browser of [a, b, c]) {
      if (browser !== a) stack.clock.advance(60_000);
      await signIn(browser, stack, { login: 'mona' });
    }
    await signIn(hubot, stack, { login: 'hubot' });
    for (const browser of [a, b, c, hubot]) expect(await meStatus(browser)).toBe(200);
    return { a, b, c, hubot };
  }

  describe('GET /api/sessions', () => {
    it("lists the user's sessions newest first, exactly one current, never another user's", async () => {
      const { a, b, hubot } = await signInAll();
      stack.clock.advance(120_000);
      expect(await meStatus(a)).toBe(200); // A is seen again: its lastSeenAt moves
      const res = await list(b);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const sessions = (res.json() as SessionsResponse).sessions;
      expect(sessions.map((s) => [s.userAgent, s.current])).toEqual([
        ['browser C', false],
        ['browser B', true],
        ['browser A', false],
      ]);
      const [c, , oldest] = sessions;
      expect(Date.parse(c!.createdAt) - Date.parse(oldest!.createdAt)).toBe(120_000);
      const now = new Date(stack.clock.now()).toISOString();
      expect(sessions.map((s) => s.lastSeenAt)).toEqual([c!.createdAt, now, now]);
      expect(new Set(sessions.map((s) => s.id)).size).toBe(3);
      expect((await sessionsOf(hubot)).map((s) => [s.userAgent, s.current])).toEqual([['browser H', true]]);
    });

    it('names sessions by a handle that is not the cookie value', async () => {
      const { a, b, c } = await signInAll();
      const res = await list(a);
      const sessions = (res.json() as SessionsResponse).sessions;
      for (const browser of [a, b, c]) {
        for (const name of ['sid', 'sid.sig']) {
          const value = (await browser.cookie(stack.url, name)) ?? '';
          expect(value).not.toBe('');
          expect(res.text).not.toContain(value);
        }
      }
      for (const { id } of sessions) expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it("never shows or ends another user's session, even when the store files it under mine", async () => {
      const { a, hubot } = await signInAll();
      const hubotHandle = await handleOf(hubot);
      const monaId = ((await getMe(a, stack)).json() as MeResponse).id;
      expect(await fileSessionUnder(stack, hubotHandle, monaId)).toBe(1);
      const ids = (await sessionsOf(a)).map((s) => s.id);
      expect(ids).toHaveLength(3);
      expect(ids).not.toContain(hubotHandle);
      expect((await end(a, hubotHandle)).status).toBe(404);
      expect((await endOthers(a)).status).toBe(204);
      expect(await meStatus(hubot)).toBe(200);
    });

    it('signed out is 401', async () => {
      const res = await list(new TestBrowser());
      expect([res.status, res.json()]).toEqual([401, { error: 'unauthenticated' }]);
    });
  });

  describe('DELETE /api/sessions/:id', () => {
    it('ends another session of mine at once, and the list shrinks', async () => {
      const { a, b, c } = await signInAll();
      const res = await end(a, await handleOf(b));
      expect(res.status).toBe(204);
      expect(await meStatus(b)).toBe(401);
      expect([await meStatus(a), await meStatus(c)]).toEqual([200, 200]);
      expect((await sessionsOf(a)).map((s) => s.userAgent)).toEqual(['browser C', 'browser A']);
    });

    it("is 404 for another user's session and ends nothing", async () => {
      const { a, hubot } = await signInAll();
      const res = await end(a, await handleOf(hubot));
      expect([res.status, res.json()]).toEqual([404, { error: 'not_found' }]);
      expect(await meStatus(hubot)).toBe(200);
      expect(await sessionsOf(hubot)).toHaveLength(1);
    });

    it('ending the current session signs this browser out and clears its cookie', async () => {
      const { a, b } = await signInAll();
      const res = await end(a, await handleOf(a));
      expect(res.status).toBe(204);
      expect(res.headers.getSetCookie().find((h) => h.startsWith('sid='))).toMatch(/expires=Thu, 01 Jan 1970/i);
      expect(await meStatus(a)).toBe(401);
      expect((await sessionsOf(b)).map((s) => s.userAgent)).toEqual(['browser C', 'browser B']);
    });

    it.each([
      ['too short', 'abc'],
      ['too long', 'a'.repeat(44)],
      ['not base64url', `${'a'.repeat(42)}%2B`],
    ])('is 400 for an id that is %s', async (_name, id) => {
      const { a, b } = await signInAll();
      const res = await end(a, id);
      expect([res.status, res.json()]).toEqual([400, { error: 'bad_request' }]);
      expect(await meStatus(b)).toBe(200);
    });

    it('without X-CSRF is 403 and ends nothing', async () => {
      const { a, b } = await signInAll();
      const res = await end(a, await handleOf(b), {});
      expect([res.status, res.json()]).toEqual([403, { error: 'csrf_header_missing' }]);
      expect(await meStatus(b)).toBe(200);
    });

    it('signed out is 401', async () => {
      const { b } = await signInAll();
      expect((await end(new TestBrowser(), await handleOf(b))).status).toBe(401);
      expect(await meStatus(b)).toBe(200);
    });
  });

  describe('POST /api/sessions/sign-out-others', () => {
    it("ends every other session of mine, keeps this one and other users' sessions", async () => {
      const { a, b, c, hubot } = await signInAll();
      expect((await endOthers(b)).status).toBe(204);
      expect(await Promise.all([a, b, c, hubot].map(meStatus))).toEqual([401, 200, 401, 200]);
      expect((await sessionsOf(b)).map((s) => [s.userAgent, s.current])).toEqual([['browser B', true]]);
    });

    it('without X-CSRF is 403 and ends nothing', async () => {
      const { a, b, c } = await signInAll();
      const res = await endOthers(b, {});
      expect(res.status).toBe(403);
      expect(await Promise.all([a, b, c].map(meStatus))).toEqual([200, 200, 200]);
    });

    it('signed out is 401', async () => {
      expect((await endOthers(new TestBrowser())).status).toBe(401);
    });
  });
});
