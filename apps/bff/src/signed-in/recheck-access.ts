import type { AccessPolicy } from '../config/config.ts';
import { BffError, isBffError } from '../errors/index.ts';
import { isAllowed } from '../github/github-access.ts';
import { fetchMemberships } from '../github/github-memberships.ts';
import { refetchGitHubUser, type GitHubUser } from '../github/github-user.ts';
import type { Memberships } from '../session/session-data.ts';
import type { Services } from '../services.ts';

/** When GitHub cannot be asked, ask again this much later rather than on every request. */
export const RECHECK_RETRY_MS = 60_000;
/** A postponed re-check waits up to this share of its wait longer, at random (and at least a few seconds). */
export const RECHECK_JITTER = 0.25;
const MIN_JITTER_MS = 5_000;

/**
 * The wait plus a random extra of up to a quarter of it: when a rate limit or an outage postpones
 * many sessions at once, their re-checks do not all come back at the same second (no thundering
 * herd against a budget that has just reset).
 */
export function withJitter(waitMs: number, random: () => number = Math.random): number {
  return waitMs + Math.floor(random() * Math.max(MIN_JITTER_MS, waitMs * RECHECK_JITTER));
}

export interface Recheck {
  readonly user: GitHubUser;
  readonly checkedAt: number;
  readonly memberships?: Memberships;
  /** The answers' ETags, for the next re-check's If-None-Match. */
  readonly etags?: Record<string, string>;
  /** GitHub could not be asked: nothing changed, asked again later (a minute, or when the rate limit resets). */
  readonly postponed?: true;
  readonly rateLimited?: true;
}

/**
 * Asks GitHub who the token belongs to (a revoked token: 401) and whether they may still sign
 * in. Throws `github_unauthorized` when the token no longer works or now belongs to someone else,
 * `not_allowed` when the user no longer qualifies: both end the session. GitHub unreachable
 * ends nothing: the user as known, checked again in a minute.
 */
export async function recheckAccess(
  { githubApi, config, now, log }: Services,
  token: string,
  known: GitHubUser,
  knownEtags: Readonly<Record<string, string>> = {},
): Promise<Recheck> {
  try {
    const fetched = await refetchGitHubUser(githubApi, token, known, knownEtags['/user']);
    const { user } = fetched;
    if (user.id !== known.id) throw new BffError('github_unauthorized', { detail: 'token belongs to another user' });
    const etags: Record<string, string> = { ...knownEtags };
    if (fetched.etag) etags['/user'] = fetched.etag;
    else delete etags['/user'];
    if (!(await isAllowed(githubApi, token, user.login, config.github.allowed, config.github.url, etags))) {
      throw new BffError('not_allowed', { detail: `no longer in ${describePolicy(config.github.allowed)}` });
    }
    if (!config.github.fetchMemberships) return { user, checkedAt: now(), etags };
    const memberships = await fetchMemberships(githubApi, config.github.apiUrl, token);
    return { user, checkedAt: now(), memberships, etags };
  } catch (err) {
    if (!isBffError(err, 'github_unavailable', 'github_rate_limited')) throw err;
    const waitMs = err.code === 'github_rate_limited' ? (err.retryAfterSeconds ?? 60) * 1000 : RECHECK_RETRY_MS;
    log.warn({ err: { code: err.code, detail: err.detail }, waitMs }, 'GitHub re-check postponed');
    return {
      user: known,
      checkedAt: now() - config.github.recheckIntervalMs + withJitter(waitMs),
      postponed: true,
      ...(err.code === 'github_rate_limited' ? { rateLimited: true as const } : {}),
    };
  }
}

/** What the user no longer qualifies for, by name (configuration, not user data): for the audit line. */
function describePolicy({ orgs, teams, users }: AccessPolicy): string {
  const parts = [
    orgs.length ? `orgs ${orgs.join(', ')}` : '',
    teams.length ? `teams ${teams.map((t) => `${t.org}/${t.slug}`).join(', ')}` : '',
    users.length ? `users ${users.join(', ')}` : '',
  ].filter(Boolean);
  return `any of the allowed ${parts.join('; ')}`;
}
