import { addGeneratedTeams, replaceOrgs, replaceTeams, setOrgMember, setTeamMember } from './api/memberships.ts';
import type { StubState } from './state.ts';
import type { GitHubStub } from './types.ts';

export type MembershipControls = Pick<
  GitHubStub,
  'setOrgMembership' | 'setTeamMembership' | 'setOrgs' | 'setTeams' | 'addGeneratedTeams'
>;

export function createMembershipControls(state: StubState): MembershipControls {
  return {
    setOrgMembership: (login, org, member) => {
      setOrgMember(state, login, org, member);
    },
    setTeamMembership: (login, org, teamSlug, member) => {
      setTeamMember(state, login, org, teamSlug, member);
    },
    setOrgs: (login, orgs) => {
      replaceOrgs(state, login, orgs);
    },
    setTeams: (login, teams) => {
      replaceTeams(state, login, teams);
    },
    addGeneratedTeams: (login, org, count) => addGeneratedTeams(state, login, org, count),
  };
}
