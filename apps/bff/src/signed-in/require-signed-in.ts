import type { Context, Middleware } from 'koa';
import { BffError, isBffError } from '../errors/index.ts';
import type { GitHubTokens } from '../github/github-oauth.ts';
import type { Services } from '../services.ts';
import { changeSession, currentSession, endSession } from '../session/session-context.ts';
import { checkLifetime, isUserSession } from '../session/session-lifetime.ts';
import { recheckAccess, type Recheck } from './recheck-access.ts';
import { createTokenRefresher, type TokenRefresher } from './refresh-github-tokens.ts';
import type { SignedInSession } from './signed-in-session.ts';
import { singleFlight } from './single-flight.ts';

/** Refresh an expiring token this long before GitHub would refuse it. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export type SignedInHandler = (ctx: Context, session: SignedInSession) => Promise<void> | void;

/** Wraps a route that needs a signed-in user: the handler gets the checked session, or never runs. */
export type SignedIn = (handler: SignedInHandler) => Middleware;

/**
 * The signed-in policy, in front of every route that needs a user. The session must be alive
 * on the server (idle and absolute timeouts); an expiring GitHub token is refreshed before it
 * lapses; and on the configured interval GitHub confirms the token still works and the user is
 * still allowed (org, team or user lists). A revoked token or a lost membership ends the session
 * (401); a GitHub rate limit or outage ends nothing (503 with Retry-After).
 */
export function createSignedIn(services: Services): SignedIn {
  const refreshTokens = createTokenRefresher(services.store, services.oauth);
  const recheckOnce = singleFlight<Recheck>();
  const { lifetime, now, log, config } = services;

  const signedInSession = async (ctx: Context): Promise<SignedInSession> => {
    const current = currentSession(ctx);
    if (!current) throw new BffError('unauthenticated');
    const { data } = current;
    const life = isUserSession(data) ? checkLifetime(data, lifetime, now()) : { alive: false as const };
    if (!isUserSession(data) || !life.alive) return end(ctx, 'expired');
    if (life.touch) changeSession(ctx, life.touch);
    try {
      const github = await refreshIfExpiring(current.id, data.github, refreshTokens, services);
      if (github !== data.github) changeSession(ctx, { github });
      let user = data.user;
      if (now() - (data.checkedAt ?? data.createdAt) >= config.github.recheckIntervalMs) {
        // Concurrent requests of one session share the answer; each applies it to its own copy.
        const recheck = await recheckOnce(current.id, () => recheckAccess(services, github.accessToken, data.user));
        user = recheck.user;
        changeSession(ctx, recheck);
      }
      return {
        token: current.token,
        id: current.id,
        user,
        github,
        createdAt: data.createdAt,
        lastSeenAt: life.lastSeenAt,
        expiresAt: life.expiresAt,
        userAgent: data.userAgent,
      };
    } catch (err) {
      if (!isBffError(err, 'github_unauthorized', 'github_refused', 'not_allowed')) throw err;
      log.info({ userId: data.user.id, reason: err.code, detail: err.detail }, 'session ended');
      return end(ctx, err.code, err);
    }
  };

  return (handler) => async (ctx) => handler(ctx, await signedInSession(ctx));
}

/** An expired, revoked or disallowed session is ended on the server, whatever the cookie says. */
function end(ctx: Context, reason: string, cause?: unknown): never {
  endSession(ctx);
  throw new BffError('unauthenticated', { detail: `session ended: ${reason}`, cause });
}

async function refreshIfExpiring(
  sessionId: string,
  tokens: GitHubTokens,
  refreshTokens: TokenRefresher,
  { now, log }: Services,
): Promise<GitHubTokens> {
  const { expiresAt, refreshToken } = tokens;
  if (expiresAt === undefined || !refreshToken || expiresAt - now() > REFRESH_MARGIN_MS) return tokens;
  try {
    return await refreshTokens(sessionId, tokens);
  } catch (err) {
    // GitHub unreachable while the old token still works: carry on with it.
    if (isBffError(err, 'github_unavailable') && expiresAt > now()) {
      log.warn({ err: { code: err.code, detail: err.detail } }, 'token refresh postponed');
      return tokens;
    }
    if (isBffError(err)) log.info({ code: err.code, detail: err.detail }, 'token refresh failed');
    throw err;
  }
}
