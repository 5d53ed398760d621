import { describe, expect, it } from 'vitest';
import { DEFAULT_GITHUB_PROXY_ALLOW, parseAllowPatterns } from '../config/github-proxy-allow.ts';
import { encodeProxyPath, isPathAllowed, parseProxyPath, readProxyQuery } from './github-proxy-paths.ts';

const DEFAULT = parseAllowPatterns(DEFAULT_GITHUB_PROXY_ALLOW).patterns;
const allowed = (raw: string, patterns: readonly string[] = DEFAULT): boolean => {
  const segments = parseProxyPath(raw);
  return segments !== undefined && isPathAllowed(segments, patterns);
};

describe('parseProxyPath', () => {
  it('decodes each segment', () => {
    expect(parseProxyPath('/repos/mona/hello%20world')).toEqual(['repos', 'mona', 'hello world']);
  });

  it.each([
    ['/user/../orgs/x'],
    ['/user/./repos'],
    ['/user/%2e%2e/orgs/x'],
    ['/user/%2E%2E/orgs/x'],
    ['/user/.%2e/orgs/x'],
    ['/repos/mona%2Fhello/issues'],
    ['/repos/mona%2fhello'],
    ['/user//repos'],
    ['/user/repos/'],
    ['/'],
    [''],
    ['user'],
    ['/user\\repos'],
    ['/user/%5Crepos'],
    ['/user/%00'],
    ['/user/%0d%0aX-Injected:1'],
    ['/user/%E0%A4%A'],
    [`/${'a'.repeat(1100)}`],
  ])('refuses %s', (raw) => {
    expect(parseProxyPath(raw)).toBeUndefined();
  });
});

describe('isPathAllowed', () => {
  it.each(['/user', '/user/repos', '/repos/mona/hello-world', '/repos/mona/hello-world/issues', '/orgs/github/repos'])(
    'allows %s by default',
    (raw) => {
      expect(allowed(raw)).toBe(true);
    },
  );

  it.each([
    '/user/emails',
    '/user/repos/extra',
    '/repos/mona',
    '/repos/mona/hello/collaborators',
    '/repos/mona/hello/issues/1/comments',
    '/orgs/github',
    '/admin/users',
    '/USER/repos',
    '/applications/client/token',
  ])('refuses %s by default', (raw) => {
    expect(allowed(raw)).toBe(false);
  });

  it('matches * to exactly one segment', () => {
    expect(allowed('/a/x/c', ['/a/*/c'])).toBe(true);
    expect(allowed('/a/c', ['/a/*/c'])).toBe(false);
    expect(allowed('/a/x/y/c', ['/a/*/c'])).toBe(false);
  });

  it('matches a final ** to one or more segments, not to none', () => {
    expect(allowed('/repos/m/r/issues/1', ['/repos/*/*/**'])).toBe(true);
    expect(allowed('/repos/m/r/issues/1/comments', ['/repos/*/*/**'])).toBe(true);
    expect(allowed('/repos/m/r', ['/repos/*/*/**'])).toBe(false);
  });

  it('matches against the decoded path, so an encoded letter cannot sneak past a literal', () => {
    expect(allowed('/user/%72epos', ['/user/repos'])).toBe(true);
    expect(allowed('/user/%72epos', ['/user'])).toBe(false);
  });
});

describe('encodeProxyPath', () => {
  it('re-encodes segments, so GitHub sees the path that was matched', () => {
    expect(encodeProxyPath(['repos', 'mona', 'a b?c#d'])).toBe('/repos/mona/a%20b%3Fc%23d');
  });
});

describe('readProxyQuery', () => {
  it('keeps the paging and sorting keys and drops the rest', () => {
    const query = readProxyQuery('sort=updated&per_page=5&access_token=x&callback=y');
    expect(query?.safe.toString()).toBe('sort=updated&per_page=5');
    expect(query?.dropped).toEqual(['access_token', 'callback']);
  });

  it('refuses a repeated key and an overlong value', () => {
    expect(readProxyQuery('page=1&page=2')).toBeUndefined();
    expect(readProxyQuery(`since=${'9'.repeat(201)}`)).toBeUndefined();
  });

  it('re-encodes values it forwards', () => {
    expect(readProxyQuery('state=open%26x%3D1')?.safe.toString()).toBe('state=open%26x%3D1');
  });
});
