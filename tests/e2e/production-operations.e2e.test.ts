import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STUB_DEFAULTS } from '@github-bff/github-stub';
import { API_HEADERS, answerGitHub, signInAt } from '../support/sign-in.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { delay } from '../support/wait.ts';
import { stubControl } from './support/pages.ts';
import { startProduct, type RunningProduct } from './support/product.ts';

describe('the production server in operation', () => {
  let product: RunningProduct | undefined;
  afterEach(async () => {
    await product?.close();
    product = undefined;
  });

  it('logs one JSON line per request and never a token, cookie, code, state or secret', async () => {
    product = await startProduct('production');
    const browser = new TestBrowser();
    const { fromGitHub: back } = await signInAt(browser, product.url, { login: 'hubot', returnTo: '/x' });
    await browser.get(`${product.url}/api/me`, API_HEADERS);
    // A failing callback too: its code and state must not be logged either.
    await browser.get(`${back.location}&x=1`);
    await browser.post(`${product.url}/auth/logout`, API_HEADERS);
    await delay(300);

    // The first line says which GitHub and which API it talks to (Enterprise: derived /api/v3).
    expect(product.logs()).toMatch(/"githubApi":"http:\/\/localhost:\d+\/api\/v3".*"msg":"BFF listening/);
    const lines = product.logs().trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as { msg: string; path?: string; status?: number });
    const requests = entries.filter((e) => e.msg === 'request');
    expect(requests.map((e) => `${e.path} ${e.status}`)).toEqual(
      expect.arrayContaining(['/auth/login 302', '/auth/callback 302', '/api/me 200', '/auth/logout 204']),
    );
    // The five above plus the harness's readiness probe (/api/meta), each with its timing.
    expect(requests.length).toBe(6);
    for (const entry of requests) expect(entry).toMatchObject({ method: expect.any(String), ms: expect.any(Number) });

    const back1 = new URL(back.location);
    const secrets = [
      ...((await stubControl(product, 'issued')) as string[]),
      back1.searchParams.get('code') ?? '',
      back1.searchParams.get('state') ?? '',
      STUB_DEFAULTS.clientSecret,
      'e2e-production-secret-0123456789abcdefghij',
      ...(await browser.jar.getCookies(product.url)).map((c) => c.value),
      ...browser.responses.flatMap((r) => r.headers.getSetCookie().map((c) => c.split(';')[0]?.split('=')[1] ?? '')),
    ].filter((s) => s.length >= 8);
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const secret of secrets) expect(product.logs()).not.toContain(secret);
  });

  it('on SIGTERM finishes the request in flight, refuses new ones, closes the store and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bff-shutdown-'));
    const SESSION_DB_PATH = join(dir, 'sessions.db');
    product = await startProduct('production', { GITHUB_TIMEOUT_MS: '1500', SESSION_DB_PATH });
    const browser = new TestBrowser();
    await signInAt(browser, product.url, { returnTo: '/x' });
    const cookie = await browser.jar.getCookieString(product.url);

    // A callback that waits on a hanging GitHub: in flight when SIGTERM arrives.
    await stubControl(product, 'fail', { endpoint: 'token', failure: { hang: true } });
    const slow = new TestBrowser();
    const start = await slow.get(`${product.url}/auth/login`);
    const back = await answerGitHub(slow, new URL(start.location));
    const inFlight = slow.get(back.location);
    await delay(300);

    const exitCode = product.terminate();
    const finished = await inFlight;
    expect(finished.status).toBe(302);
    expect(finished.headers.get('location')).toBe('/?auth_error=github_unavailable');
    expect(await exitCode).toBe(0);
    await expect(fetch(`${product.url}/healthz`)).rejects.toThrow();

    expect(product.logs()).toMatch(/"msg":"shutting down"/);

    // The store was closed cleanly: the next process opens it and the session still works.
    const again = await startProduct('production', { SESSION_DB_PATH });
    try {
      const me = await fetch(`${again.url}/api/me`, { headers: { ...API_HEADERS, Cookie: cookie } });
      expect(me.status).toBe(200);
    } finally {
      await again.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
