import type { IncomingHttpHeaders } from 'node:http';

/** RFC 9110 §7.6.1: meaningful for one connection only, never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Security: what the browser may not say to the backend. Its cookie and Authorization (Duende
 * shipped a fix for forwarding the session cookie), our CSRF header, and anything that looks
 * like an identity or a proxy's word (X-Forwarded-*, X-Real-IP, X-User…, X-Auth…, a GitHub
 * token): the backend learns who and where only from the BFF.
 */
const FROM_BROWSER = new Set([
  'host',
  'cookie',
  'authorization',
  'x-csrf',
  'forwarded',
  'x-request-id',
  'content-length',
]);
const IDENTITY_LIKE =
  /^(x-forwarded-|x-real-ip$|x-client-ip$|true-client-ip$|cf-connecting-ip$|x-original-|x-user|x-auth|x-remote-|x-github-|x-identity|x-bff-|x-amzn-oidc-|x-goog-iap-|x-pomerium-|cf-access-)/;

/**
 * Security: what the backend may not say to the browser. Set-Cookie (it could plant or overwrite
 * the session cookie on the SPA's origin); the security headers this server owns for its origin
 * (CSP, HSTS, framing…); CORS (there is none); and hop-by-hop headers.
 */
const FROM_UPSTREAM = new Set([
  'set-cookie',
  'content-security-policy',
  'content-security-policy-report-only',
  'strict-transport-security',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'cross-origin-embedder-policy',
  'origin-agent-cluster',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
]);

/** Headers named in `Connection` are hop-by-hop too. */
function connectionTokens(value: string | string[] | undefined): Set<string> {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(
    text
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** The browser's headers as the backend may see them, plus what the BFF adds. */
export function headersToUpstream(
  incoming: IncomingHttpHeaders,
  added: Readonly<Record<string, string>>,
): Record<string, string | string[]> {
  const named = connectionTokens(incoming.connection);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name) || FROM_BROWSER.has(name)) continue;
    if (IDENTITY_LIKE.test(name)) continue;
    headers[name] = value;
  }
  return { ...headers, ...added };
}

/** The backend's answer headers as the browser may see them (Location handled by the caller). */
export function headersToBrowser(
  upstream: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string | string[]> {
  const named = connectionTokens(upstream.connection);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(upstream)) {
    const key = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(key) || named.has(key) || FROM_UPSTREAM.has(key)) continue;
    if (key.startsWith('access-control-')) continue;
    headers[key] = value;
  }
  return headers;
}
