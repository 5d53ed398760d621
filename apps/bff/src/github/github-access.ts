import { z } from 'zod';
import type { AccessPolicy } from '../config/config.ts';
import { throwUnlessOk, type GitHubApi } from './github-api.ts';

const ActiveMembership = z.object({ state: z.literal('active') });

export function isOpenToEveryone(policy: AccessPolicy): boolean {
  return policy.orgs.length === 0 && policy.teams.length === 0 && policy.users.length === 0;
}

/**
 * Whether this user may sign in: named in GITHUB_ALLOWED_USERS, or an active member of one of
 * GITHUB_ALLOWED_ORGS or GITHUB_ALLOWED_TEAMS. Asks GitHub with the user's own token (read:org).
 * A pending invitation is not membership. Rate limits and outages throw (BffError): they
 * say nothing about the user.
 * https://docs.github.com/en/rest/orgs/members#get-an-organization-membership-for-the-authenticated-user
 * https://docs.github.com/en/rest/teams/members#get-team-membership-for-a-user
 */
export async function isAllowed(api: GitHubApi, token: string, login: string, policy: AccessPolicy): Promise<boolean> {
  if (isOpenToEveryone(policy)) return true;
  if (policy.users.includes(login.toLowerCase())) return true;
  for (const org of policy.orgs) {
    if (await isActiveMember(api, token, `/user/memberships/orgs/${encodeURIComponent(org)}`)) return true;
  }
  for (const { org, slug } of policy.teams) {
    const path = `/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(slug)}/memberships/${encodeURIComponent(login)}`;
    if (await isActiveMember(api, token, path)) return true;
  }
  return false;
}

async function isActiveMember(api: GitHubApi, token: string, path: string): Promise<boolean> {
  const response = await api.send('GET', path, { token });
  // 404: not a member (or the org hides it); 403 without a rate limit: no access to the org.
  if (response.status === 404) return false;
  if (
    response.status === 403 &&
    !response.headers.has('retry-after') &&
    response.headers.get('x-ratelimit-remaining') !== '0'
  ) {
    return false;
  }
  throwUnlessOk(response, `GET ${path}`);
  return ActiveMembership.safeParse(response.body).success;
}
