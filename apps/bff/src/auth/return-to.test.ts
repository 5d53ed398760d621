import { describe, expect, it } from 'vitest';
import { sanitizeReturnTo } from './return-to.ts';

describe('sanitizeReturnTo', () => {
  it.each([
    ['/', '/'],
    ['/repos', '/repos'],
    ['/repos/a?tab=1#top', '/repos/a?tab=1#top'],
    ['/a/../b', '/b'],
    ['/caf%C3%A9?q=a%20b', '/caf%C3%A9?q=a%20b'],
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
    '/auth/login',
    '/auth/logout',
    '/' + 'a'.repeat(3000),
  ])('turns %j into /', (input) => {
    expect(sanitizeReturnTo(input)).toBe('/');
  });

  it('turns a repeated parameter (an array) and a missing one into /', () => {
    expect(sanitizeReturnTo(['/a', '/b'])).toBe('/');
    expect(sanitizeReturnTo(undefined)).toBe('/');
  });
});
