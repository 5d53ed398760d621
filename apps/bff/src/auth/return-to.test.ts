import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeReturnTo } from './return-to.ts';

const OURS = 'https://app.example';
const CALLBACK = `${OURS}/auth/callback?code=c&state=s`;

/** What a browser does with `Location: value` on our callback: where it ends up. */
function resolvedByBrowser(location: string): URL {
  return new URL(location, CALLBACK);
}

/** Every property the answer must have, whatever went in. */
function expectSafe(result: string): void {
  expect(result.startsWith('/')).toBe(true);
  expect(result.startsWith('//')).toBe(false);
  expect(result).not.toMatch(/\\/);
  const url = resolvedByBrowser(result);
  expect(url.origin).toBe(OURS);
  expect(decodeURIComponent(url.pathname).toLowerCase()).not.toMatch(/^\/auth(\/|$)/);
  expect(sanitizeReturnTo(result)).toBe(result);
}

describe('sanitizeReturnTo', () => {
  it.each([
    ['/', '/'],
    ['/repos', '/repos'],
    ['/repos/a?tab=1#top', '/repos/a?tab=1#top'],
    ['/a/../b', '/b'],
    ['/a/./b', '/a/b'],
    ['/caf%C3%A9?q=a%20b', '/caf%C3%A9?q=a%20b'],
    ['/authors', '/authors'],
    ['/x?next=//evil.example', '/x?next=//evil.example'],
  ])('keeps the same-origin path %j', (input, expected) => {
    expect(sanitizeReturnTo(input)).toBe(expected);
  });

  it.each([
    '//evil.com',
    '///evil.com',
    '/\\evil.com',
    '\\\\evil.com',
    '/\t/evil.com',
    '/\n/evil.com',
    '/a\u0000b',
    '/%2F%2Fevil.com',
    '/%2f/evil.com',
    '/%5Cevil.com',
    '/%0a/evil.com',
    '/%09/evil.com',
    '/%E0%A4%A',
    'https://evil.com',
    'http:evil.com',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'evil.com',
    '',
    ' /repos',
    '/' + 'a'.repeat(3000),
  ])('turns %j into /', (input) => {
    expect(sanitizeReturnTo(input)).toBe('/');
  });

  // The review's open redirect: URL normalisation removed the dot segment after the `//` check.
  it.each([
    '/.//evil.example/x',
    '/./%2F/evil.example/x',
    '/x/..//evil.example',
    '/%2e//evil.example',
    '/%2E//evil.example',
    '/..//evil.example',
    '/.///evil.example',
    '/a/b/../..//evil.example',
    '/%2e%2e//evil.example',
    '/.%2e//evil.example',
    '/x/%2e%2e/%2fevil.example',
    '/./\\evil.example',
    '/.%5c/evil.example',
  ])('does not let dot segments turn %j into a link off-site', (input) => {
    expect(sanitizeReturnTo(input)).toBe('/');
  });

  it.each([
    '/auth/login',
    '/auth/logout',
    '/auth',
    '/AUTH/login',
    '/Auth/Callback',
    '/%61uth/login',
    '/x/../auth/login',
    '/%2e%2e/auth/login',
    '/./auth/callback?code=x',
  ])('never returns into /auth/, however %j spells it', (input) => {
    expect(sanitizeReturnTo(input)).toBe('/');
  });

  it('turns a repeated parameter (an array) and a missing one into /', () => {
    expect(sanitizeReturnTo(['/a', '/b'])).toBe('/');
    expect(sanitizeReturnTo(undefined)).toBe('/');
  });

  describe('properties (fast-check)', () => {
    // Fragments that URL parsers and browsers treat specially, so random paths hit the edges.
    const tricky = fc.constantFrom(
      '/',
      '//',
      '\\',
      '.',
      '..',
      '%2e',
      '%2E',
      '%2f',
      '%2F',
      '%5c',
      '%5C',
      '%00',
      '%09',
      '%0a',
      '\t',
      '\n',
      '?',
      '#',
      '@',
      ':',
      'evil.example',
      'auth',
      'AUTH',
      '%61uth',
      'x',
      '%',
      '%25',
      'é',
      ' ',
      'javascript:',
    );
    const trickyPath = fc.array(tricky, { maxLength: 12 }).map((parts) => parts.join(''));

    it('gives a path that resolves onto our origin and sanitises to itself, for any string', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            fc.string({ unit: 'binary' }),
            trickyPath,
            trickyPath.map((p) => `/${p}`),
          ),
          (s) => expectSafe(sanitizeReturnTo(s)),
        ),
        { numRuns: 20_000 },
      );
    });

    it('keeps a plain same-origin path of safe segments as it is', () => {
      const segment = fc.stringMatching(/^[a-z0-9_-]{1,12}$/).filter((s) => s !== 'auth');
      fc.assert(
        fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
          const path = `/${segments.join('/')}`;
          expect(sanitizeReturnTo(path)).toBe(path);
        }),
      );
    });
  });
});
