import type { Context } from 'koa';
import { factsOf } from '../audit/security-events.ts';
import { BffError, isBffError } from '../errors/index.ts';
import { rateLimitRetryAfter, type GitHubResponse } from '../github/github-api.ts';
import type { Services } from '../services.ts';
import { endSession } from '../session/session-context.ts';
import type { SignedInHandler } from '../signed-in/require-signed-in.ts';
import { GITHUB_PROXY_PREFIX, passedHeaders, rateLimitHeaders, rewriteLinkHeader } from './github-proxy-headers.ts';
import {
  encodeProxyPath,
  isPathAllowed,
  joinPathAndQuery,
  parseProxyPath,
  readProxyQuery,
} from './github-proxy-paths.ts';

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
 * pass through; the token and every other upstream header stay on the server. Answers are read
 * with the GitHub client's size limit (5 MB): past it the download is cut off and the answer is 502.
 */
export function githubProxyRoute({ config, githubApi, log, events }: Services): SignedInHandler {
  const allow = config.github.proxyAllow;
  return async (ctx, session) => {
    // Read-only by construction: no other method, so no request body, is ever forwarded.
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      throw new BffError('method_not_allowed', { headers: { Allow: 'GET, HEAD' } });
    }
    const segments = parseProxyPath(ctx.path.slice(GITHUB_PROXY_PREFIX.length));
    const query = readProxyQuery(ctx.querystring);
    if (!segments || !query) throw new BffError('bad_request', { detail: 'proxy path or query refused' });
    if (!isPathAllowed(segments, allow)) throw new BffError('github_path_not_allowed');

    const response = await githubApi
      .send(ctx.method, joinPathAndQuery(encodeProxyPath(segments), query.safe), {
        token: session.github.accessToken,
        headers: conditionalHeaders(ctx),
      })
      .catch((cause: unknown) => {
        // A proxy that got no answer is a bad gateway (502), as it always was here.
        throw isBffError(cause, 'github_unavailable') ? new BffError('github_bad_gateway', { cause }) : cause;
      });
    const { status, headers } = response;
    if (status === 401) {
      // The token was revoked (the user removed the app) or expired: this session is over.
      log.info({ userId: session.user.id }, 'GitHub refused the session token; session ended');
      endSession(ctx);
      events.sessionEnded(
        factsOf(ctx),
        { userId: session.user.id, login: session.user.login, sessionId: session.id },
        'revoked',
      );
      throw new BffError('unauthenticated', { detail: 'GitHub refused the session token' });
    }
    const retryAfterSeconds = rateLimitRetryAfter(status, headers);
    if (retryAfterSeconds !== undefined) {
      throw new BffError('github_rate_limited', { retryAfterSeconds, headers: rateLimitHeaders(headers) });
    }
    respond(ctx, response, relayableJson(response), rewriteLink(headers, config.github.apiUrl, allow));
  };
}

/** The body to relay (null: none). Throws `github_bad_gateway` when the answer cannot be relayed. */
function relayableJson({ status, body }: GitHubResponse): string | null {
  // Redirects are not followed (`send` uses redirect: manual) and have no allowed Location to relay.
  if (status >= 500 || (status >= 300 && status < 400 && status !== 304) || body === undefined) {
    throw new BffError('github_bad_gateway', { detail: `GitHub answered ${status}` });
  }
  return body === null ? null : JSON.stringify(body);
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
