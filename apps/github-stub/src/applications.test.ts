import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import { basicAuth, callApi, CALLBACK, CLIENT_ID, signInToken } from './test-helpers.ts';

let stub: GitHubStub;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
});
afterEach(() => stub.close());

function appCall(method: string, what: 'token' | 'grant', accessToken: string, auth = basicAuth()) {
  return fetch(`${stub.apiUrl}/applications/${CLIENT_ID}/${what}`, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ access_token: accessToken }),
  });
}

describe('DELETE /api/v3/applications/:client_id/token', () => {
  it('revokes the token: 204, then the API answers 401', async () => {
    const token = await signInToken(stub);
    const response = await appCall('DELETE', 'token', token);
    expect(response.status).toBe(204);
    expect((await callApi(stub, '/user', token)).status).toBe(401);
    expect(stub.revokedTokens()).toEqual([token]);
  });

  it('is 404 with bad Basic credentials, and the token keeps working', async () => {
    const token = await signInToken(stub);
    expect((await appCall('DELETE', 'token', token, basicAuth(CLIENT_ID, 'wrong'))).status).toBe(404);
    expect((await appCall('DELETE', 'token', token, `Bearer ${token}`)).status).toBe(404);
    expect((await callApi(stub, '/user', token)).status).toBe(200);
    expect(stub.revokedTokens()).toEqual([]);
  });

  it('is 404 for an unknown or already revoked token, 422 without one', async () => {
    const token = await signInToken(stub);
    expect((await appCall('DELETE', 'token', 'gho_unknown')).status).toBe(404);
    expect((await appCall('DELETE', 'token', token)).status).toBe(204);
    expect((await appCall('DELETE', 'token', token)).status).toBe(404);
    expect((await appCall('DELETE', 'token', '')).status).toBe(422);
  });
});

describe('DELETE /api/v3/applications/:client_id/grant', () => {
  it('revokes every token of that user for the app, and no one else', async () => {
    const first = await signInToken(stub, { login: 'mona' });
    const second = await signInToken(stub, { login: 'mona' });
    const other = await signInToken(stub, { login: 'hubot' });
    expect((await appCall('DELETE', 'grant', first)).status).toBe(204);
    expect((await callApi(stub, '/user', first)).status).toBe(401);
    expect((await callApi(stub, '/user', second)).status).toBe(401);
    expect((await callApi(stub, '/user', other)).status).toBe(200);
    expect(stub.revokedTokens().sort()).toEqual([first, second].sort());
  });
});

describe('POST /api/v3/applications/:client_id/token', () => {
  it('checks a token without echoing it', async () => {
    const token = await signInToken(stub, { login: 'hubot', scope: 'read:user' });
    const response = await appCall('POST', 'token', token);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(token);
    expect(JSON.parse(text)).toMatchObject({
      id: 1,
      token: '<redacted>',
      token_last_eight: token.slice(-8),
      scopes: ['read:user'],
      user: { id: 1002, login: 'hubot' },
    });
  });

  it('is 404 for a revoked token', async () => {
    const token = await signInToken(stub);
    stub.revokeToken(token);
    expect((await appCall('POST', 'token', token)).status).toBe(404);
  });
});

describe('revokeToken()', () => {
  it('acts like removing the app: every token of the user stops working', async () => {
    const first = await signInToken(stub);
    const second = await signInToken(stub);
    stub.revokeToken(first);
    expect((await callApi(stub, '/user', first)).status).toBe(401);
    expect((await callApi(stub, '/user', second)).status).toBe(401);
    expect(stub.revokedTokens()).toEqual([first, second]);
  });
});
