import type { GitHubObserver } from '../github/github-api.ts';
import { statusClass, type BffMetrics } from './bff-metrics.ts';

/** Endpoint classes: a fixed set, so no login, org or repository name becomes a label. */
const ENDPOINTS: readonly [RegExp, string][] = [
  [/^\/user$/, 'user'],
  [/^\/user\/emails$/, 'user_emails'],
  [/^\/user\/orgs$/, 'user_orgs'],
  [/^\/user\/teams$/, 'user_teams'],
  [/^\/user\/memberships\/orgs\/[^/]+$/, 'org_membership'],
  [/^\/orgs\/[^/]+\/teams\/[^/]+\/memberships\/[^/]+$/, 'team_membership'],
  [/^\/applications\/[^/]+\/token$/, 'app_token'],
  [/^\/applications\/[^/]+\/grant$/, 'app_grant'],
  [/^\/login\/oauth\/access_token$/, 'oauth_token'],
];
const WINDOW_MS = 5 * 60_000;

/** The class of a GitHub path; anything else went through the GitHub proxy. */
export function endpointClass(path: string): string {
  const bare = path.split('?')[0] ?? '';
  return ENDPOINTS.find(([pattern]) => pattern.test(bare))?.[1] ?? 'proxy';
}

/**
 * Counts and times calls to GitHub per endpoint class, and watches how close users come to their
 * rate limit: the lowest X-RateLimit-Remaining of the last five minutes.
 */
export function githubMetricsObserver(metrics: BffMetrics, now: () => number = Date.now): GitHubObserver {
  let lowest: { value: number; at: number } | undefined;
  return {
    answered(path, status, headers, seconds) {
      const endpoint = endpointClass(path);
      metrics.githubRequests.inc({ endpoint, status_class: statusClass(status) });
      metrics.githubDuration.observe({ endpoint }, seconds);
      const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
      if (!Number.isFinite(remaining)) return;
      const t = now();
      if (!lowest || remaining <= lowest.value || t - lowest.at > WINDOW_MS) lowest = { value: remaining, at: t };
      metrics.githubRateLimitRemaining.set(lowest.value);
    },
    failed(path, seconds) {
      const endpoint = endpointClass(path);
      metrics.githubRequests.inc({ endpoint, status_class: 'error' });
      metrics.githubDuration.observe({ endpoint }, seconds);
    },
  };
}
