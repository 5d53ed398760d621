function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]']);

/**
 * GitHub's rule: the redirect_uri's host (sub-domains allowed) and port must match the
 * registered callback URL and its path must be the callback path or below it; for
 * loopback IPs the port may differ.
 * https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#redirect-urls
 */
export function redirectUriMatches(redirectUri: string, callbackUrl: string): boolean {
  const redirect = parseUrl(redirectUri);
  const callback = parseUrl(callbackUrl);
  if (!redirect || !callback || redirect.protocol !== callback.protocol) return false;
  const sameHost = redirect.hostname === callback.hostname || redirect.hostname.endsWith(`.${callback.hostname}`);
  const loopback = LOOPBACK_HOSTS.has(callback.hostname) && redirect.hostname === callback.hostname;
  if (!sameHost || (!loopback && redirect.port !== callback.port)) return false;
  const base = callback.pathname.endsWith('/') ? callback.pathname : `${callback.pathname}/`;
  return redirect.pathname === callback.pathname || redirect.pathname.startsWith(base);
}

export function isHttpUrl(value: string): boolean {
  const url = parseUrl(value);
  return url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:');
}

/** Adds parameters to a redirect URL, keeping any query it already has. */
export function withParams(target: string, params: Record<string, string | undefined>): string {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.toString();
}
