import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import { callApi, CALLBACK, signInToken } from './test-helpers.ts';

let stub: GitHubStub;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
});
afterEach(() => stub.close());

describe('rate limits', () => {
  it('primary: every call is 403 with remaining 0 and a reset time', async () => {
    const token = await signInToken(stub, { login: 'hubot', scope: 'user read:org' });
    stub.setRateLimited('hubot', 'primary');
    for (const path of ['/user', '/user/emails', '/user/memberships/orgs/acme']) {
      const response = await callApi(stub, path, token);
      expect(response.status).toBe(403);
      expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      expect(await response.json()).toMatchObject({ message: 'API rate limit exceeded for user ID 1002.' });
    }
  });

  it('only limits the chosen user', async () => {
    const mona = await signInToken(stub, { login: 'mona' });
    stub.setRateLimited('hubot', 'primary');
    expect((await callApi(stub, '/user', mona)).status).toBe(200);
  });

  it('secondary: 429 with Retry-After', async () => {
    const token = await signInToken(stub);
    stub.setRateLimited('mona', 'secondary');
    const response = await callApi(stub, '/user', token);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(((await response.json()) as { message: string }).message).toContain('secondary rate limit');
  });

  it('lifting the limit lets calls through with a fresh window', async () => {
    const token = await signInToken(stub);
    stub.setRateLimited('mona', 'primary');
    expect((await callApi(stub, '/user', token)).status).toBe(403);
    stub.setRateLimited('mona', false);
    const response = await callApi(stub, '/user', token);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('4999');
  });
});

describe('the hourly budget (rateLimitPerHour)', () => {
  let clock = 1_700_000_000_000;
  let small: GitHubStub;
  beforeEach(async () => {
    clock = 1_700_000_000_000;
    small = await startGitHubStub({ callbackUrl: CALLBACK, rateLimitPerHour: 3, now: () => clock });
  });
  afterEach(() => small.close());

  it('counts down per user and answers 403 with remaining 0 once spent', async () => {
    const token = await signInToken(small, { login: 'hubot' });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await callApi(small, '/user', token);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBe('3');
      remaining.push(response.headers.get('x-ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const spent = await callApi(small, '/user/emails', token);
    expect(spent.status).toBe(403);
    expect(spent.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(spent.headers.get('x-ratelimit-used')).toBe('3');
    expect(spent.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(spent.headers.get('x-ratelimit-reset'))).toBe(Math.ceil((clock + 3600_000) / 1000));
    expect(await spent.json()).toEqual({
      message: 'API rate limit exceeded for user ID 1002.',
      documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
    });
    expect(small.rateLimitUsed('hubot')).toBe(3);
    // Another user has a budget of their own.
    expect((await callApi(small, '/user', await signInToken(small, { login: 'mona' }))).status).toBe(200);
  });

  it('starts a fresh window after the reset time', async () => {
    const token = await signInToken(small);
    for (let i = 0; i < 3; i += 1) await callApi(small, '/user', token);
    expect((await callApi(small, '/user', token)).status).toBe(403);
    clock += 3600_000;
    expect(small.rateLimitUsed('mona')).toBe(0);
    const fresh = await callApi(small, '/user', token);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('secondary mode still spends budget; primary mode reports it all used', async () => {
    const token = await signInToken(small);
    small.setRateLimited('mona', 'secondary');
    expect((await callApi(small, '/user', token)).status).toBe(429);
    expect(small.rateLimitUsed('mona')).toBe(1);
    small.setRateLimited('mona', 'primary');
    expect((await callApi(small, '/user', token)).status).toBe(403);
    expect(small.rateLimitUsed('mona')).toBe(3);
  });
});

describe('rateLimitUsed()', () => {
  it('is what the user spent: 0 at first, +1 per answer, nothing for a 304', async () => {
    const token = await signInToken(stub);
    expect(stub.rateLimitUsed('mona')).toBe(0);
    const first = await callApi(stub, '/user', token);
    await callApi(stub, '/user/repos', token);
    expect(stub.rateLimitUsed('MONA')).toBe(2);
    await callApi(stub, '/user', token, { headers: { 'If-None-Match': first.headers.get('etag') ?? '' } });
    expect(stub.rateLimitUsed('mona')).toBe(2);
    expect(stub.rateLimitUsed('hubot')).toBe(0);
  });

  it('an injected failure carries the user’s headers and spends nothing', async () => {
    const token = await signInToken(stub);
    await callApi(stub, '/user', token);
    stub.failNext('user', { status: 502 });
    const failed = await callApi(stub, '/user', token);
    expect(failed.status).toBe(502);
    expect(failed.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(failed.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(stub.rateLimitUsed('mona')).toBe(1);
  });

  it('GET /_stub/rate-limit?login= answers the same', async () => {
    const token = await signInToken(stub);
    await callApi(stub, '/user', token);
    const response = await fetch(`${stub.url}/_stub/rate-limit?login=mona`);
    expect(await response.json()).toEqual({ login: 'mona', limit: 5000, used: 1 });
    expect((await fetch(`${stub.url}/_stub/rate-limit`)).status).toBe(400);
  });

  it('rejects a rateLimitPerHour that is not a positive integer', async () => {
    await expect(startGitHubStub({ rateLimitPerHour: 0 })).rejects.toThrow(RangeError);
  });
});
