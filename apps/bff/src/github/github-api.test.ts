import { describe, expect, it } from 'vitest';
import { BffError } from '../errors/index.ts';
import { rateLimitRetryAfter, throwUnlessOk } from './github-api.ts';

const NOW = 1_700_000_000_000;
const h = (headers: Record<string, string>) => new Headers(headers);

describe('rateLimitRetryAfter', () => {
  it('reads a secondary limit’s Retry-After, at least a second', () => {
    expect(rateLimitRetryAfter(403, h({ 'retry-after': '30' }), NOW)).toBe(30);
    expect(rateLimitRetryAfter(429, h({ 'retry-after': '0' }), NOW)).toBe(1);
    expect(rateLimitRetryAfter(429, h({ 'retry-after': '2.2' }), NOW)).toBe(3);
  });

  it('waits for X-RateLimit-Reset when the primary limit is spent', () => {
    expect(
      rateLimitRetryAfter(403, h({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 90) }), NOW),
    ).toBe(90);
    expect(
      rateLimitRetryAfter(403, h({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 5) }), NOW),
    ).toBe(1);
    expect(rateLimitRetryAfter(403, h({ 'x-ratelimit-remaining': '0' }), NOW)).toBe(60);
  });

  it('a 429 without either header still means wait (a minute); a plain 403 or any other status does not', () => {
    expect(rateLimitRetryAfter(429, h({}), NOW)).toBe(60);
    expect(rateLimitRetryAfter(403, h({ 'x-ratelimit-remaining': '12' }), NOW)).toBeUndefined();
    expect(rateLimitRetryAfter(500, h({ 'retry-after': '5' }), NOW)).toBeUndefined();
  });
});

describe('throwUnlessOk', () => {
  const failure = (status: number, headers: Record<string, string> = {}) => {
    try {
      throwUnlessOk({ status, headers: h(headers), body: null }, 'GET /x');
    } catch (err) {
      if (err instanceof BffError) return { code: err.code, retryAfter: err.retryAfterSeconds, detail: err.detail };
      throw err;
    }
    return undefined;
  };

  it.each([200, 201, 204, 299])('lets %i through', (status) => expect(failure(status)).toBeUndefined());

  it('maps each failure to what the BFF does about it', () => {
    expect(failure(401)).toMatchObject({ code: 'github_unauthorized', detail: 'GET /x: 401' });
    expect(failure(403, { 'retry-after': '7' })).toMatchObject({ code: 'github_rate_limited', retryAfter: 7 });
    expect(failure(403)).toMatchObject({ code: 'github_refused' });
    expect(failure(404)).toMatchObject({ code: 'github_refused' });
    expect(failure(500)).toMatchObject({ code: 'github_unavailable' });
    expect(failure(503)).toMatchObject({ code: 'github_unavailable' });
    expect(failure(302)).toMatchObject({ code: 'github_refused' });
  });
});
