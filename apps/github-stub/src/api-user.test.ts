import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import { callApi, CALLBACK, signInToken } from './test-helpers.ts';

let stub: GitHubStub;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
});
afterEach(() => stub.close());

describe('GET /api/v3/user', () => {
  it('returns the user subset with the public email and a stub-served avatar', async () => {
    const response = await callApi(stub, '/user', await signInToken(stub, { login: 'mona' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: 1001,
      login: 'mona',
      name: 'Mona Lisa Octocat',
      email: 'mona@example.com',
      avatar_url: `${stub.url}/avatars/mona.svg`,
      html_url: `${stub.url}/mona`,
      type: 'User',
    });
  });

  it('shows email null for a private email and name null for nameless', async () => {
    const hubot = await callApi(stub, '/user', await signInToken(stub, { login: 'hubot' }));
    expect(await hubot.json()).toMatchObject({ id: 1002, name: 'Hubot', email: null });
    const nameless = await callApi(stub, '/user', await signInToken(stub, { login: 'nameless' }));
    expect(await nameless.json()).toMatchObject({ id: 1003, name: null, email: null });
  });

  it('accepts the `token` scheme too', async () => {
    const token = await signInToken(stub);
    const response = await fetch(`${stub.apiUrl}/user`, { headers: { Authorization: `token ${token}` } });
    expect(response.status).toBe(200);
  });

  it('is 401 without a token or with an unknown one', async () => {
    const missing = await callApi(stub, '/user');
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { message: string }).message).toBe('Requires authentication');
    const unknown = await callApi(stub, '/user', 'gho_notatoken');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
    });
  });

  it('sends rate-limit headers that count down per user', async () => {
    const token = await signInToken(stub);
    const first = await callApi(stub, '/user', token);
    const second = await callApi(stub, '/user', token);
    expect(first.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('4998');
    expect(second.headers.get('x-ratelimit-used')).toBe('2');
    expect(second.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(second.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(first.headers.get('x-oauth-scopes')).toBe('read:user, user:email, read:org');
    expect((await callApi(stub, '/user')).headers.get('x-ratelimit-limit')).toBe('60');
  });

  it('accepts X-GitHub-Api-Version 2022-11-28 and rejects other versions with 400', async () => {
    const token = await signInToken(stub);
    const ok = await callApi(stub, '/user', token, { headers: { 'X-GitHub-Api-Version': '2022-11-28' } });
    expect(ok.status).toBe(200);
    const bad = await callApi(stub, '/user', token, { headers: { 'X-GitHub-Api-Version': '2019-01-01' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('2019-01-01');
    expect(bad.headers.get('x-ratelimit-limit')).not.toBeNull();
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await callApi(stub, '/nope', await signInToken(stub));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toBe('Not Found');
  });
});

describe('GET /api/v3/user/emails', () => {
  it('is 404 without the user:email scope', async () => {
    const token = await signInToken(stub, { scope: 'read:user' });
    const response = await callApi(stub, '/user/emails', token);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ message: 'Not Found' });
  });

  it('lists emails with user:email, including private and unverified ones', async () => {
    const hubot = await callApi(stub, '/user/emails', await signInToken(stub, { login: 'hubot', scope: 'user:email' }));
    expect(hubot.status).toBe(200);
    expect(await hubot.json()).toEqual([
      { email: 'hubot@private.example', primary: true, verified: true, visibility: 'private' },
      { email: 'hubot-old@example.com', primary: false, verified: true, visibility: null },
    ]);
    const unverified = await callApi(
      stub,
      '/user/emails',
      await signInToken(stub, { login: 'unverified', scope: 'user:email' }),
    );
    expect(await unverified.json()).toEqual([
      { email: 'unverified@example.com', primary: true, verified: false, visibility: 'private' },
    ]);
  });

  it('accepts the broader user scope', async () => {
    const response = await callApi(stub, '/user/emails', await signInToken(stub, { scope: 'user' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      { email: 'mona@example.com', primary: true, verified: true, visibility: 'public' },
    ]);
  });
});
