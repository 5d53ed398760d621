import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import {
  callApi,
  CALLBACK,
  CLIENT_ID,
  CLIENT_SECRET,
  exchangeCode,
  getCode,
  postToken,
  signIn,
} from './test-helpers.ts';

let stub: GitHubStub;
let clock = 1_700_000_000_000;
beforeEach(async () => {
  clock = 1_700_000_000_000;
  stub = await startGitHubStub({ callbackUrl: CALLBACK, expiringTokens: true, now: () => clock });
});
afterEach(() => stub.close());

function refresh(refreshToken: string, secret = CLIENT_SECRET) {
  return postToken(stub, {
    client_id: CLIENT_ID,
    client_secret: secret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
}

describe('expiring user tokens (GitHub App mode)', () => {
  it('issues ghu_ access and ghr_ refresh tokens with lifetimes', async () => {
    const tokens = await signIn(stub);
    expect(tokens).toEqual({
      access_token: expect.stringMatching(/^ghu_[A-Za-z0-9]{36}$/),
      token_type: 'bearer',
      scope: 'read:user,user:email,read:org',
      expires_in: 28800,
      refresh_token: expect.stringMatching(/^ghr_[A-Za-z0-9]+$/),
      refresh_token_expires_in: 15897600,
    });
    expect(stub.issuedTokens()).toEqual([tokens.access_token, tokens.refresh_token]);
  });

  it('rejects the access token once it has expired', async () => {
    const token = String((await signIn(stub)).access_token);
    clock += 28800 * 1000 - 1;
    expect((await callApi(stub, '/user', token)).status).toBe(200);
    clock += 1;
    const expired = await callApi(stub, '/user', token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
    });
  });

  it('honours accessTokenLifetimeSeconds', async () => {
    const short = await startGitHubStub({ expiringTokens: true, accessTokenLifetimeSeconds: 60 });
    try {
      const result = await exchangeCode(short, await getCode(short));
      expect(result.json.expires_in).toBe(60);
    } finally {
      await short.close();
    }
  });

  it('rotates on refresh: new pair works, old access and refresh tokens stop working', async () => {
    const first = await signIn(stub);
    const second = await refresh(String(first.refresh_token));
    expect(second.status).toBe(200);
    expect(second.json.access_token).toMatch(/^ghu_/);
    expect(second.json.refresh_token).toMatch(/^ghr_/);
    expect(second.json.access_token).not.toBe(first.access_token);
    expect((await callApi(stub, '/user', String(second.json.access_token))).status).toBe(200);
    expect((await callApi(stub, '/user', String(first.access_token))).status).toBe(401);

    const reused = await refresh(String(first.refresh_token));
    expect(reused.status).toBe(200);
    expect(reused.json.error).toBe('bad_refresh_token');
    expect(reused.json.access_token).toBeUndefined();
  });

  it('rejects unknown, access-token and expired refresh tokens with bad_refresh_token', async () => {
    const tokens = await signIn(stub);
    expect((await refresh('ghr_unknown')).json.error).toBe('bad_refresh_token');
    expect((await refresh(String(tokens.access_token))).json.error).toBe('bad_refresh_token');
    clock += 15897600 * 1000;
    expect((await refresh(String(tokens.refresh_token))).json.error).toBe('bad_refresh_token');
  });

  it('checks client credentials before the refresh token', async () => {
    const tokens = await signIn(stub);
    const result = await refresh(String(tokens.refresh_token), 'wrong');
    expect(result.json.error).toBe('incorrect_client_credentials');
    expect((await refresh(String(tokens.refresh_token))).json.access_token).toMatch(/^ghu_/);
  });

  it('setExpiringTokens(false) switches back to non-expiring gho_ tokens', async () => {
    stub.setExpiringTokens(false);
    const tokens = await signIn(stub);
    expect(tokens.access_token).toMatch(/^gho_/);
    expect(tokens).not.toHaveProperty('refresh_token');
    expect(tokens).not.toHaveProperty('expires_in');
  });
});
