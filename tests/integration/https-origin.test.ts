import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerGitHub } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';

/**
 * Behind a TLS-terminating proxy: PUBLIC_URL is https, while this hop is plain http. The cookie
 * must still be Secure with the __Host- prefix (and not a 500 from the cookies library), and
 * every response carries HSTS.
 */
describe('PUBLIC_URL on https', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { PUBLIC_URL: 'https://app.example.com', NODE_ENV: 'production' } });
  });
  afterAll(() => stack.close());

  it('sends HSTS on every response', async () => {
    const res = await fetch(`${stack.url}/api/meta`, { headers: { 'X-CSRF': '1' } });
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}; includeSubDomains/);
  });

  it('sets Secure __Host- cookies (sign-in and session), and the redirect_uri is the https one', async () => {
    const browser = new TestBrowser();
    const start = await browser.get(`${stack.url}/auth/login`);
    expect(start.status).toBe(302);
    expect(new URL(start.location).searchParams.get('redirect_uri')).toBe('https://app.example.com/auth/callback');
    const signInCookie = start.headers.getSetCookie().find((c) => c.startsWith('__Host-sign-in='));
    for (const attribute of [/;\s*secure/i, /;\s*path=\//i, /;\s*httponly/i, /;\s*samesite=lax/i]) {
      expect(signInCookie).toMatch(attribute);
    }
    expect(signInCookie).not.toMatch(/domain=/i);
    // The callback (sent here by hand: the jar will not send a Secure cookie over http).
    const back = new URL((await answerGitHub(browser, new URL(start.location))).location);
    const callback = await fetch(`${stack.url}/auth/callback${back.search}`, {
      redirect: 'manual',
      headers: { Cookie: signInCookie?.split(';')[0] ?? '' },
    });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/');
    const session = callback.headers.getSetCookie().find((c) => c.startsWith('__Host-sid='));
    expect(session).toMatch(/;\s*secure/i);
    expect(session).toMatch(/;\s*path=\//i);
    expect(session).not.toMatch(/domain=/i);
  });
});
