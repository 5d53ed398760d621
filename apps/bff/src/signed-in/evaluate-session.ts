import { BffError, isBffError, type ErrorCode } from '../errors/index.ts';
import type { GitHubTokens } from '../github/github-oauth.ts';
import type { Services } from '../services.ts';
import type { SessionData } from '../session/session-data.ts';
import { checkLifetime, isUserSession } from '../session/session-lifetime.ts';
import { recheckAccess, type Recheck } from './recheck-access.ts';
import type { TokenRefresher } from './refresh-github-tokens.ts';
import type { RequestFacts, SessionEndReason, Subject } from '../audit/security-events.ts';
import type { SignedInSession } from './signed-in-session.ts';
import { singleFlight } from './single-flight.ts';

/** Refresh an expiring token this long before GitHub would refuse it. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export type SessionVerdict =
  /** Alive: `changes` is what to write back (a touch, a refreshed token, a re-check's result). */
  | { readonly alive: true; readonly session: SignedInSession; readonly changes: Partial<SessionData> }
  /** Over: the caller ends it (and records why). */
  | { readonly alive: false; readonly reason: SessionEndReason; readonly who?: Subject; readonly cause?: unknown };

export interface SessionEvaluator {
  evaluate(token: string, id: string, data: SessionData, facts?: RequestFacts): Promise<SessionVerdict>;
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
    async evaluate(token, id, data, facts = {}) {
      if (!isUserSession(data)) return { alive: false, reason: 'revoked' };
      const who: Subject = { userId: data.user.id, login: data.user.login, sessionId: id };
      const life = checkLifetime(data, lifetime, now());
      if (!life.alive) return { alive: false, reason: life.reason, who };
      const changes: Partial<SessionData> = { ...life.touch };
      try {
        const github = await refreshIfExpiring(id, data.github, refreshTokens, services, facts, who);
        if (github !== data.github) changes.github = github;
        let { user, memberships } = data;
        if (now() - (data.checkedAt ?? data.createdAt) >= config.github.recheckIntervalMs) {
          // Concurrent requests of one session share the answer; each applies it to its own copy.
          const recheck = await recheckOnce(id, () =>
            recheckAccess(services, github.accessToken, data.user, data.etags),
          ).catch((err: unknown) => {
            services.events.recheck(facts, who, isBffError(err, 'github_rate_limited') ? 'rate_limited' : 'ended');
            throw err;
          });
          services.events.recheck(
            facts,
            who,
            recheck.rateLimited ? 'rate_limited' : recheck.postponed ? 'postponed' : 'ok',
          );
          user = recheck.user;
          memberships = recheck.memberships ?? memberships;
          const { postponed: _postponed, rateLimited: _rateLimited, ...learnt } = recheck;
          Object.assign(changes, learnt);
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
        if (!isBffError(err) || !Object.hasOwn(END_REASONS, err.code)) throw err;
        const reason =
          err.code === 'github_unauthorized' && (await newerSessions(services, data)) >= GITHUB_TOKEN_LIMIT
            ? 'token_limit'
            : END_REASONS[err.code as keyof typeof END_REASONS];
        log.info({ userId: data.user.id, reason: err.code, detail: err.detail }, 'session ended');
        if (err.code === 'not_allowed' || err.code === 'sso_required') {
          services.events.accessLost(facts, who, err.detail ?? 'access rule');
        }
        return { alive: false, reason, who, cause: err };
      }
    },
  };
}

async function refreshIfExpiring(
  sessionId: string,
  tokens: GitHubTokens,
  refreshTokens: TokenRefresher,
  { now, log, events }: Services,
  facts: RequestFacts,
  who: Subject,
): Promise<GitHubTokens> {
  const { expiresAt, refreshToken } = tokens;
  if (expiresAt === undefined || !refreshToken || expiresAt - now() > REFRESH_MARGIN_MS) return tokens;
  try {
    const fresh = await refreshTokens(sessionId, tokens);
    if (fresh.refreshToken !== tokens.refreshToken) events.tokenRefreshed(facts, who, 'refreshed');
    return fresh;
  } catch (err) {
    // GitHub unreachable while the old token still works: carry on with it.
    if (isBffError(err, 'github_unavailable') && expiresAt > now()) {
      log.warn({ err: { code: err.code, detail: err.detail } }, 'token refresh postponed');
      events.tokenRefreshed(facts, who, 'postponed');
      return tokens;
    }
    if (isBffError(err)) log.info({ code: err.code, detail: err.detail }, 'token refresh failed');
    events.tokenRefreshed(facts, who, 'failed');
    throw err;
  }
}

/**
 * "There is a limit of ten tokens that are issued per user/application/scope combination … If
 * an application creates more than 10 tokens for the same user and same scopes, the oldest
 * tokens with the same user/application/scope combination will be revoked." GitHub sends no
 * notice: the token just answers 401. The evidence is ours: this app holds ten or more live
 * sessions of the user that signed in after this one (each with its own token, same scopes).
 * https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#creating-multiple-tokens-for-oauth-apps
 */
export const GITHUB_TOKEN_LIMIT = 10;

async function newerSessions({ store }: Services, data: { user: { id: number }; createdAt: number }) {
  const sessions = await store.listByUser(data.user.id).catch(() => []);
  return sessions.filter((s) => (s.data.createdAt ?? 0) > data.createdAt).length;
}

const END_REASONS = {
  github_unauthorized: 'revoked',
  github_refused: 'revoked',
  not_allowed: 'recheck',
  sso_required: 'sso_required',
} as const satisfies Partial<Record<ErrorCode, SessionEndReason>>;

/**
 * An ended session, as an error for the client: 401, and the reason for the log. A lapsed SAML
 * SSO authorization says so (`sso_required`, with the org and where to authorize), so the page
 * can explain it rather than call the user "not allowed".
 */
export function sessionEnded(verdict: { reason: string; cause?: unknown }): BffError {
  if (isBffError(verdict.cause, 'sso_required')) return verdict.cause;
  if (verdict.reason === 'token_limit') return new BffError('token_limit', { cause: verdict.cause });
  return new BffError('unauthenticated', { detail: `session ended: ${verdict.reason}`, cause: verdict.cause });
}
