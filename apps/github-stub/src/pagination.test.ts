import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import { teamId } from './orgs.ts';
import { callApi, CALLBACK, signInToken } from './test-helpers.ts';

let stub: GitHubStub;
let token: string;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
  token = await signInToken(stub, { login: 'hubot', scope: 'read:org repo' });
});
afterEach(() => stub.close());

interface Team {
  id: number;
  slug: string;
  organization: { login: string; id: number };
}

/** rel → URL from a Link header, in the order sent. */
function parseLink(header: string | null): [string, string][] {
  if (header === null) return [];
  return header.split(', ').map((part) => {
    const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
    if (!match?.[1] || !match[2]) throw new Error(`bad Link part: ${part}`);
    return [match[2], match[1]];
  });
}

async function teamsPage(query: string): Promise<{ link: [string, string][]; teams: Team[] }> {
  const response = await callApi(stub, `/user/teams${query}`, token);
  expect(response.status).toBe(200);
  return { link: parseLink(response.headers.get('link')), teams: (await response.json()) as Team[] };
}

describe('pagination of /user/teams, /user/orgs and /user/repos', () => {
  it('250 generated teams: 30 per page by default, Link next and last on page 1', async () => {
    const slugs = stub.addGeneratedTeams('hubot', 'acme', 250);
    expect(slugs.slice(0, 2)).toEqual(['team-001', 'team-002']);
    const { link, teams } = await teamsPage('');
    expect(teams.map((team) => team.slug)).toEqual(slugs.slice(0, 30));
    expect(link).toEqual([
      ['next', `${stub.apiUrl}/user/teams?page=2`],
      ['last', `${stub.apiUrl}/user/teams?page=9`],
    ]);
    expect(new Set(teams.map((team) => team.id)).size).toBe(30);
  });

  it('a middle page has prev, next, last, first, keeping per_page; the last page has prev and first', async () => {
    stub.addGeneratedTeams('hubot', 'acme', 250);
    const middle = await teamsPage('?per_page=100&page=2');
    expect(middle.teams[0]?.slug).toBe('team-101');
    expect(middle.teams).toHaveLength(100);
    expect(middle.link.map(([rel]) => rel)).toEqual(['prev', 'next', 'last', 'first']);
    expect(middle.link[0]?.[1]).toBe(`${stub.apiUrl}/user/teams?per_page=100&page=1`);
    expect(middle.link[2]?.[1]).toBe(`${stub.apiUrl}/user/teams?per_page=100&page=3`);
    const last = await teamsPage('?per_page=100&page=3');
    expect(last.teams.map((team) => team.slug).at(-1)).toBe('team-250');
    expect(last.teams).toHaveLength(50);
    expect(last.link).toEqual([
      ['prev', `${stub.apiUrl}/user/teams?per_page=100&page=2`],
      ['first', `${stub.apiUrl}/user/teams?per_page=100&page=1`],
    ]);
  });

  it('caps per_page at 100, and following next visits every team once', async () => {
    stub.addGeneratedTeams('hubot', 'acme', 250);
    expect((await teamsPage('?per_page=500')).teams).toHaveLength(100);
    const seen: string[] = [];
    let url: string | undefined = `${stub.apiUrl}/user/teams?per_page=100`;
    while (url !== undefined) {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      seen.push(...((await response.json()) as Team[]).map((team) => team.slug));
      url = parseLink(response.headers.get('link')).find(([rel]) => rel === 'next')?.[1];
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
  });

  it('no Link when everything fits on one page; 422 for a bad page', async () => {
    const response = await callApi(stub, '/user/orgs', token);
    expect(response.headers.get('link')).toBeNull();
    expect((await response.json()) as unknown[]).toHaveLength(1);
    expect((await callApi(stub, '/user/orgs?page=0', token)).status).toBe(422);
    expect((await callApi(stub, '/user/teams?per_page=x', token)).status).toBe(422);
  });

  it('the team membership endpoint agrees with generated teams', async () => {
    stub.addGeneratedTeams('hubot', 'acme', 250);
    expect((await callApi(stub, '/orgs/acme/teams/team-250/memberships/hubot', token)).status).toBe(200);
    expect((await callApi(stub, '/orgs/acme/teams/team-251/memberships/hubot', token)).status).toBe(404);
  });

  it('setTeams replaces the teams in order and adds their orgs; setOrgs replaces the orgs', async () => {
    stub.setTeamMembership('hubot', 'acme', 'old', true);
    const teams = Array.from({ length: 120 }, (_, i) => ({ org: `org-${i}`, slug: 'devs' }));
    stub.setTeams('hubot', teams);
    const page = await teamsPage('?per_page=100&page=2');
    expect(page.teams.map((team) => team.organization.login)).toEqual(teams.slice(100).map((team) => team.org));
    expect((await callApi(stub, '/orgs/acme/teams/old/memberships/hubot', token)).status).toBe(404);
    const orgs = await callApi(stub, '/user/orgs?per_page=50&page=3', token);
    expect(((await orgs.json()) as { login: string }[]).map((org) => org.login)).toEqual(
      ['acme', ...teams.map((team) => team.org)].slice(100, 121),
    );
    expect(parseLink(orgs.headers.get('link')).map(([rel]) => rel)).toEqual(['prev', 'first']);
    stub.setOrgs('hubot', ['zeta', 'alpha']);
    expect(
      ((await (await callApi(stub, '/user/orgs', token)).json()) as { login: string }[]).map((o) => o.login),
    ).toEqual(['zeta', 'alpha']);
    expect((await callApi(stub, '/user/memberships/orgs/acme', token)).status).toBe(404);
  });

  it('generated ids are stable across stubs and do not collide', async () => {
    const slugs = stub.addGeneratedTeams('hubot', 'acme', 250);
    const other = await startGitHubStub();
    try {
      other.addGeneratedTeams('hubot', 'acme', 250);
      const otherToken = await signInToken(other, { login: 'hubot', scope: 'read:org' });
      const mine = (await teamsPage('?per_page=100')).teams.map((team) => team.id);
      const theirs = ((await (await callApi(other, '/user/teams?per_page=100', otherToken)).json()) as Team[]).map(
        (team) => team.id,
      );
      expect(theirs).toEqual(mine);
      expect(new Set(slugs.map((slug) => teamId('acme', slug))).size).toBe(250);
    } finally {
      await other.close();
    }
  });

  it('/user/repos sends Link when there is more than one page', async () => {
    const response = await callApi(stub, '/user/repos?per_page=1&sort=updated', token);
    expect(((await response.json()) as { name: string }[]).map((repo) => repo.name)).toEqual(['brain']);
    expect(parseLink(response.headers.get('link'))).toEqual([
      ['next', `${stub.apiUrl}/user/repos?per_page=1&sort=updated&page=2`],
      ['last', `${stub.apiUrl}/user/repos?per_page=1&sort=updated&page=2`],
    ]);
  });

  it('rejects a bad generated-team count', () => {
    expect(() => stub.addGeneratedTeams('hubot', 'acme', 0)).toThrow(RangeError);
  });
});
