import { describe, expect, it } from 'vitest';
import { DEFAULT_GITHUB_PROXY_ALLOW, parseAllowPatterns } from './github-proxy-allow.ts';

const DEFAULT = parseAllowPatterns(DEFAULT_GITHUB_PROXY_ALLOW).patterns;

describe('parseAllowPatterns', () => {
  it('reads the default without problems', () => {
    expect(parseAllowPatterns(DEFAULT_GITHUB_PROXY_ALLOW).problems).toEqual([]);
    expect(DEFAULT).toContain('/user/repos');
  });

  it('trims patterns and skips empty ones', () => {
    expect(parseAllowPatterns(' /user , ,/orgs/*/repos ')).toEqual({
      patterns: ['/user', '/orgs/*/repos'],
      problems: [],
    });
  });

  it.each([
    ['user/repos', 'no leading slash'],
    ['/user//repos', 'an empty segment'],
    ['/repos/**/issues', '** before the end'],
    ['/repos/a*', 'a partial wildcard'],
    ['/repos/../admin', 'a dot segment'],
    ['/user?x=1', 'a query'],
  ])('names "%s" (%s) as a problem', (pattern) => {
    const { problems } = parseAllowPatterns(`/user,${pattern}`);
    expect(problems).toEqual([expect.stringContaining(`"${pattern}"`)]);
  });

  it('refuses an allowlist with no pattern at all', () => {
    expect(parseAllowPatterns(' , ').problems).toEqual([expect.stringMatching(/GITHUB_PROXY_ALLOW is empty/)]);
  });
});
