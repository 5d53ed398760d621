import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { describeEachStore } from '../support/stores.ts';

describeEachStore((store) => {
  let stack: Stack;
  let signedIn: TestBrowser;
  beforeAll(async () => {
    stack = await startStack(store.stackOptions());
    signedIn = new TestBrowser();
    await signIn(signedIn, stack);
  });
  afterAll(() => stack.close());

  /** Sends a raw request line and headers, bypassing fetch's own validation. */
  function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    const url = new URL(stack.url);
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  describe('bad input gets a 4xx or the error page, never a 5xx', () => {
    it.each([
      ['invalid percent-encoding in the callback', '/auth/callback?code=%E0%A4%A&state=%'],
      ['repeated callback parameters', '/auth/callback?state=a&state=b&code=x&code=y'],
      ['array-style parameters', '/auth/callback?error=access_denied&error=other&state[]=x'],
      ['a 6 kB query string', '/auth/callback?' + 'x'.repeat(6000)],
      ['a lone % in returnTo', '/auth/login?returnTo=%'],
      ['a repeated returnTo', '/auth/login?returnTo=a&returnTo=b'],
      ['an encoded off-site returnTo', '/auth/login?returnTo=%2F%2Fevil.com%2F'],
      ['invalid percent-encoding in an /auth path', '/auth/%E0%A4%A'],
      ['invalid percent-encoding in an /api path', '/api/%E0%A4%A'],
      ['garbage /api/me query', '/api/me?%=%'],
    ])('%s', async (_name, path) => {
      const res = await rawGet(path, { 'X-CSRF': '1' });
      expect(res.status).toBeGreaterThanOrEqual(300);
      expect(res.status).toBeLessThan(500);
      expect(res.body).not.toMatch(/at .*\.ts:\d+|Error:/);
    });

    it('an oversized header is refused with 431', async () => {
      const res = await rawGet('/api/me', { ...API_HEADERS, 'X-Big': 'x'.repeat(20_000) });
      expect(res.status).toBe(431);
    });

    it('an oversized cookie is refused with 431 and a garbage cookie is simply no session', async () => {
      expect((await rawGet('/api/me', { ...API_HEADERS, Cookie: `sid=${'y'.repeat(20_000)}` })).status).toBe(431);
      const garbage = await rawGet('/api/me', { ...API_HEADERS, Cookie: 'sid=%%%; sid.sig=; ;;=; sid=' });
      expect(garbage.status).toBe(401);
    });

    it('an off-site returnTo in its many spellings ends on / after sign-in', async () => {
      for (const returnTo of [
        '//evil.com',
        '/\\evil.com',
        'https://evil.com',
        'javascript:alert(1)',
        '/%0a/evil.com',
        '/\t/evil.com',
      ]) {
        const browser = new TestBrowser();
        const { callback } = await signIn(browser, stack, { returnTo });
        expect(callback.headers.get('location'), returnTo).toBe('/');
      }
    });

    it('the server still answers afterwards, and the earlier session still works', async () => {
      const res = await getMe(signedIn, stack);
      expect(res.status).toBe(200);
    });
  });
});
