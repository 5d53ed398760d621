import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import { callApi, CALLBACK, signInToken } from './test-helpers.ts';

let stub: GitHubStub;
let token: string;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
  token = await signInToken(stub, { login: 'sam', scope: 'read:org' });
});
afterEach(() => stub.close());

function control(command: string, body: unknown) {
  return fetch(`${stub.url}/_stub/${command}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function names(path: string, key: 'login' | 'slug' | 'full_name'): Promise<string[]> {
  const items = (await (await callApi(stub, path, token)).json()) as Record<string, string>[];
  return items.map((item) => item[key] ?? '');
}

describe('SAML SSO: sam in sso-corp, not SSO-authorized', () => {
  it('the org membership check is 403 with X-GitHub-SSO required and a URL to the SSO page', async () => {
    const response = await callApi(stub, '/user/memberships/orgs/sso-corp', token);
    expect(response.status).toBe(403);
    const header = response.headers.get('x-github-sso') ?? '';
    expect(header).toMatch(
      new RegExp(`^required; url=${stub.url}/orgs/sso-corp/sso\\?authorization_request=[0-9a-f]{32}$`),
    );
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^Resource protected by organization SAML enforcement\./,
    );
    // The same request id every time for the same user, app and org.
    const again = await callApi(stub, '/orgs/sso-corp/teams/platform/memberships/sam', token);
    expect(again.status).toBe(403);
    expect(again.headers.get('x-github-sso')).toBe(header);
    // Her other org does not enforce SSO.
    const acme = await callApi(stub, '/user/memberships/orgs/acme', token);
    expect(acme.status).toBe(200);
    expect(acme.headers.get('x-github-sso')).toBeNull();
  });

  it('lists leave sso-corp out and say so with partial-results and the org id', async () => {
    for (const [path, key, expected] of [
      ['/user/orgs', 'login', ['acme']],
      ['/user/teams', 'slug', []],
      ['/user/repos', 'full_name', ['sam/notes']],
    ] as const) {
      const response = await callApi(stub, path, token);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-github-sso')).toBe('partial-results; organizations=5003');
      expect(await names(path, key)).toEqual(expected);
    }
  });

  it('authorizeSso lets everything through; revokeSso blocks it again', async () => {
    stub.authorizeSso('sam', 'sso-corp');
    expect(stub.isSsoAuthorized('sam', 'sso-corp')).toBe(true);
    expect((await callApi(stub, '/user/memberships/orgs/sso-corp', token)).status).toBe(200);
    expect((await callApi(stub, '/orgs/sso-corp/teams/platform/memberships/sam', token)).status).toBe(200);
    const orgs = await callApi(stub, '/user/orgs', token);
    expect(orgs.headers.get('x-github-sso')).toBeNull();
    expect(await names('/user/orgs', 'login')).toEqual(['acme', 'sso-corp']);
    expect(await names('/user/teams', 'slug')).toEqual(['platform']);
    expect(await names('/user/repos?sort=updated', 'full_name')).toEqual(['sso-corp/handbook', 'sam/notes']);
    stub.revokeSso('sam', 'sso-corp');
    expect((await callApi(stub, '/user/memberships/orgs/sso-corp', token)).status).toBe(403);
  });

  it('does not touch non-members or orgs without SSO', async () => {
    const mona = await signInToken(stub, { login: 'mona', scope: 'read:org' });
    const response = await callApi(stub, '/user/memberships/orgs/sso-corp', mona);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-github-sso')).toBeNull();
    expect((await callApi(stub, '/user/orgs', mona)).headers.get('x-github-sso')).toBeNull();
  });

  it('belongs to the app authorization: deleting the grant ends it', async () => {
    stub.authorizeSso('sam', 'sso-corp');
    stub.revokeToken(token);
    expect(stub.isSsoAuthorized('sam', 'sso-corp')).toBe(false);
    const fresh = await signInToken(stub, { login: 'sam', scope: 'read:org' });
    expect((await callApi(stub, '/user/memberships/orgs/sso-corp', fresh)).status).toBe(403);
  });

  it('a generated team in sso-corp is withheld too, and counted once in the header', async () => {
    stub.addGeneratedTeams('sam', 'sso-corp', 40);
    const response = await callApi(stub, '/user/teams?per_page=100', token);
    expect(await response.json()).toEqual([]);
    expect(response.headers.get('x-github-sso')).toBe('partial-results; organizations=5003');
  });

  it('POST /_stub/sso authorizes and revokes', async () => {
    expect((await control('sso', { login: 'sam', org: 'sso-corp', authorized: true })).status).toBe(204);
    expect((await callApi(stub, '/user/memberships/orgs/sso-corp', token)).status).toBe(200);
    expect((await control('sso', { login: 'sam', org: 'sso-corp', authorized: false })).status).toBe(204);
    expect((await callApi(stub, '/user/memberships/orgs/sso-corp', token)).status).toBe(403);
    expect((await control('sso', { login: 'sam', org: 'sso-corp' })).status).toBe(400);
  });
});
