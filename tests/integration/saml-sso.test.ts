import type { ErrorResponse } from '@github-bff/bff/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { describeEachStore } from '../support/stores.ts';
import { TestBrowser } from '../support/test-browser.ts';

/**
 * SAML SSO: `sam` is in `sso-corp`, which enforces SSO, and the stand-in's app is not authorized
 * for it. GitHub answers his membership call 403 with `X-GitHub-SSO: required; url=…`: that is
 * its own outcome, never "not a member".
 */
describeEachStore((store) => {
  let stack: Stack;
  afterEach(() => stack.close());
  const start = async (env: Record<string, string> = { GITHUB_ALLOWED_ORGS: 'sso-corp' }) => {
    stack = await startStack(store.stackOptions({ env }));
  };

  describe('GET /auth/callback', () => {
    it('lands on /?auth_error=sso_required with the org and GitHub’s authorization link', async () => {
      await start();
      const { callback } = await signIn(new TestBrowser(), stack, { login: 'sam' });
      expect(callback.status).toBe(302);
      const location = new URL(callback.location);
      expect(location.origin).toBe(stack.url);
      expect(location.pathname).toBe('/');
      expect(location.searchParams.get('auth_error')).toBe('sso_required');
      expect(location.searchParams.get('sso_org')).toBe('sso-corp');
      const ssoUrl = new URL(location.searchParams.get('sso_url') ?? '');
      expect(ssoUrl.origin).toBe(stack.stub.url);
      expect(ssoUrl.pathname).toBe('/orgs/sso-corp/sso');
      expect(ssoUrl.searchParams.get('authorization_request')).toMatch(/^[0-9a-f]{32}$/);
    });

    it('after authorizing on GitHub, the same user signs in', async () => {
      await start();
      stack.stub.authorizeSso('sam', 'sso-corp');
      const browser = new TestBrowser();
      const { callback } = await signIn(browser, stack, { login: 'sam' });
      expect(callback.location).toBe(`${stack.url}/`);
      expect((await getMe(browser, stack)).status).toBe(200);
    });

    it('another allowed org admits the user: SSO elsewhere does not matter', async () => {
      await start({ GITHUB_ALLOWED_ORGS: 'sso-corp,acme' });
      const browser = new TestBrowser();
      const { callback } = await signIn(browser, stack, { login: 'sam' });
      expect(callback.location).toBe(`${stack.url}/`);
    });

    it('a team in the SSO org: sso_required too', async () => {
      await start({ GITHUB_ALLOWED_TEAMS: 'sso-corp/platform' });
      const { callback } = await signIn(new TestBrowser(), stack, { login: 'sam' });
      expect(new URL(callback.location).searchParams.get('auth_error')).toBe('sso_required');
    });

    it('someone who is not in the org at all is still not_allowed', async () => {
      await start();
      const { callback } = await signIn(new TestBrowser(), stack, { login: 'mona' });
      expect(new URL(callback.location).searchParams.get('auth_error')).toBe('not_allowed');
    });
  });

  describe('the periodic re-check', () => {
    it('a lapsed SSO authorization ends the session with sso_required and the link, not forbidden', async () => {
      await start();
      stack.stub.authorizeSso('sam', 'sso-corp');
      const browser = new TestBrowser();
      await signIn(browser, stack, { login: 'sam' });
      stack.stub.revokeSso('sam', 'sso-corp');
      stack.clock.advance(601_000);
      const ended = await getMe(browser, stack);
      expect(ended.status).toBe(401);
      const body = ended.json() as ErrorResponse;
      expect(body.error).toBe('sso_required');
      expect(body.sso?.org).toBe('sso-corp');
      expect(new URL(body.sso?.url ?? '').origin).toBe(stack.stub.url);
      // Ended on the server: the next request is a plain 401.
      expect((await getMe(browser, stack)).json()).toEqual({ error: 'unauthenticated' });
    });
  });
});
