import { describe, expect, it } from 'vitest';
import { passedHeaders, rewriteLinkHeader } from './github-proxy-headers.ts';

const ALLOW = ['/user/repos', '/repos/*/*/issues'];

describe('rewriteLinkHeader', () => {
  it('rewrites api.github.com links to /api/github, keeping rel', () => {
    const link =
      '<https://api.github.com/user/repos?sort=updated&per_page=5&page=2>; rel="next", ' +
      '<https://api.github.com/user/repos?sort=updated&per_page=5&page=7>; rel="last"';
    expect(rewriteLinkHeader(link, 'https://api.github.com', ALLOW)).toBe(
      '</api/github/user/repos?sort=updated&per_page=5&page=2>; rel="next", ' +
        '</api/github/user/repos?sort=updated&per_page=5&page=7>; rel="last"',
    );
  });

  it('strips a GitHub Enterprise API base with a path', () => {
    const link = '<https://ghe.example/api/v3/repos/o/r/issues?page=2>; rel="next"';
    expect(rewriteLinkHeader(link, 'https://ghe.example/api/v3', ALLOW)).toBe(
      '</api/github/repos/o/r/issues?page=2>; rel="next"',
    );
  });

  it.each([
    ['another origin', '<https://evil.example/user/repos?page=2>; rel="next"'],
    ['http instead of https', '<http://api.github.com/user/repos?page=2>; rel="next"'],
    ['a path not on the allowlist', '<https://api.github.com/user/emails?page=2>; rel="next"'],
    ['a traversal', '<https://api.github.com/user/repos/%2e%2e/emails>; rel="next"'],
    ['a query key the proxy would drop', '<https://api.github.com/user/repos?page=2&q=x>; rel="next"'],
    ['no rel', '<https://api.github.com/user/repos?page=2>'],
    ['no URL', 'garbage'],
  ])('drops a link to %s', (_name, link) => {
    expect(rewriteLinkHeader(link, 'https://api.github.com', ALLOW)).toBeUndefined();
  });

  it('keeps the good links when one is dropped', () => {
    const link =
      '<https://api.github.com/user/emails?page=2>; rel="next", <https://api.github.com/user/repos?page=1>; rel="first"';
    expect(rewriteLinkHeader(link, 'https://api.github.com', ALLOW)).toBe(
      '</api/github/user/repos?page=1>; rel="first"',
    );
  });

  it('does not mistake an API base that is only a prefix of the path', () => {
    const link = '<https://ghe.example/api/v3evil/user/repos>; rel="next"';
    expect(rewriteLinkHeader(link, 'https://ghe.example/api/v3', ALLOW)).toBeUndefined();
  });
});

describe('passedHeaders', () => {
  it('passes validators, Retry-After and rate limits, and nothing else', () => {
    const upstream = new Headers({
      ETag: 'W/"abc"',
      'Last-Modified': 'Tue, 01 Jan 2030 00:00:00 GMT',
      'Retry-After': '30',
      'X-RateLimit-Limit': '5000',
      'X-RateLimit-Remaining': '4999',
      'X-RateLimit-Reset': '1893456000',
      'X-RateLimit-Used': '1',
      'X-RateLimit-Resource': 'core',
      'X-OAuth-Scopes': 'repo',
      'Set-Cookie': 'a=b',
      Authorization: 'Bearer gho_x',
      Link: '<https://api.github.com/user/repos?page=2>; rel="next"',
      'Content-Security-Policy': "default-src 'none'",
    });
    expect(passedHeaders(upstream)).toEqual({
      etag: 'W/"abc"',
      'last-modified': 'Tue, 01 Jan 2030 00:00:00 GMT',
      'retry-after': '30',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': '1893456000',
      'x-ratelimit-used': '1',
      'x-ratelimit-resource': 'core',
    });
  });
});
