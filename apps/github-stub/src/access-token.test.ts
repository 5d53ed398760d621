import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import {
  CALLBACK,
  CLIENT_ID,
  CLIENT_SECRET,
  createPkcePair,
  exchangeCode,
  getCode,
  postToken,
} from './test-helpers.ts';

let stub: GitHubStub;
let clock = 1_700_000_000_000;
beforeEach(async () => {
  clock = 1_700_000_000_000;
  stub = await startGitHubStub({ callbackUrl: CALLBACK, now: () => clock });
});
afterEach(() => stub.close());

function expectOAuthError(result: { status: number; json: Record<string, unknown> }, error: string) {
  expect(result.status).toBe(200);
  expect(result.json.error).toBe(error);
  expect(result.json.error_description).toEqual(expect.any(String));
  expect(String(result.json.error_uri)).toMatch(/^https:\/\/docs\.github\.com\//);
  expect(result.json.access_token).toBeUndefined();
}

describe('POST /login/oauth/access_token', () => {
  it('exchanges a code for a gho_ token with comma-separated scopes (JSON when asked)', async () => {
    const result = await exchangeCode(stub, await getCode(stub, { scope: 'read:user user:email' }));
    expect(result.status).toBe(200);
    expect(result.type).toMatch(/^application\/json/);
    expect(result.json).toEqual({
      access_token: expect.stringMatching(/^gho_[A-Za-z0-9]{36}$/),
      token_type: 'bearer',
      scope: 'read:user,user:email',
    });
    expect(stub.issuedTokens()).toEqual([result.json.access_token]);
  });

  it('answers form-urlencoded when Accept does not ask for JSON', async () => {
    const code = await getCode(stub, { scope: 'repo' });
    const result = await postToken(stub, { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code }, '*/*');
    expect(result.type).toMatch(/^application\/x-www-form-urlencoded/);
    expect(result.json.access_token).toMatch(/^gho_/);
    expect(result.json.scope).toBe('repo');
  });

  it('accepts a JSON body', async () => {
    const code = await getCode(stub);
    const response = await fetch(`${stub.url}/login/oauth/access_token`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { access_token: string }).access_token).toMatch(/^gho_/);
  });

  it('reports wrong client credentials as HTTP 200 incorrect_client_credentials', async () => {
    const code = await getCode(stub);
    const result = await postToken(stub, { client_id: CLIENT_ID, client_secret: 'wrong', code });
    expectOAuthError(result, 'incorrect_client_credentials');
  });

  it('reports a different redirect_uri as HTTP 200 redirect_uri_mismatch', async () => {
    const result = await exchangeCode(stub, await getCode(stub), { redirect_uri: `${CALLBACK}/other` });
    expectOAuthError(result, 'redirect_uri_mismatch');
  });

  it('reports an unknown code as HTTP 200 bad_verification_code', async () => {
    expectOAuthError(await exchangeCode(stub, 'not-a-code'), 'bad_verification_code');
    expectOAuthError(
      await postToken(stub, { client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
      'bad_verification_code',
    );
  });

  it('accepts each code once', async () => {
    const code = await getCode(stub);
    expect((await exchangeCode(stub, code)).json.access_token).toMatch(/^gho_/);
    expectOAuthError(await exchangeCode(stub, code), 'bad_verification_code');
  });

  it('expires codes after 10 minutes', async () => {
    const fresh = await getCode(stub);
    const stale = await getCode(stub);
    clock += 10 * 60 * 1000 - 1;
    expect((await exchangeCode(stub, fresh)).json.access_token).toMatch(/^gho_/);
    clock += 1;
    expectOAuthError(await exchangeCode(stub, stale), 'bad_verification_code');
  });

  it('checks the PKCE code_verifier against the S256 challenge', async () => {
    const { verifier, challenge } = createPkcePair();
    const ok = await exchangeCode(stub, await getCode(stub, { challenge }), { code_verifier: verifier });
    expect(ok.json.access_token).toMatch(/^gho_/);

    const missing = await exchangeCode(stub, await getCode(stub, { challenge }));
    expectOAuthError(missing, 'bad_verification_code');
    expect(missing.json.error_description).toContain('code_verifier');

    const wrong = await exchangeCode(stub, await getCode(stub, { challenge }), {
      code_verifier: createPkcePair().verifier,
    });
    expectOAuthError(wrong, 'bad_verification_code');
    expect(wrong.json.error_description).toContain('code_verifier');
  });

  it('spends the code on a failed PKCE attempt', async () => {
    const { verifier, challenge } = createPkcePair();
    const code = await getCode(stub, { challenge });
    await exchangeCode(stub, code, { code_verifier: 'wrong' });
    expectOAuthError(await exchangeCode(stub, code, { code_verifier: verifier }), 'bad_verification_code');
  });

  it('reports an unknown grant_type', async () => {
    const result = await postToken(stub, {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      grant_type: 'password',
    });
    expectOAuthError(result, 'unsupported_grant_type');
  });

  it('answers garbage bodies with 4xx', async () => {
    const post = (type: string, body: string) =>
      fetch(`${stub.url}/login/oauth/access_token`, {
        method: 'POST',
        headers: { 'Content-Type': type },
        body,
      });
    const badJson = await post('application/json', '{not json');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ message: 'Problems parsing JSON' });
    expect((await post('application/json', '[1,2]')).status).toBe(400);
    expect((await post('application/octet-stream', '\u0000\u0001')).status).toBe(415);
    expect((await post('application/json', 'x'.repeat(70_000))).status).toBe(413);
  });
});
