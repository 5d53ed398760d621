import { findOrg, orgJson, teamJson } from '../orgs.ts';
import type { StubUser } from '../types.ts';

// Payload shapes as GitHub documents them (the fields the stand-in can fill):
// https://docs.github.com/webhooks/webhook-events-and-payloads

function userJson(user: StubUser, stubUrl: string) {
  return {
    login: user.login,
    id: user.id,
    node_id: `U_stub${user.id}`,
    avatar_url: `${stubUrl}/avatars/${user.login}.svg`,
    html_url: `${stubUrl}/${user.login}`,
    type: 'User',
    site_admin: false,
  };
}

/** `github_app_authorization` revoked: "someone revokes their authorization of a GitHub App". */
export function appAuthorizationRevoked(user: StubUser, stubUrl: string) {
  return { action: 'revoked', sender: userJson(user, stubUrl) };
}

/** `organization` member_removed; the sender is the user (as if they left the org). */
export function orgMemberRemoved(user: StubUser, orgLogin: string, stubUrl: string) {
  const org = orgJson(findOrg(orgLogin), stubUrl);
  return {
    action: 'member_removed',
    membership: {
      url: `${org.url}/memberships/${user.login}`,
      state: 'active',
      role: 'member',
      organization_url: org.url,
      user: userJson(user, stubUrl),
    },
    organization: org,
    sender: userJson(user, stubUrl),
  };
}

/** `membership` removed with scope team; the sender is the user (as if they left the team). */
export function teamMemberRemoved(user: StubUser, orgLogin: string, slug: string, stubUrl: string) {
  const { organization, ...team } = teamJson(orgLogin, slug, stubUrl);
  return {
    action: 'removed',
    scope: 'team',
    member: userJson(user, stubUrl),
    sender: userJson(user, stubUrl),
    team: { ...team, description: null, privacy: 'closed', permission: 'pull', parent: null },
    organization,
  };
}
