import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STUB_DEFAULTS } from '@github-bff/github-stub';
import { rawGet } from '../support/raw-get.ts';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.stub.reset());

const RECENT = '/api/github/user/repos?sort=updated&per_page=5';

async function signedIn(): Promise<TestBrowser> {
  const browser = new TestBrowser();
  await signIn(browser, stack);
  expect((await getMe(browser, stack)).status).toBe(200);
  return browser;
}

/** What the stand-in's API received from here on (sign-in calls excluded). */
function apiCallsAfter(): () => string[] {
  const from = stack.stub.calls.length;
  return () => stack.stub.calls.slice(from).map((c) => `${c.method} ${c.path}`);
}

describe('GET /api/github/<path>', () => {
  it('relays an allowed path: the stand-in’s repos, newest first, with only the safe query keys', async () => {
    const browser = await signedIn();
    const calls = apiCallsAfter();
    const res = await browser.get(`${stack.url}${RECENT}&access_token=x&callback=y`, API_HEADERS);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const repos = res.json() as { name: string; private: boolean }[];
    // The default scopes have no `repo`, so the stand-in hides the private one.
    expect(repos.map((r) => r.name)).toEqual(['dotfiles', 'hello-world', 'spoon-knife']);
    expect(calls()).toEqual(['GET /api/v3/user/repos']);
    expect(stack.stub.calls.at(-1)?.query).toEqual({ sort: 'updated', per_page: '5' });
  });

  it('passes ETag through and answers the browser’s If-None-Match with GitHub’s 304, revalidatable but never shared', async () => {
    const browser = await signedIn();
    const first = await browser.get(`${stack.url}${RECENT}`, API_HEADERS);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    // A copy kept for this session must not answer for the next one (sign-out, another user).
    expect(first.headers.get('vary')).toMatch(/\bCookie\b/i);
    const second = await browser.get(`${stack.url}${RECENT}`, { ...API_HEADERS, 'If-None-Match': etag });
    expect(second.status).toBe(304);
    expect(second.text).toBe('');
    expect(second.headers.get('etag')).toBe(etag);
    expect(second.headers.get('cache-control')).toBe('private, no-cache');
    expect(second.headers.get('vary')).toMatch(/\bCookie\b/i);
    // GitHub does not count a 304 against the limit: the stand-in refunded it, and the browser sees that.
    expect(second.headers.get('x-ratelimit-remaining')).toBe(first.headers.get('x-ratelimit-remaining'));
  });

  it('passes the rate-limit headers through', async () => {
    const res = await (await signedIn()).get(`${stack.url}/api/github/user`, API_HEADERS);
    expect(res.status).toBe(200);
    expect((res.json() as { login: string }).login).toBe('mona');
    expect(res.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeLessThan(5000);
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(res.headers.get('x-ratelimit-used')).toMatch(/^\d+$/);
    expect(res.headers.get('x-ratelimit-resource')).toBe('core');
  });

  it('passes GitHub’s own 404 and 422 through with GitHub’s body', async () => {
    const browser = await signedIn();
    const missing = await browser.get(`${stack.url}/api/github/repos/mona/no-such-repo`, API_HEADERS);
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ message: 'Not Found' });
    expect(missing.headers.get('cache-control')).toBe('no-store');
    const invalid = await browser.get(`${stack.url}/api/github/user/repos?sort=bogus`, API_HEADERS);
    expect(invalid.status).toBe(422);
    expect(invalid.json()).toMatchObject({ message: 'Validation Failed' });
  });

  it('answers HEAD without a body', async () => {
    const browser = await signedIn();
    const res = await browser.request(`${stack.url}/api/github/user`, { method: 'HEAD', headers: API_HEADERS });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });

  it('never shows the browser a token, an Authorization or an X-OAuth-Scopes header', async () => {
    const browser = await signedIn();
    for (const path of ['/user', '/user/repos', '/user/orgs', '/repos/mona/nope', '/user/emails']) {
      const res = await browser.get(`${stack.url}/api/github${path}`, API_HEADERS);
      for (const name of ['authorization', 'x-oauth-scopes', 'x-accepted-oauth-scopes', 'x-github-media-type']) {
        expect({ path, name, value: res.headers.get(name) }).toEqual({ path, name, value: null });
      }
    }
    const seen = await browser.everythingSeen();
    expect(stack.stub.issuedTokens().length).toBeGreaterThan(0);
    for (const token of stack.stub.issuedTokens()) expect(seen).not.toContain(token);
  });
});

describe('/api/github refusals: GitHub is not called', () => {
  it.each(['/user/emails', `/applications/${STUB_DEFAULTS.clientId}/token`, '/repos/mona/hello-world/collaborators'])(
    'a path off the allowlist (%s) is 403 github_path_not_allowed',
    async (path) => {
      const browser = await signedIn();
      const calls = apiCallsAfter();
      const res = await browser.get(`${stack.url}/api/github${path}`, API_HEADERS);
      expect(res.status).toBe(403);
      expect(res.json()).toEqual({ error: 'github_path_not_allowed' });
      expect(calls()).toEqual([]);
    },
  );

  it.each([
    '/api/github/user/../user/emails',
    '/api/github/user/%2e%2e/user/emails',
    '/api/github/user/.%2E/orgs/x',
    '/api/github/user%2Frepos',
    '/api/github/repos/mona%2fhello-world/issues',
    '/api/github//user',
    '/api/github',
    '/api/github/',
    '/api/github/user\\repos',
    '/api/github/user/%E0%A4%A',
  ])('a traversal, ambiguous or empty path (%s) is 400 bad_request', async (path) => {
    const browser = await signedIn();
    const calls = apiCallsAfter();
    const cookie = await browser.jar.getCookieString(stack.url);
    const res = await rawGet(stack.url, path, { ...API_HEADERS, Cookie: cookie });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: 'bad_request' });
    expect(calls()).toEqual([]);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('%s is 405 method_not_allowed, body and all', async (method) => {
    const browser = await signedIn();
    const calls = apiCallsAfter();
    const res = await browser.request(`${stack.url}/api/github/user/repos`, {
      method,
      headers: { ...API_HEADERS, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'created-through-the-bff' }),
    });
    expect(res.status).toBe(405);
    expect(res.json()).toEqual({ error: 'method_not_allowed' });
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(calls()).toEqual([]);
  });

  it('without X-CSRF is 403, even when signed in', async () => {
    const browser = await signedIn();
    const calls = apiCallsAfter();
    const res = await browser.get(`${stack.url}${RECENT}`);
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({ error: 'csrf_header_missing' });
    expect(calls()).toEqual([]);
  });

  it('signed out is 401 unauthenticated', async () => {
    const calls = apiCallsAfter();
    const res = await new TestBrowser().get(`${stack.url}${RECENT}`, API_HEADERS);
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ error: 'unauthenticated' });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(calls()).toEqual([]);
  });
});
