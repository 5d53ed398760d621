import { describe, expect, it } from 'vitest';
import { ssoRequired, ssoWithheldOrgIds, trustedSsoUrl } from './github-sso.ts';

const GITHUB = 'https://github.com';

describe('trustedSsoUrl', () => {
  it("keeps GitHub's own SSO page", () => {
    const url = 'https://github.com/orgs/acme/sso?authorization_request=abc123';
    expect(trustedSsoUrl(url, GITHUB)).toBe(url);
  });

  it.each([
    'https://evil.example/orgs/acme/sso?authorization_request=x',
    'https://github.com.evil.example/orgs/acme/sso',
    'http://github.com/orgs/acme/sso',
    'https://user:pass@github.com/orgs/acme/sso',
    'https://github.com/login?return_to=https://evil.example',
    'https://github.com/orgs/acme/sso/../../../logout',
    'javascript:alert(1)',
    '//evil.example/orgs/acme/sso',
    'not a url',
  ])('refuses %s', (url) => {
    expect(trustedSsoUrl(url, GITHUB)).toBeNull();
  });

  it('follows GITHUB_URL (GitHub Enterprise Server)', () => {
    expect(trustedSsoUrl('https://ghe.example/orgs/a/sso', 'https://ghe.example')).toBe(
      'https://ghe.example/orgs/a/sso',
    );
    expect(trustedSsoUrl('https://github.com/orgs/a/sso', 'https://ghe.example')).toBeNull();
  });
});

describe('X-GitHub-SSO', () => {
  it('required: the org and the checked URL, or null for a URL elsewhere', () => {
    const ok = new Headers({
      'X-GitHub-SSO': 'required; url=https://github.com/orgs/acme/sso?authorization_request=1',
    });
    expect(ssoRequired(ok, 'acme', GITHUB)).toEqual({
      org: 'acme',
      url: 'https://github.com/orgs/acme/sso?authorization_request=1',
    });
    const evil = new Headers({ 'X-GitHub-SSO': 'required; url=https://evil.example/orgs/acme/sso' });
    expect(ssoRequired(evil, 'acme', GITHUB)).toEqual({ org: 'acme', url: null });
    expect(ssoRequired(new Headers(), 'acme', GITHUB)).toBeUndefined();
  });

  it('partial-results: the ids of the orgs left out', () => {
    expect(
      ssoWithheldOrgIds(new Headers({ 'X-GitHub-SSO': 'partial-results; organizations=21955855,20582480' })),
    ).toEqual([21955855, 20582480]);
    expect(ssoWithheldOrgIds(new Headers())).toEqual([]);
  });
});
