import {
  encodeProxyPath,
  isPathAllowed,
  joinPathAndQuery,
  parseProxyPath,
  readProxyQuery,
} from './github-proxy-paths.ts';

/** Where the proxy is mounted; links GitHub sends are rewritten to point here. */
export const GITHUB_PROXY_PREFIX = '/api/github';

/**
 * GitHub's rate-limit headers. https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 * Security: these, the validators and Retry-After are the only upstream headers that reach the
 * browser; never Set-Cookie, X-OAuth-Scopes or anything else GitHub or a proxy in front of it adds.
 */
const RATE_LIMIT_HEADERS = [
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-ratelimit-used',
  'x-ratelimit-resource',
] as const;
const PASSED_HEADERS = ['etag', 'last-modified', 'retry-after', ...RATE_LIMIT_HEADERS] as const;

/** The upstream headers the browser may see, rate limits included (Link is rewritten separately). */
export function passedHeaders(upstream: Headers): Record<string, string> {
  return pick(upstream, PASSED_HEADERS);
}

export function rateLimitHeaders(upstream: Headers): Record<string, string> {
  return pick(upstream, RATE_LIMIT_HEADERS);
}

function pick(upstream: Headers, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = upstream.get(name);
    if (value !== null) picked[name] = value;
  }
  return picked;
}

/**
 * Rewrites GitHub's pagination `Link` header (RFC 8288) from the API base to `/api/github/…`,
 * so the page can follow it same-origin through the proxy. A link elsewhere, to a path not on
 * the allowlist, or with query keys the proxy would not forward is dropped, not rewritten.
 * Returns undefined when no link is left.
 * https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */
export function rewriteLinkHeader(value: string, apiUrl: string, allow: readonly string[]): string | undefined {
  const api = new URL(apiUrl);
  const apiPath = api.pathname.replace(/\/+$/, '');
  const links: string[] = [];
  for (const part of value.split(/,\s*(?=<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/s.exec(part);
    const rel = match && /;\s*rel="?([a-z ]+)"?/i.exec(match[2] ?? '');
    if (!match?.[1] || !rel?.[1] || !URL.canParse(match[1])) continue;
    const target = new URL(match[1]);
    if (target.origin !== api.origin || !target.pathname.startsWith(`${apiPath}/`)) continue;
    const segments = parseProxyPath(target.pathname.slice(apiPath.length));
    const query = readProxyQuery(target.search.slice(1));
    if (!segments || !query || query.dropped.length > 0 || !isPathAllowed(segments, allow)) continue;
    const local = joinPathAndQuery(`${GITHUB_PROXY_PREFIX}${encodeProxyPath(segments)}`, query.safe);
    links.push(`<${local}>; rel="${rel[1]}"`);
  }
  return links.length > 0 ? links.join(', ') : undefined;
}
