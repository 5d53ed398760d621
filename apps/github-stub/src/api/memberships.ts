import { membershipKey, type StubState } from '../state.ts';

export interface TeamRef {
  org: string;
  slug: string;
}

export function isOrgMember(state: StubState, login: string, org: string): boolean {
  return state.orgMembers.has(membershipKey(org, login));
}

export function isTeamMember(state: StubState, login: string, org: string, team: string): boolean {
  return state.teamMembers.has(membershipKey(org, team, login));
}

/** True when the membership changed (so a removal can be announced). */
export function setOrgMember(state: StubState, login: string, org: string, member: boolean): boolean {
  const key = membershipKey(org, login);
  const was = state.orgMembers.has(key);
  if (member) state.orgMembers.add(key);
  else state.orgMembers.delete(key);
  return was !== member;
}

/** True when the membership changed. */
export function setTeamMember(state: StubState, login: string, org: string, team: string, member: boolean): boolean {
  const key = membershipKey(org, team, login);
  const was = state.teamMembers.has(key);
  if (member) state.teamMembers.add(key);
  else state.teamMembers.delete(key);
  return was !== member;
}

export function listOrgs(state: StubState, login: string): string[] {
  const suffix = `/${login.toLowerCase()}`;
  return [...state.orgMembers].filter((key) => key.endsWith(suffix)).map((key) => key.slice(0, -suffix.length));
}

export function listTeams(state: StubState, login: string): TeamRef[] {
  const teams: TeamRef[] = [];
  for (const key of state.teamMembers) {
    const [org, slug, member] = key.split('/');
    if (org !== undefined && slug !== undefined && member === login.toLowerCase()) teams.push({ org, slug });
  }
  return teams;
}

/**
 * Makes `teams` the user's teams, in that order (so pages are stable), and the user a member
 * of each team's org (a team member is an org member on GitHub). Returns the teams removed.
 */
export function replaceTeams(state: StubState, login: string, teams: readonly TeamRef[]): TeamRef[] {
  const wanted = new Set(teams.map(({ org, slug }) => membershipKey(org, slug, login)));
  const removed = listTeams(state, login).filter(({ org, slug }) => !wanted.has(membershipKey(org, slug, login)));
  for (const { org, slug } of listTeams(state, login)) setTeamMember(state, login, org, slug, false);
  for (const { org, slug } of teams) {
    setOrgMember(state, login, org, true);
    setTeamMember(state, login, org, slug, true);
  }
  return removed;
}

/** Makes `orgs` the user's orgs, in that order; team memberships are left alone. Returns the orgs removed. */
export function replaceOrgs(state: StubState, login: string, orgs: readonly string[]): string[] {
  const wanted = new Set(orgs.map((org) => org.toLowerCase()));
  const current = listOrgs(state, login);
  for (const org of current) setOrgMember(state, login, org, false);
  for (const org of orgs) setOrgMember(state, login, org, true);
  return current.filter((org) => !wanted.has(org));
}

/** Adds `count` teams `<prefix>-001`… in `org` to the user's teams (and the org); returns the slugs. */
export function addGeneratedTeams(state: StubState, login: string, org: string, count: number, prefix = 'team') {
  if (!Number.isInteger(count) || count < 1 || count > 10_000) {
    throw new RangeError('count must be an integer from 1 to 10000');
  }
  const width = Math.max(3, String(count).length);
  const slugs = Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(width, '0')}`);
  setOrgMember(state, login, org, true);
  for (const slug of slugs) setTeamMember(state, login, org, slug, true);
  return slugs;
}
