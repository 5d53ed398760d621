import { z } from 'zod';
import type { Config } from '../config/config.ts';

/** What a delivery asks the BFF to do; everything else is acknowledged and ignored. */
export type WebhookAction =
  /** The user revoked the app: every token is dead, every session ends. */
  | { readonly kind: 'end_sessions'; readonly userId: number }
  /** The user left an org or team an access rule names: their sessions are re-checked now. */
  | { readonly kind: 'recheck_sessions'; readonly userId: number; readonly what: string }
  | { readonly kind: 'ignore' };

const User = z.object({ id: z.number().int().positive(), login: z.string() });
const Org = z.object({ login: z.string() });
const AppRevoked = z.object({ action: z.literal('revoked'), sender: User });
const OrgMemberRemoved = z.object({
  action: z.literal('member_removed'),
  membership: z.object({ user: User }),
  organization: Org,
});
const TeamMemberRemoved = z.object({
  action: z.literal('removed'),
  scope: z.literal('team'),
  member: User,
  team: z.object({ slug: z.string() }),
  organization: Org,
});

/**
 * The events that matter to sessions, as GitHub documents their payloads:
 * github_app_authorization `revoked`, organization `member_removed`, membership `removed` (team).
 * https://docs.github.com/webhooks/webhook-events-and-payloads
 */
export function actionOf(event: string, payload: unknown, config: Config): WebhookAction {
  if (event === 'github_app_authorization') {
    const revoked = AppRevoked.safeParse(payload);
    return revoked.success ? { kind: 'end_sessions', userId: revoked.data.sender.id } : { kind: 'ignore' };
  }
  if (event === 'organization') {
    const removed = OrgMemberRemoved.safeParse(payload);
    if (!removed.success) return { kind: 'ignore' };
    const org = removed.data.organization.login.toLowerCase();
    return dependsOn(config, org)
      ? { kind: 'recheck_sessions', userId: removed.data.membership.user.id, what: `left org ${org}` }
      : { kind: 'ignore' };
  }
  if (event === 'membership') {
    const removed = TeamMemberRemoved.safeParse(payload);
    if (!removed.success) return { kind: 'ignore' };
    const org = removed.data.organization.login.toLowerCase();
    const slug = removed.data.team.slug.toLowerCase();
    return dependsOn(config, org, slug)
      ? { kind: 'recheck_sessions', userId: removed.data.member.id, what: `left team ${org}/${slug}` }
      : { kind: 'ignore' };
  }
  return { kind: 'ignore' };
}

/**
 * Whether some access rule (GITHUB_ALLOWED_*, an upstream's `access`) names this org, or, for a
 * team, this team. Leaving an org also leaves its teams, so a team rule in that org counts too.
 */
function dependsOn({ github, upstreams }: Config, org: string, slug?: string): boolean {
  return [github.allowed, ...upstreams.map((u) => u.access)].some(
    (rule) =>
      (slug === undefined && rule.orgs.includes(org)) ||
      rule.teams.some((t) => t.org === org && (slug === undefined || t.slug === slug)),
  );
}
