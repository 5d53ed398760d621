import { BffError, isBffError } from '../errors/index.ts';
import type { GitHubTokens } from '../github/github-oauth.ts';
import type { Services } from '../services.ts';
import type { SessionData } from '../session/session-data.ts';
import { checkLifetime, isUserSession } from '../session/session-lifetime.ts';
import { recheckAccess, type Recheck } from './recheck-access.ts';
import type { TokenRefresher } from './refresh-github-tokens.ts';
import type { SignedInSession } from './signed-in-session.ts';
import { singleFlight } from './single-flight.ts';

/** Refresh an expiring token this long before GitHub would refuse it. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export type SessionVerdict =
  /** Alive: `changes` is what to write back (a touch, a refreshed token, a re-check's result). */
  | { readonly alive: true; readonly session: SignedInSession; readonly changes: Partial<SessionData> }
  /** Over: the caller ends it. `reason` for the log. */
  | { readonly alive: false; readonly reason: string; readonly cause?: unknown };

export interface SessionEvaluator {
  evaluate(token: string, id: string, data: SessionData): Promise<SessionVerdict>;
}

/**
 * The signed-in policy as a decision, for an HTTP request (require-signed-in.ts) and a WebSocket
 * upgrade alike: the session must be alive on the server (idle and absolute timeouts); an
 * expiring GitHub token is refreshed before it lapses; on the configured interval GitHub confirms
 * the token still works and the user is still allowed. A revoked token or a lost membership is
 * the end; a GitHub rate limit or outage ends nothing (it is thrown: 503 with Retry-After).
 */
export function createSessionEvaluator(services: Services, refreshTokens: TokenRefresher): SessionEvaluator {
  const { lifetime, now, log, config } = services;
  const recheckOnce = singleFlight<Recheck>();
  return {
    async evaluate(token, id, data) {
      if (!isUserSession(data)) return { alive: false, reason: 'not a signed-in session' };
      const life = checkLifetime(data, lifetime, now());
      if (!life.alive) return { alive: false, reason: 'expired' };
      const changes: Partial<SessionData> = { ...life.touch };
      try {
        const github = await refreshIfExpiring(id, data.github, refreshTokens, services);
        if (github !== data.github) changes.github = github;
        let { user, memberships } = data;
        if (now() - (data.checkedAt ?? data.createdAt) >= config.github.recheckIntervalMs) {
          // Concurrent requests of one session share the answer; each applies it to its own copy.
          const recheck = await recheckOnce(id, () => recheckAccess(services, github.accessToken, data.user));
          user = recheck.user;
          memberships = recheck.memberships ?? memberships;
          Object.assign(changes, recheck);
        }
        const session: SignedInSession = {
          token,
          id,
          user,
          github,
          createdAt: data.createdAt,
          lastSeenAt: life.lastSeenAt,
          expiresAt: life.expiresAt,
          userAgent: data.userAgent,
          memberships,
        };
        return { alive: true, session, changes };
      } catch (err) {
        if (!isBffError(err, 'github_unauthorized', 'github_refused', 'not_allowed')) throw err;
        log.info({ userId: data.user.id, reason: err.code, detail: err.detail }, 'session ended');
        return { alive: false, reason: err.code, cause: err };
      }
    },
  };
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

/** An ended session, as an error for the client: 401, and the reason for the log. */
export function sessionEnded(verdict: { reason: string; cause?: unknown }): BffError {
  return new BffError('unauthenticated', { detail: `session ended: ${verdict.reason}`, cause: verdict.cause });
}
