/**
 * GITHUB_PROXY_ALLOW: which GitHub REST paths `/api/github/*` may forward (the matching itself is
 * in api/github-proxy-paths.ts). Security: the proxy acts with the user's token, so the default
 * is read-only.
 */

/** Read-only by default: the user, their repositories, organisations and teams. */
export const DEFAULT_GITHUB_PROXY_ALLOW = [
  '/user',
  '/user/repos',
  '/user/orgs',
  '/user/teams',
  '/repos/*/*',
  '/repos/*/*/commits',
  '/repos/*/*/issues',
  '/repos/*/*/pulls',
  '/repos/*/*/branches',
  '/orgs/*/repos',
].join(',');

const LITERAL_SEGMENT = /^[A-Za-z0-9_.-]+$/;

/**
 * Parses `GITHUB_PROXY_ALLOW`: comma-separated path patterns such as `/user/repos`, where a `*`
 * segment matches one path segment and a `**` segment, only as the last one, one or more.
 */
export function parseAllowPatterns(value: string): { patterns: string[]; problems: string[] } {
  const patterns = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const problems = patterns
    .filter((pattern) => !isValidPattern(pattern))
    .map(
      (pattern) =>
        `GITHUB_PROXY_ALLOW: "${pattern}" is not a path pattern: start with /, use letters, digits, ` +
        '. _ - in segments, * for one whole segment and ** only as the last one',
    );
  if (patterns.length === 0) problems.push('GITHUB_PROXY_ALLOW is empty: leave it unset for the default');
  return { patterns, problems };
}

function isValidPattern(pattern: string): boolean {
  if (!pattern.startsWith('/')) return false;
  const segments = pattern.slice(1).split('/');
  return segments.every(
    (segment, i) =>
      segment === '*' ||
      (segment === '**' && i === segments.length - 1) ||
      (LITERAL_SEGMENT.test(segment) && segment !== '.' && segment !== '..'),
  );
}
