import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveAuthorization, startGitHubStub, STUB_DEFAULTS, type GitHubStub } from './index.ts';
import { authorizeUrl, callApi, CALLBACK, exchangeCode } from './test-helpers.ts';

let stub: GitHubStub;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
});
afterEach(() => stub.close());

const base = { client_id: STUB_DEFAULTS.clientId, redirect_uri: CALLBACK, scope: 'read:user', state: 's-9' };

describe('STUB_DEFAULTS', () => {
  it('holds the demo credentials and port, and cannot be changed', () => {
    expect(STUB_DEFAULTS).toMatchObject({
      clientId: 'demo-client-id',
      clientSecret: 'demo-client-secret',
      port: 3001,
    });
    expect(Object.isFrozen(STUB_DEFAULTS)).toBe(true);
  });
});

describe('approveAuthorization()', () => {
  it('approves as mona by default and returns the callback URL with a code that works', async () => {
    const callback = new URL(await approveAuthorization(authorizeUrl(stub, base)));
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
    expect(callback.searchParams.get('state')).toBe('s-9');
    const { json } = await exchangeCode(stub, callback.searchParams.get('code') ?? '');
    const user = await callApi(stub, '/user', String(json.access_token));
    expect(await user.json()).toMatchObject({ login: 'mona' });
  });

  it('takes a URL object, a login (over one already in the URL) and a deny decision', async () => {
    const url = new URL(authorizeUrl(stub, { ...base, stub_login: 'mona' }));
    const approved = new URL(await approveAuthorization(url, { login: 'hubot' }));
    const { json } = await exchangeCode(stub, approved.searchParams.get('code') ?? '');
    expect(await (await callApi(stub, '/user', String(json.access_token))).json()).toMatchObject({ login: 'hubot' });
    const denied = new URL(await approveAuthorization(url, { decision: 'deny' }));
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.has('code')).toBe(false);
    expect(stub.calls.at(-1)?.query).toMatchObject({ stub_login: 'mona', stub_decision: 'deny' });
  });

  it('throws a clear error when the stand-in does not redirect', async () => {
    await expect(approveAuthorization(authorizeUrl(stub, base), { login: 'ghost' })).rejects.toThrow(
      /answered .*\/login\/oauth\/authorize with 400/,
    );
    await expect(approveAuthorization(authorizeUrl(stub, { ...base, client_id: 'nope' }))).rejects.toThrow(/404/);
  });
});
