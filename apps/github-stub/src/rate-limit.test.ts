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
