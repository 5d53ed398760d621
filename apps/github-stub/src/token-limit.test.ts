import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import {
  basicAuth,
  callApi,
  CALLBACK,
  CLIENT_ID,
  CLIENT_SECRET,
  postToken,
  signIn,
  signInToken,
} from './test-helpers.ts';

let stub: GitHubStub;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
});
afterEach(() => stub.close());

async function signInMany(target: GitHubStub, count: number, options: { login?: string; scope?: string } = {}) {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) tokens.push(await signInToken(target, options));
  return tokens;
}

describe('ten tokens per user/application/scope combination', () => {
  it('the 11th token revokes the oldest, with reason token_limit', async () => {
    const [oldest = '', second = '', ...rest] = await signInMany(stub, 11);
    expect((await callApi(stub, '/user', oldest)).status).toBe(401);
    for (const token of [second, ...rest]) expect((await callApi(stub, '/user', token)).status).toBe(200);
    expect(stub.revokedTokens()).toEqual([oldest]);
    expect(stub.revocationReason(oldest)).toBe('token_limit');
    expect(stub.revocations()).toEqual([{ token: oldest, reason: 'token_limit', time: expect.any(Number) }]);
    await signInToken(stub);
    expect(stub.revokedTokens()).toEqual([oldest, second]);
  });

  it('counts per user and per scope set (in any order); a revoked token frees a place', async () => {
    await signInMany(stub, 5, { scope: 'read:user user:email' });
    await signInMany(stub, 5, { scope: 'user:email read:user' });
    await signInMany(stub, 10, { scope: 'read:user' });
    await signInMany(stub, 10, { login: 'hubot', scope: 'read:user user:email' });
    expect(stub.revokedTokens()).toEqual([]);
    const [first = ''] = await signInMany(stub, 1, { scope: 'repo' });
    const app = await fetch(`${stub.apiUrl}/applications/${CLIENT_ID}/token`, {
      method: 'DELETE',
      headers: { Authorization: basicAuth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ access_token: first }),
    });
    expect(app.status).toBe(204);
    await signInMany(stub, 10, { scope: 'repo' });
    expect(stub.revocations().map((r) => r.reason)).toEqual(['token_deleted']);
    await signInMany(stub, 1, { scope: 'read:user user:email' });
    expect(stub.revocations().map((r) => r.reason)).toEqual(['token_deleted', 'token_limit']);
  });

  it('honours the tokenLimit option, and false for no limit', async () => {
    const two = await startGitHubStub({ tokenLimit: 2 });
    const none = await startGitHubStub({ tokenLimit: false });
    try {
      const tokens = await signInMany(two, 3);
      expect(two.revokedTokens()).toEqual([tokens[0]]);
      await signInMany(none, 25);
      expect(none.revokedTokens()).toEqual([]);
      await expect(startGitHubStub({ tokenLimit: 0 })).rejects.toThrow(RangeError);
    } finally {
      await Promise.all([two.close(), none.close()]);
    }
  });
});

describe('the limit in expiring-token mode', () => {
  function refresh(target: GitHubStub, token: unknown) {
    return postToken(target, {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      grant_type: 'refresh_token',
      refresh_token: String(token),
    });
  }

  it('refreshes replace a pair and never count; an 11th sign-in revokes the oldest pair', async () => {
    stub.setExpiringTokens(true);
    let tokens = await signIn(stub);
    for (let i = 0; i < 15; i += 1) tokens = (await refresh(stub, tokens.refresh_token)).json;
    expect((await callApi(stub, '/user', String(tokens.access_token))).status).toBe(200);
    expect(stub.revokedTokens()).toEqual([]);
    for (let i = 0; i < 10; i += 1) await signIn(stub);
    expect((await callApi(stub, '/user', String(tokens.access_token))).status).toBe(401);
    expect(stub.revokedTokens()).toEqual([tokens.access_token, tokens.refresh_token]);
    expect(stub.revocationReason(String(tokens.refresh_token))).toBe('token_limit');
    expect((await refresh(stub, tokens.refresh_token)).json.error).toBe('bad_refresh_token');
  });
});

describe('revocation reasons', () => {
  it('user (revokeToken), grant_deleted (DELETE grant), listed by GET /_stub/revocations', async () => {
    const mona = await signInToken(stub);
    const hubot = await signInToken(stub, { login: 'hubot' });
    stub.revokeToken(mona);
    const grant = await fetch(`${stub.apiUrl}/applications/${CLIENT_ID}/grant`, {
      method: 'DELETE',
      headers: { Authorization: basicAuth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ access_token: hubot }),
    });
    expect(grant.status).toBe(204);
    const listed = (await (await fetch(`${stub.url}/_stub/revocations`)).json()) as { token: string; reason: string }[];
    expect(listed.map(({ token, reason }) => [token, reason])).toEqual([
      [mona, 'user'],
      [hubot, 'grant_deleted'],
    ]);
    expect(stub.revocationReason('gho_unknown')).toBeUndefined();
  });
});

describe('tokenLength', () => {
  it('issues tokens of that whole length that the API accepts', async () => {
    const long = await startGitHubStub({ tokenLength: 520, expiringTokens: true });
    try {
      const tokens = await signIn(long);
      expect(String(tokens.access_token)).toMatch(/^ghu_[A-Za-z0-9]{516}$/);
      expect(String(tokens.refresh_token)).toMatch(/^ghr_[A-Za-z0-9]{516}$/);
      expect((await callApi(long, '/user', String(tokens.access_token))).status).toBe(200);
      long.setExpiringTokens(false);
      expect(String((await signIn(long)).access_token)).toMatch(/^gho_[A-Za-z0-9]{516}$/);
    } finally {
      await long.close();
    }
  });

  it('keeps GitHub’s lengths by default and rejects silly values', async () => {
    expect(await signInToken(stub)).toHaveLength(40);
    await expect(startGitHubStub({ tokenLength: 4 })).rejects.toThrow(RangeError);
  });
});
