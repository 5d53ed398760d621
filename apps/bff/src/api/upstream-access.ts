import type { UpstreamConfig } from '../config/config.ts';
import type { Memberships } from '../session/session-data.ts';

/**
 * An upstream's access rule, judged from what the session knows (its memberships, refreshed at
 * every re-check): a named user, a member of a named org, or of a named team; all lists empty
 * means every signed-in user. Logins, orgs and teams compare lower-case.
 */
export function mayUseUpstream(
  access: UpstreamConfig['access'],
  login: string,
  memberships: Memberships | undefined,
): boolean {
  if (access.users.length + access.orgs.length + access.teams.length === 0) return true;
  if (access.users.includes(login.toLowerCase())) return true;
  const orgs = new Set(memberships?.orgs ?? []);
  const teams = new Set(memberships?.teams ?? []);
  return access.orgs.some((org) => orgs.has(org)) || access.teams.some(({ org, slug }) => teams.has(`${org}/${slug}`));
}
