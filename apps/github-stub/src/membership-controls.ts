import { addGeneratedTeams, replaceOrgs, replaceTeams, setOrgMember, setTeamMember } from './api/memberships.ts';
import type { StubState } from './state.ts';
import type { GitHubStub } from './types.ts';
import { announceOrgMemberRemoved, announceTeamMemberRemoved } from './webhooks/webhook-events.ts';

export type MembershipControls = Pick<
  GitHubStub,
  'setOrgMembership' | 'setTeamMembership' | 'setOrgs' | 'setTeams' | 'addGeneratedTeams'
>;

/** Membership controls; a removal sends the `organization` / `membership` webhook GitHub would. */
export function createMembershipControls(state: StubState): MembershipControls {
  return {
    setOrgMembership: (login, org, member) => {
      if (setOrgMember(state, login, org, member) && !member) announceOrgMemberRemoved(state, login, org);
    },
    setTeamMembership: (login, org, teamSlug, member) => {
      if (setTeamMember(state, login, org, teamSlug, member) && !member) {
        announceTeamMemberRemoved(state, login, org, teamSlug);
      }
    },
    setOrgs: (login, orgs) => {
      for (const org of replaceOrgs(state, login, orgs)) announceOrgMemberRemoved(state, login, org);
    },
    setTeams: (login, teams) => {
      for (const { org, slug } of replaceTeams(state, login, teams)) {
        announceTeamMemberRemoved(state, login, org, slug);
      }
    },
    addGeneratedTeams: (login, org, count) => addGeneratedTeams(state, login, org, count),
  };
}
