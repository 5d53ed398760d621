import type { Context, Middleware } from 'koa';
import type { Services } from '../auth/services.ts';
import { isAllowed } from '../github/github-access.ts';
import { GitHubError } from '../github/github-error.ts';
import { fetchGitHubUser } from '../github/github-user.ts';
import { HttpError } from '../http/http-error.ts';
import { checkUserSession, type SignedInSession } from './session-lifetime.ts';
import { singleFlight } from './single-flight.ts';

/** Refresh an expiring token this long before GitHub would refuse it. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** When GitHub cannot be asked, ask again this much later rather than on every request. */
const RECHECK_RETRY_MS = 60_000;

declare module 'koa' {
  interface DefaultState {
    /** Set by requireUser: the live, checked session of the signed-in user. */
    session?: SignedInSession;
  }
}

/**
 * In front of every route that needs a signed-in user. The session must be alive on the server
 * (idle and absolute timeouts); an expiring GitHub token is refreshed before it lapses; and on
 * the configured interval GitHub confirms the token still works and the user is still allowed
 * (org, team or user lists). A revoked token or a lost membership ends the session (401); a
 * GitHub rate limit ends nothing (503 with Retry-After).
 */
export function requireUser(services: Services): Middleware {
  const recheckOnce = singleFlight<Recheck>();
  return async (ctx, next) => {
    const session = checkUserSession(ctx.session, services.lifetime, services.now());
    if (!session) return endSession(ctx);
    try {
      await refreshIfExpiring(session, services);
      const { recheckIntervalMs } = services.config.github;
      if (services.now() - (session.checkedAt ?? session.createdAt) >= recheckIntervalMs) {
        // Concurrent requests of one session share the answer; each applies it to its own copy.
        const { user, checkedAt } = await recheckOnce(session.externalKey ?? '', () => recheck(session, services));
        session.user = user;
        session.checkedAt = checkedAt;
      }
    } catch (err) {
      if (!(err instanceof GitHubError)) throw err;
      if (err.kind === 'unauthorized' || err.kind === 'refused') return endSession(ctx);
      if (err.kind === 'rate_limited') {
        throw new HttpError(503, 'github_rate_limited', {
          headers: { 'Retry-After': String(err.retryAfterSeconds ?? 60) },
        });
      }
      throw new HttpError(503, 'github_unavailable', { cause: err, headers: { 'Retry-After': '5' } });
    }
    ctx.state.session = session;
    await next();
  };
}

/** An expired, revoked or disallowed session is ended on the server, whatever the cookie says. */
function endSession(ctx: Context): never {
  if (ctx.session?.user) ctx.session = null;
  throw new HttpError(401, 'unauthenticated');
}

async function refreshIfExpiring(session: SignedInSession, services: Services): Promise<void> {
  const { expiresAt, refreshToken } = session.github;
  if (expiresAt === undefined || !refreshToken || expiresAt - services.now() > REFRESH_MARGIN_MS) return;
  try {
    session.github = await services.refreshTokens(session.externalKey ?? '', session.github);
  } catch (err) {
    // GitHub unreachable while the old token still works: carry on with it.
    if (err instanceof GitHubError && err.kind === 'unavailable' && expiresAt > services.now()) {
      services.log.warn({ err: { kind: err.kind, detail: err.detail } }, 'token refresh postponed');
      return;
    }
    if (err instanceof GitHubError) services.log.info({ kind: err.kind, detail: err.detail }, 'token refresh failed');
    throw err;
  }
}

interface Recheck {
  user: SignedInSession['user'];
  checkedAt: number;
}

/** Asks GitHub who the token belongs to (a revoked token: 401) and whether they may still sign in. */
async function recheck(session: SignedInSession, services: Services): Promise<Recheck> {
  const { githubApi, config, now, log } = services;
  try {
    const user = await fetchGitHubUser(githubApi, session.github.accessToken);
    if (user.id !== session.user.id) throw new GitHubError('unauthorized', 'token belongs to another user');
    if (!(await isAllowed(githubApi, session.github.accessToken, user.login, config.github.allowed))) {
      log.info({ userId: user.id }, 'no longer allowed: session ended');
      throw new GitHubError('unauthorized', 'no longer allowed');
    }
    return { user, checkedAt: now() };
  } catch (err) {
    if (err instanceof GitHubError && err.kind === 'unavailable') {
      log.warn({ err: { kind: err.kind, detail: err.detail } }, 'GitHub re-check postponed');
      return { user: session.user, checkedAt: now() - config.github.recheckIntervalMs + RECHECK_RETRY_MS };
    }
    throw err;
  }
}
