import type { Middleware } from 'koa';
import { factsOf, type Subject } from '../audit/security-events.ts';
import { errorLogFields } from '../errors/index.ts';
import { deleteGrant, revokeTokensQuietly } from '../github/github-app-tokens.ts';
import type { Services } from '../services.ts';
import { currentSession, endSession, type CurrentSession } from '../session/session-context.ts';

/**
 * `POST /auth/logout` (with X-CSRF) → 204. Revokes the GitHub token, destroys the session in
 * the store (so the old cookie, replayed, is refused) and expires the cookie. Revocation is
 * best effort within GITHUB_TIMEOUT_MS: the local session ends even when GitHub is down.
 */
export function logoutRoute({ githubApi, config, log, events }: Services): Middleware {
  return async (ctx) => {
    const current = currentSession(ctx);
    const who = subjectOf(current);
    const token = current?.data.github?.accessToken;
    if (token) {
      const [outcome = 'failed'] = await revokeTokensQuietly(githubApi, config.github, [token], (err) =>
        log.warn(errorLogFields(err), 'revoke token failed; signing out anyway'),
      );
      events.tokenRevoked(factsOf(ctx), who, 'logout', outcome);
    }
    endSession(ctx);
    if (current) events.sessionEnded(factsOf(ctx), who, 'logout');
    ctx.status = 204;
  };
}

/**
 * `POST /auth/disconnect` (with X-CSRF) → 204. "Disconnect this app": deletes the user's whole
 * authorization on GitHub (every token; the next sign-in asks for consent again) and ends every
 * session of this user, on every device.
 */
export function disconnectRoute({ githubApi, config, store, log, events }: Services): Middleware {
  return async (ctx) => {
    const current = currentSession(ctx);
    const token = current?.data.github?.accessToken;
    if (token) {
      const outcome = await deleteGrant(githubApi, config.github, token).then(
        () => 'revoked' as const,
        (err: unknown) => {
          log.warn(errorLogFields(err), 'delete grant failed; signing out anyway');
          return 'failed' as const;
        },
      );
      events.tokenRevoked(factsOf(ctx), subjectOf(current), 'grant_deleted', outcome);
    }
    const user = current?.data.user;
    if (user !== undefined) {
      for (const ended of await store.destroyByUser(user.id)) {
        events.sessionEnded(factsOf(ctx), { userId: user.id, login: user.login, sessionId: ended.id }, 'disconnect');
      }
    }
    endSession(ctx);
    ctx.status = 204;
  };
}

function subjectOf(current: CurrentSession | undefined): Subject | undefined {
  const user = current?.data.user;
  return user && current ? { userId: user.id, login: user.login, sessionId: current.id } : undefined;
}
