import { z } from 'zod';
import type { AccessPolicy } from '../config/config.ts';
import type { SsoRequirement } from '../contract.ts';
import { BffError } from '../errors/index.ts';
import { throwUnlessOk, type GitHubApi } from './github-api.ts';
import { ssoRequired } from './github-sso.ts';

const ActiveMembership = z.object({ state: z.literal('active') });

export function isOpenToEveryone(policy: AccessPolicy): boolean {
  return policy.orgs.length === 0 && policy.teams.length === 0 && policy.users.length === 0;
}

/**
 * Whether this user may sign in: named in GITHUB_ALLOWED_USERS, or an active member of one of
 * GITHUB_ALLOWED_ORGS or GITHUB_ALLOWED_TEAMS. Asks GitHub with the user's own token (read:org).
 * A pending invitation is not membership. Rate limits and outages throw (BffError): they
 * say nothing about the user. An org (or a team's org) that enforces SAML SSO for which the token
 * is not authorized says nothing either: when no other rule admits the user, that is
 * `sso_required` (with the org and GitHub's authorization page), never `not_allowed`.
 * https://docs.github.com/en/rest/orgs/members#get-an-organization-membership-for-the-authenticated-user
 * https://docs.github.com/en/rest/teams/members#get-team-membership-for-a-user
 */
export async function isAllowed(
  api: GitHubApi,
  token: string,
  login: string,
  policy: AccessPolicy,
  githubUrl: string,
  /** ETags of active memberships by path (a re-check's): sent as If-None-Match, updated in place. */
  etags: Record<string, string> = {},
): Promise<boolean> {
  if (isOpenToEveryone(policy)) return true;
  if (policy.users.includes(login.toLowerCase())) return true;
  let sso: SsoRequirement | undefined;
  const check = async (org: string, path: string) => {
    const answer = await isActiveMember(api, token, path, org, githubUrl, etags);
    if (answer === true) return true;
    sso ??= answer || undefined;
    return false;
  };
  for (const org of policy.orgs) {
    if (await check(org, `/user/memberships/orgs/${encodeURIComponent(org)}`)) return true;
  }
  for (const { org, slug } of policy.teams) {
    const path = `/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(slug)}/memberships/${encodeURIComponent(login)}`;
    if (await check(org, path)) return true;
  }
  if (sso) throw new BffError('sso_required', { detail: `org ${sso.org} enforces SAML SSO`, sso });
  return false;
}

/** true: an active member; false: not (or cannot tell); an SsoRequirement: SAML SSO stands in the way. */
async function isActiveMember(
  api: GitHubApi,
  token: string,
  path: string,
  org: string,
  githubUrl: string,
  etags: Record<string, string>,
): Promise<boolean | SsoRequirement> {
  const etag = etags[path];
  const response = await api.send('GET', path, { token, headers: etag ? { 'If-None-Match': etag } : {} });
  // Only an active membership's ETag is kept: 304 means "still the active membership it was".
  if (response.status === 304 && etag) return true;
  delete etags[path];
  const sso = response.status === 403 ? ssoRequired(response.headers, org, githubUrl) : undefined;
  if (sso) return sso;
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
  const active = ActiveMembership.safeParse(response.body).success;
  const fresh = response.headers.get('etag');
  if (active && fresh) etags[path] = fresh;
  return active;
}
