import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import { callApi, CALLBACK, signInToken } from './test-helpers.ts';

let stub: GitHubStub;
let token: string;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
  token = await signInToken(stub, { login: 'sam', scope: 'read:org' });
});
afterEach(() => stub.close());

/** The SSO page URL from the 403's X-GitHub-SSO header. */
async function ssoUrl(): Promise<URL> {
  const response = await callApi(stub, '/user/memberships/orgs/sso-corp', token);
  const match = /^required; url=(\S+)$/.exec(response.headers.get('x-github-sso') ?? '');
  if (!match?.[1]) throw new Error('no X-GitHub-SSO required header');
  return new URL(match[1]);
}

function post(path: string, fields: Record<string, string>) {
  return fetch(`${stub.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

function requestOf(url: URL): string {
  return url.searchParams.get('authorization_request') ?? '';
}

describe('GET/POST /orgs/:org/sso', () => {
  it('the header URL leads to a page with an Authorize button; posting it authorizes', async () => {
    const url = await ssoUrl();
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('deny');
    const html = await page.text();
    expect(html).toContain('<h1>Single sign-on to sso-corp</h1>');
    expect(html).toContain('sam (Sam Saml)');
    expect(html).toContain('<form method="post" action="/orgs/sso-corp/sso">');
    expect(html).toContain(`name="authorization_request" value="${requestOf(url)}"`);
    expect(html).toContain('<button type="submit">Authorize</button>');
    expect(stub.isSsoAuthorized('sam', 'sso-corp')).toBe(false);

    const done = await post('/orgs/sso-corp/sso', { authorization_request: requestOf(url) });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('role="status"');
    expect(stub.isSsoAuthorized('sam', 'sso-corp')).toBe(true);
    expect((await callApi(stub, '/user/memberships/orgs/sso-corp', token)).status).toBe(200);
  });

  it('goes back to return_to on the callback origin or its own origin (303)', async () => {
    const request = requestOf(await ssoUrl());
    const back = `${new URL(CALLBACK).origin}/settings?sso=done`;
    const toApp = await post('/orgs/sso-corp/sso', { authorization_request: request, return_to: back });
    expect(toApp.status).toBe(303);
    expect(toApp.headers.get('location')).toBe(back);
    const toSelf = await post('/orgs/sso-corp/sso', {
      authorization_request: request,
      return_to: '/settings/applications',
    });
    expect(toSelf.headers.get('location')).toBe(`${stub.url}/settings/applications`);
  });

  it('refuses a return_to on another origin, on the page and on the post, and authorizes nothing', async () => {
    const url = await ssoUrl();
    for (const evil of ['https://evil.example/x', '//evil.example/x', 'javascript:alert(1)']) {
      url.searchParams.set('return_to', evil);
      expect((await fetch(url)).status).toBe(400);
      const posted = await post('/orgs/sso-corp/sso', { authorization_request: requestOf(url), return_to: evil });
      expect(posted.status).toBe(400);
      expect(posted.headers.get('location')).toBeNull();
    }
    expect(stub.isSsoAuthorized('sam', 'sso-corp')).toBe(false);
  });

  it('without an authorization request, lets a member of the org pick themself', async () => {
    const page = await fetch(`${stub.url}/orgs/sso-corp/sso`);
    const html = await page.text();
    expect(html).toContain('name="login" value="sam" checked');
    expect(html).not.toContain('value="mona"');
    expect((await post('/orgs/sso-corp/sso', { login: 'mona' })).status).toBe(400);
    expect((await post('/orgs/sso-corp/sso', { login: 'sam' })).status).toBe(200);
    expect(stub.isSsoAuthorized('sam', 'sso-corp')).toBe(true);
  });

  it('is 404 for an org without SSO, an unknown request or a request for another org', async () => {
    const request = requestOf(await ssoUrl());
    expect((await fetch(`${stub.url}/orgs/acme/sso`)).status).toBe(404);
    expect((await fetch(`${stub.url}/orgs/sso-corp/sso?authorization_request=nope`)).status).toBe(404);
    expect((await post('/orgs/sso-corp/sso', { authorization_request: 'nope' })).status).toBe(404);
    expect((await fetch(`${stub.url}/orgs/acme/sso?authorization_request=${request}`)).status).toBe(404);
    expect(stub.isSsoAuthorized('sam', 'sso-corp')).toBe(false);
  });
});
