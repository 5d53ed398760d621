import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import { callApi, CALLBACK, signInToken } from './test-helpers.ts';

let stub: GitHubStub;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
});
afterEach(() => stub.close());

const orgScope = { scope: 'read:org' };

describe('GET /api/v3/user/memberships/orgs/:org', () => {
  it('is active for a default member', async () => {
    const response = await callApi(stub, '/user/memberships/orgs/acme', await signInToken(stub, orgScope));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      state: 'active',
      role: 'member',
      organization: { login: 'acme' },
    });
  });

  it('is 404 for a non-member', async () => {
    const token = await signInToken(stub, { login: 'nameless', ...orgScope });
    const response = await callApi(stub, '/user/memberships/orgs/acme', token);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ message: 'Not Found' });
  });

  it('is 403 without read:org', async () => {
    const token = await signInToken(stub, { scope: 'read:user' });
    expect((await callApi(stub, '/user/memberships/orgs/acme', token)).status).toBe(403);
  });

  it('follows setOrgMembership', async () => {
    const token = await signInToken(stub, { login: 'hubot', ...orgScope });
    stub.setOrgMembership('hubot', 'acme', false);
    expect((await callApi(stub, '/user/memberships/orgs/acme', token)).status).toBe(404);
    stub.setOrgMembership('hubot', 'new-org', true);
    expect((await callApi(stub, '/user/memberships/orgs/new-org', token)).status).toBe(200);
  });
});

describe('GET /api/v3/orgs/:org/teams/:team/memberships/:username', () => {
  it('is active for mona in acme/core and 404 for hubot', async () => {
    const token = await signInToken(stub, orgScope);
    const mona = await callApi(stub, '/orgs/acme/teams/core/memberships/mona', token);
    expect(mona.status).toBe(200);
    expect(await mona.json()).toMatchObject({ state: 'active', role: 'member' });
    expect((await callApi(stub, '/orgs/acme/teams/core/memberships/hubot', token)).status).toBe(404);
  });

  it('needs read:org and follows setTeamMembership', async () => {
    const weak = await signInToken(stub, { scope: 'user' });
    expect((await callApi(stub, '/orgs/acme/teams/core/memberships/mona', weak)).status).toBe(403);
    const token = await signInToken(stub, orgScope);
    stub.setTeamMembership('hubot', 'acme', 'core', true);
    stub.setTeamMembership('mona', 'acme', 'core', false);
    expect((await callApi(stub, '/orgs/acme/teams/core/memberships/hubot', token)).status).toBe(200);
    expect((await callApi(stub, '/orgs/acme/teams/core/memberships/mona', token)).status).toBe(404);
  });
});

describe('GET /api/v3/user/orgs and /user/teams', () => {
  it('lists the orgs and teams of the user', async () => {
    const token = await signInToken(stub, orgScope);
    // Every org and team has a numeric id (the SSO header and webhooks name orgs by id).
    expect(await (await callApi(stub, '/user/orgs', token)).json()).toEqual([
      { login: 'acme', id: 5001, node_id: 'O_stub5001', url: `${stub.apiUrl}/orgs/acme`, description: null },
    ]);
    expect(await (await callApi(stub, '/user/teams', token)).json()).toEqual([
      expect.objectContaining({
        id: 6001,
        slug: 'core',
        organization: expect.objectContaining({ login: 'acme', id: 5001 }),
      }),
    ]);
  });

  it('hides private org memberships without read:org', async () => {
    const token = await signInToken(stub, { scope: 'read:user' });
    expect(await (await callApi(stub, '/user/orgs', token)).json()).toEqual([]);
    expect((await callApi(stub, '/user/teams', token)).status).toBe(403);
  });
});
