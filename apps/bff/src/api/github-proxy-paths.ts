/**
 * Which GitHub REST paths and query parameters `/api/github/*` forwards. Security: the proxy
 * acts with the user's token, so it forwards only read-only paths on an allowlist, matched
 * against the decoded path after every trick that could make GitHub see another path
 * (`..`, encoded slashes, backslashes, empty segments) has been refused.
 */

/** Query keys GitHub's list endpoints use for paging, sorting and filtering; nothing else is forwarded. */
const SAFE_QUERY_KEYS = new Set([
  'per_page',
  'page',
  'sort',
  'direction',
  'type',
  'visibility',
  'affiliation',
  'state',
  'since',
  // Cursor pagination: GitHub's Link headers carry `before` or `after`.
  'before',
  'after',
]);
const MAX_QUERY_VALUE_LENGTH = 200;
const MAX_PATH_LENGTH = 1024;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The decoded segments of a raw (still percent-encoded) path like `/user/repos`, or undefined
 * when the path is malformed or could mean something else to GitHub than what is matched.
 */
export function parseProxyPath(raw: string): string[] | undefined {
  if (!raw.startsWith('/') || raw.length > MAX_PATH_LENGTH || raw.includes('\\')) return undefined;
  const segments: string[] = [];
  for (const encoded of raw.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return undefined;
    }
    // Empty (`//`), dot segments (also `%2e%2e`), and encoded `/` or `\` would let the
    // path GitHub resolves differ from the one matched against the allowlist.
    if (segment === '' || segment === '.' || segment === '..') return undefined;
    if (segment.includes('/') || segment.includes('\\') || CONTROL.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

/** True when some pattern matches the decoded segments. Literal segments compare exactly. */
export function isPathAllowed(segments: readonly string[], patterns: readonly string[]): boolean {
  return patterns.some((pattern) => matchesPattern(segments, pattern.slice(1).split('/')));
}

function matchesPattern(segments: readonly string[], pattern: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '**') return segments.length > i;
    if (i >= segments.length || (pattern[i] !== '*' && pattern[i] !== segments[i])) return false;
  }
  return segments.length === pattern.length;
}

/** The path as GitHub gets it: every segment re-encoded, so GitHub sees exactly what was matched. */
export function encodeProxyPath(segments: readonly string[]): string {
  return `/${segments.map(encodeURIComponent).join('/')}`;
}

export interface ProxyQuery {
  /** The safe parameters, to forward. */
  readonly safe: URLSearchParams;
  /** Keys present but not forwarded. */
  readonly dropped: readonly string[];
}

/** Splits a raw query string; undefined when a key repeats or a safe value is too long (400). */
export function readProxyQuery(querystring: string): ProxyQuery | undefined {
  const safe = new URLSearchParams();
  const dropped: string[] = [];
  for (const [key, value] of new URLSearchParams(querystring)) {
    if (!SAFE_QUERY_KEYS.has(key)) {
      dropped.push(key);
      continue;
    }
    if (safe.has(key) || value.length > MAX_QUERY_VALUE_LENGTH) return undefined;
    safe.set(key, value);
  }
  return { safe, dropped };
}

/** `path?query` for a request to GitHub, or for a same-origin `/api/github` link. */
export function joinPathAndQuery(path: string, query: URLSearchParams): string {
  const search = query.toString();
  return search === '' ? path : `${path}?${search}`;
}
