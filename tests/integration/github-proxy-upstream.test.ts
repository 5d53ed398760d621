import { startGitHubStub, type GitHubStub } from '@github-bff/github-stub';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApiRelay, type ApiRelay } from '../support/api-relay.ts';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';

// The BFF talks to the stand-in through a relay, which passes everything on untouched unless a
// test asks it to add what the stand-in does not send itself (Link headers, huge or odd answers).
let stub: GitHubStub;
let relay: ApiRelay;
let stack: Stack;
beforeAll(async () => {
  stub = await startGitHubStub();
  relay = await startApiRelay(stub.url);
  stack = await startStack({ stub, env: { GITHUB_API_URL: relay.apiUrl } });
});
afterAll(async () => {
  await stack.close();
  await relay.close();
  await stub.close();
});
beforeEach(() => {
  stub.reset();
  relay.tweak = () => undefined;
});

const RECENT = '/api/github/user/repos?sort=updated&per_page=5';

async function signedIn(): Promise<TestBrowser> {
  const browser = new TestBrowser();
  await signIn(browser, stack);
  expect((await getMe(browser, stack)).status).toBe(200);
  return browser;
}

describe('/api/github when GitHub fails', () => {
  it('a token revoked on GitHub is 401 and ends the session: /api/me is 401 too', async () => {
    const browser = await signedIn();
    const token = stub.issuedTokens().at(-1) ?? '';
    stub.revokeToken(token);
    const res = await browser.get(`${stack.url}${RECENT}`, API_HEADERS);
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ error: 'unauthenticated' });
    expect(stub.calls.at(-1)?.path).toBe('/api/v3/user/repos');
    expect((await getMe(browser, stack)).status).toBe(401);
  });

  it.each([
    ['primary', '0'],
    ['secondary', null],
  ] as const)(
    'a %s rate limit is 503 github_rate_limited with Retry-After; the session goes on',
    async (mode, remaining) => {
      const browser = await signedIn();
      stub.setRateLimited('mona', mode);
      const res = await browser.get(`${stack.url}${RECENT}`, API_HEADERS);
      expect(res.status).toBe(503);
      expect(res.json()).toEqual({ error: 'github_rate_limited' });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(3601);
      if (remaining !== null) expect(res.headers.get('x-ratelimit-remaining')).toBe(remaining);
      expect(res.headers.get('cache-control')).toBe('no-store');
      stub.setRateLimited('mona', false);
      expect((await getMe(browser, stack)).status).toBe(200);
      expect((await browser.get(`${stack.url}${RECENT}`, API_HEADERS)).status).toBe(200);
    },
  );

  it.each([
    ['a 500', { status: 500 }],
    ['a 503', { status: 503 }],
    ['an unreadable body', { malformed: true }],
    ['no answer within the timeout', { hang: true }],
  ] as const)('%s is 502 github_unavailable; the session goes on', async (_name, failure) => {
    const browser = await signedIn();
    stub.failNext('repos', failure);
    const res = await browser.get(`${stack.url}${RECENT}`, API_HEADERS);
    expect(res.status).toBe(502);
    expect(res.json()).toEqual({ error: 'github_unavailable' });
    expect((await getMe(browser, stack)).status).toBe(200);
  });

  it('a redirect is 502: it is not followed, and its Location never reaches the browser', async () => {
    const browser = await signedIn();
    relay.tweak = () => ({ status: 301, headers: { Location: 'https://evil.example/x' }, body: '{}' });
    const res = await browser.get(`${stack.url}/api/github/repos/mona/old-name`, API_HEADERS);
    expect(res.status).toBe(502);
    expect(res.headers.get('location')).toBeNull();
  });

  it.each([
    ['with a Content-Length', false],
    ['chunked, its size unknown until read', true],
  ])(
    'a 40 MB answer %s is cut off at about 5 MB: 502, and the BFF stops reading (connection closed)',
    async (_name, chunked) => {
      const browser = await signedIn();
      relay.tweak = (url) =>
        url.pathname.endsWith('/user/orgs') ? { streamBytes: 40 * 1024 * 1024, chunked } : undefined;
      const res = await browser.get(`${stack.url}/api/github/user/orgs`, API_HEADERS);
      expect(res.status).toBe(502);
      expect(res.json()).toEqual({ error: 'github_unavailable' });
      const streamed = await relay.streamed.at(-1);
      expect(streamed?.cutOff).toBe(true);
      // The limit, plus what the kernel's socket buffers took before the BFF hung up.
      expect(streamed?.written).toBeLessThan(16 * 1024 * 1024);
      expect((await getMe(browser, stack)).status).toBe(200);
    },
  );

  it('an answer over 5 MB is 502, not relayed', async () => {
    const browser = await signedIn();
    relay.tweak = () => ({ body: JSON.stringify(['x'.repeat(5 * 1024 * 1024)]) });
    const res = await browser.get(`${stack.url}/api/github/user/orgs`, API_HEADERS);
    expect(res.status).toBe(502);
    expect(res.json()).toEqual({ error: 'github_unavailable' });
  });

  it('drops Set-Cookie and any other header GitHub (or a proxy in front of it) adds', async () => {
    const browser = await signedIn();
    relay.tweak = () => ({ headers: { 'Set-Cookie': 'sid=planted; Path=/', 'X-Debug-Token': 'gho_x' } });
    const res = await browser.get(`${stack.url}/api/github/user`, API_HEADERS);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().filter((c) => c.includes('planted'))).toEqual([]);
    expect(res.headers.get('x-debug-token')).toBeNull();
  });
});

describe('/api/github pagination', () => {
  it('rewrites Link to same-origin /api/github URLs, drops links it would refuse, and the next page works', async () => {
    const browser = await signedIn();
    // What GitHub sends on page 1 of 2: absolute links on the API host.
    relay.tweak = (url) => {
      if (url.pathname !== '/api/v3/user/repos' || url.searchParams.get('page') !== null) return undefined;
      const next = `${relay.apiUrl}/user/repos?sort=updated&per_page=2&page=2`;
      return {
        headers: {
          Link: `<${next}>; rel="next", <${relay.apiUrl}/user/emails?page=2>; rel="last", <https://evil.example/user/repos?page=2>; rel="prev"`,
        },
      };
    };
    const first = await browser.get(`${stack.url}/api/github/user/repos?sort=updated&per_page=2`, API_HEADERS);
    expect(first.status).toBe(200);
    const link = first.headers.get('link');
    expect(link).toBe('</api/github/user/repos?sort=updated&per_page=2&page=2>; rel="next"');
    const next = /<([^>]+)>/.exec(link ?? '')?.[1] ?? '';
    const second = await browser.get(new URL(next, stack.url).href, API_HEADERS);
    expect(second.status).toBe(200);
    expect((second.json() as { name: string }[]).map((r) => r.name)).toEqual(['spoon-knife']);
    expect(second.headers.get('link')).toBeNull();
  });
});
