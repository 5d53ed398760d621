import { membershipKey, type StubState } from '../state.ts';

export function isOrgMember(state: StubState, login: string, org: string): boolean {
  return state.orgMembers.has(membershipKey(org, login));
}

export function isTeamMember(state: StubState, login: string, org: string, team: string): boolean {
  return state.teamMembers.has(membershipKey(org, team, login));
}

export function setOrgMember(state: StubState, login: string, org: string, member: boolean): void {
  const key = membershipKey(org, login);
  if (member) state.orgMembers.add(key);
  else state.orgMembers.delete(key);
}

export function setTeamMember(state: StubState, login: string, org: string, team: string, member: boolean): void {
  const key = membershipKey(org, team, login);
  if (member) state.teamMembers.add(key);
  else state.teamMembers.delete(key);
}

export function listOrgs(state: StubState, login: string): string[] {
  const suffix = `/${login.toLowerCase()}`;
  return [...state.orgMembers].filter((key) => key.endsWith(suffix)).map((key) => key.slice(0, -suffix.length));
}

export function listTeams(state: StubState, login: string): { org: string; slug: string }[] {
  const teams: { org: string; slug: string }[] = [];
  for (const key of state.teamMembers) {
    const [org, slug, member] = key.split('/');
    if (org !== undefined && slug !== undefined && member === login.toLowerCase()) teams.push({ org, slug });
  }
  return teams;
}
