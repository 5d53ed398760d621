import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import { callApi, CALLBACK, CLIENT_ID, exchangeCode, getCode, signIn, signInToken } from './test-helpers.ts';

let stub: GitHubStub;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
});
afterEach(() => stub.close());

function control(command: string, body: unknown) {
  return fetch(`${stub.url}/_stub/${command}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('/_stub control endpoints', () => {
  it('POST /_stub/fail queues a failure', async () => {
    const token = await signInToken(stub);
    expect((await control('fail', { endpoint: 'user', failure: { status: 502 }, times: 1 })).status).toBe(204);
    expect((await callApi(stub, '/user', token)).status).toBe(502);
    expect((await callApi(stub, '/user', token)).status).toBe(200);
  });

  it('POST /_stub/fail takes a delayMs failure', async () => {
    const token = await signInToken(stub);
    expect((await control('fail', { endpoint: 'user', failure: { delayMs: 200 } })).status).toBe(204);
    const started = Date.now();
    expect((await callApi(stub, '/user', token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect((await control('fail', { endpoint: 'user', failure: { delayMs: -5 } })).status).toBe(400);
  });

  it('POST /_stub/revoke revokes, GET /_stub/revoked lists it', async () => {
    const token = await signInToken(stub);
    expect((await control('revoke', { token })).status).toBe(204);
    expect((await callApi(stub, '/user', token)).status).toBe(401);
    const revoked = await fetch(`${stub.url}/_stub/revoked`);
    expect(await revoked.json()).toEqual([token]);
  });

  it('POST /_stub/org-membership and /_stub/team-membership change memberships', async () => {
    const token = await signInToken(stub, { login: 'nameless', scope: 'read:org' });
    expect((await control('org-membership', { login: 'nameless', org: 'acme', member: true })).status).toBe(204);
    expect((await callApi(stub, '/user/memberships/orgs/acme', token)).status).toBe(200);
    const team = { login: 'nameless', org: 'acme', teamSlug: 'core', member: true };
    expect((await control('team-membership', team)).status).toBe(204);
    expect((await callApi(stub, '/orgs/acme/teams/core/memberships/nameless', token)).status).toBe(200);
  });

  it('POST /_stub/teams, /_stub/orgs and /_stub/generated-teams set many memberships at once', async () => {
    const token = await signInToken(stub, { login: 'nameless', scope: 'read:org' });
    const teams = { login: 'nameless', teams: [{ org: 'big', slug: 'a' }] };
    expect((await control('teams', teams)).status).toBe(204);
    expect((await callApi(stub, '/orgs/big/teams/a/memberships/nameless', token)).status).toBe(200);
    const generated = await control('generated-teams', { login: 'nameless', org: 'big', count: 3 });
    expect(generated.status).toBe(200);
    expect(await generated.json()).toEqual({ slugs: ['team-001', 'team-002', 'team-003'] });
    expect(((await (await callApi(stub, '/user/teams', token)).json()) as unknown[]).length).toBe(4);
    expect((await control('orgs', { login: 'nameless', orgs: ['solo'] })).status).toBe(204);
    const orgs = (await (await callApi(stub, '/user/orgs', token)).json()) as { login: string }[];
    expect(orgs.map((org) => org.login)).toEqual(['solo']);
    expect((await control('generated-teams', { login: 'nameless', org: 'big', count: 0 })).status).toBe(400);
    expect((await control('teams', { login: 'nameless', teams: [{ org: 'big' }] })).status).toBe(400);
    expect((await control('orgs', { login: 'nameless', orgs: 'solo' })).status).toBe(400);
  });

  it('POST /_stub/rate-limit and /_stub/expiring-tokens switch modes', async () => {
    const token = await signInToken(stub);
    expect((await control('rate-limit', { login: 'mona', mode: 'secondary' })).status).toBe(204);
    expect((await callApi(stub, '/user', token)).status).toBe(429);
    expect((await control('expiring-tokens', { on: true })).status).toBe(204);
    expect((await signIn(stub)).access_token).toMatch(/^ghu_/);
  });

  it('POST /_stub/reset restores defaults and forgets tokens and calls', async () => {
    const token = await signInToken(stub);
    stub.setOrgMembership('mona', 'acme', false);
    stub.setExpiringTokens(true);
    expect((await control('reset', {})).status).toBe(204);
    expect(stub.calls).toEqual([]);
    expect(stub.issuedTokens()).toEqual([]);
    expect((await callApi(stub, '/user', token)).status).toBe(401);
    const fresh = await signIn(stub, { scope: 'read:org' });
    expect(fresh.access_token).toMatch(/^gho_/);
    const membership = await callApi(stub, '/user/memberships/orgs/acme', String(fresh.access_token));
    expect(membership.status).toBe(200);
  });

  it('GET /_stub/calls lists what the stub saw, without control calls', async () => {
    await exchangeCode(stub, await getCode(stub, { login: 'hubot' }));
    const calls = (await (await fetch(`${stub.url}/_stub/calls`)).json()) as {
      method: string;
      path: string;
      query: Record<string, string>;
      time: number;
    }[];
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /login/oauth/authorize',
      'POST /login/oauth/access_token',
    ]);
    expect(calls[0]?.query).toMatchObject({ client_id: CLIENT_ID, stub_login: 'hubot' });
    expect(calls[0]?.time).toEqual(expect.any(Number));
    expect(stub.calls).toEqual(calls);
  });

  it('rejects bad input with 4xx', async () => {
    expect((await control('fail', { endpoint: 'nope', failure: { status: 500 } })).status).toBe(400);
    expect((await control('fail', { endpoint: 'user', failure: { status: 'x' } })).status).toBe(400);
    expect((await control('fail', { endpoint: 'user', failure: { status: 500 }, times: 0 })).status).toBe(400);
    expect((await control('rate-limit', { login: 'mona', mode: 'tertiary' })).status).toBe(400);
    expect((await control('org-membership', { login: 'mona' })).status).toBe(400);
    expect((await control('toString', {})).status).toBe(404);
    const garbage = await fetch(`${stub.url}/_stub/reset`, {
      method: 'POST',
      body: '{oops',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(garbage.status).toBe(400);
  });
});

describe('several stubs', () => {
  it('keep separate state', async () => {
    const other = await startGitHubStub();
    try {
      const token = await signInToken(stub);
      expect(other.url).not.toBe(stub.url);
      expect(other.issuedTokens()).toEqual([]);
      expect((await callApi(other, '/user', token)).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});
