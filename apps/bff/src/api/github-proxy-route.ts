import type { Context, Middleware } from 'koa';
import type { Services } from '../auth/services.ts';
import { rateLimitRetryAfter, type GitHubResponse } from '../github/github-api.ts';
import { HttpError } from '../http/http-error.ts';
import { GITHUB_PROXY_PREFIX, passedHeaders, rateLimitHeaders, rewriteLinkHeader } from './github-proxy-headers.ts';
import {
  encodeProxyPath,
  isPathAllowed,
  joinPathAndQuery,
  parseProxyPath,
  readProxyQuery,
} from './github-proxy-paths.ts';

/**
 * Larger answers are refused (502) rather than relayed. This bounds what reaches the browser, not
 * the BFF's memory: `send` has read the whole body by then (its timeout is the only bound there).
 */
export const MAX_PROXY_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Security: proxied answers carry the user's GitHub data, so no shared cache may keep them
 * (`private`); the browser may keep one but must revalidate it on every use (`no-cache`), which
 * is what lets it send `If-None-Match` and get GitHub's 304. `Vary: Cookie` stops a copy made for
 * one session answering after sign-out and sign-in. Every other /api answer stays `no-store`.
 */
const REVALIDATE = { 'Cache-Control': 'private, no-cache', Vary: 'Cookie' } as const;

/**
 * `GET /api/github/<path>` → GitHub's REST API with the session's token, for the paths on
 * `GITHUB_PROXY_ALLOW`. Status, JSON body, validators, rate-limit headers and pagination links
 * pass through; the token and every other upstream header stay on the server.
 */
export function githubProxyRoute({ config, githubApi, log }: Services): Middleware {
  const allow = config.github.proxyAllow;
  return async (ctx) => {
    // Read-only by construction: no other method, so no request body, is ever forwarded.
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      throw new HttpError(405, 'method_not_allowed', { headers: { Allow: 'GET, HEAD' } });
    }
    // requireUser ran first: alive, token fresh (refreshed if expiring), access re-checked.
    const session = ctx.state.session;
    if (!session) throw new Error('requireUser must run before githubProxyRoute');
    const segments = parseProxyPath(ctx.path.slice(GITHUB_PROXY_PREFIX.length));
    const query = readProxyQuery(ctx.querystring);
    if (!segments || !query) throw new HttpError(400, 'bad_request');
    if (!isPathAllowed(segments, allow)) throw new HttpError(403, 'github_path_not_allowed');

    let response: GitHubResponse;
    try {
      response = await githubApi.send(ctx.method, joinPathAndQuery(encodeProxyPath(segments), query.safe), {
        token: session.github.accessToken,
        headers: conditionalHeaders(ctx),
      });
    } catch (cause) {
      throw new HttpError(502, 'github_unavailable', { cause });
    }
    const { status, headers } = response;
    if (status === 401) {
      // The token was revoked (the user removed the app) or expired: this session is over.
      log.info({ userId: session.user.id }, 'GitHub refused the session token; session ended');
      ctx.session = null;
      throw new HttpError(401, 'unauthenticated');
    }
    const retryAfter = rateLimitRetryAfter(status, headers);
    if (retryAfter !== undefined) {
      throw new HttpError(503, 'github_rate_limited', {
        headers: { ...rateLimitHeaders(headers), 'Retry-After': String(retryAfter) },
      });
    }
    const json = usableJson(response);
    if (json === undefined) throw new HttpError(502, 'github_unavailable', { message: `GitHub answered ${status}` });
    respond(ctx, response, json, rewriteLink(headers, config.github.apiUrl, allow));
  };
}

/** The body to relay (null: none), or undefined when the answer cannot be relayed. */
function usableJson({ status, body }: GitHubResponse): string | null | undefined {
  // Redirects are not followed (`send` uses redirect: manual) and have no allowed Location to relay.
  if (status >= 500 || (status >= 300 && status < 400 && status !== 304) || body === undefined) return undefined;
  if (body === null) return null;
  const json = JSON.stringify(body);
  return Buffer.byteLength(json) > MAX_PROXY_BODY_BYTES ? undefined : json;
}

/** The browser's validators, so GitHub can answer 304 (which does not count against the rate limit). */
function conditionalHeaders(ctx: Context): Record<string, string> {
  const headers: Record<string, string> = {};
  const ifNoneMatch = ctx.get('If-None-Match');
  const ifModifiedSince = ctx.get('If-Modified-Since');
  if (ifNoneMatch) headers['If-None-Match'] = ifNoneMatch;
  if (ifModifiedSince) headers['If-Modified-Since'] = ifModifiedSince;
  return headers;
}

function rewriteLink(headers: Headers, apiUrl: string, allow: readonly string[]): Record<string, string> {
  const link = headers.get('link');
  const rewritten = link === null ? undefined : rewriteLinkHeader(link, apiUrl, allow);
  return rewritten === undefined ? {} : { Link: rewritten };
}

function respond(
  ctx: Context,
  { status, headers }: GitHubResponse,
  json: string | null,
  link: Record<string, string>,
): void {
  ctx.set({ ...passedHeaders(headers), ...link });
  if (status < 300 || status === 304) ctx.set(REVALIDATE);
  ctx.status = status;
  if (status === 204 || status === 304) return;
  if (json === null) {
    ctx.body = ''; // an empty answer (HEAD): without a body Koa would send its status text
    return;
  }
  ctx.type = 'application/json';
  ctx.body = json;
}
