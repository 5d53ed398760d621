import type { ErrorResponse } from '@github-bff/bff/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newIdentityKey } from '../support/identity-keys.ts';
import { echo, startRecordingUpstream, type RecordingUpstream } from '../support/recording-upstream.ts';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
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

describe('partial results (X-GitHub-SSO: partial-results on list calls)', () => {
  let upstream: RecordingUpstream;
  let stack: Stack;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    upstream.handler = echo;
    stack = await startStack({
      env: {
        IDENTITY_SIGNING_KEYS: newIdentityKey(),
        API_UPSTREAMS: JSON.stringify([{ name: 'corp', target: upstream.url, access: { orgs: ['sso-corp'] } }]),
      },
    });
  });
  afterAll(async () => {
    await stack.close();
    await upstream.close();
  });

  it('an org GitHub withheld is unknown (403 sso_required), never "not a member" (forbidden)', async () => {
    const sam = new TestBrowser();
    await signIn(sam, stack, { login: 'sam' });
    const withheld = await sam.get(`${stack.url}/api/corp/x`, API_HEADERS);
    expect(withheld.status).toBe(403);
    expect(withheld.json()).toEqual({ error: 'sso_required' });
    expect(upstream.seen).toEqual([]);

    const mona = new TestBrowser();
    await signIn(mona, stack);
    expect((await mona.get(`${stack.url}/api/corp/x`, API_HEADERS)).json()).toEqual({ error: 'forbidden' });

    stack.stub.authorizeSso('sam', 'sso-corp');
    const authorized = new TestBrowser();
    await signIn(authorized, stack, { login: 'sam' });
    expect((await authorized.get(`${stack.url}/api/corp/x`, API_HEADERS)).status).toBe(200);
  });
});
