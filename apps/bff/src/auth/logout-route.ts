import type { Middleware } from 'koa';
import { errorLogFields } from '../errors/index.ts';
import { deleteGrant, revokeTokensQuietly } from '../github/github-app-tokens.ts';
import type { Services } from '../services.ts';
import { currentSession, endSession } from '../session/session-context.ts';

/**
 * `POST /auth/logout` (with X-CSRF) → 204. Revokes the GitHub token, destroys the session in
 * the store (so the old cookie, replayed, is refused) and expires the cookie. Revocation is
 * best effort within GITHUB_TIMEOUT_MS: the local session ends even when GitHub is down.
 */
export function logoutRoute({ githubApi, config, log }: Services): Middleware {
  return async (ctx) => {
    const token = currentSession(ctx)?.data.github?.accessToken;
    if (token) {
      await revokeTokensQuietly(githubApi, config.github, [token], (err) =>
        log.warn(errorLogFields(err), 'revoke token failed; signing out anyway'),
      );
    }
    endSession(ctx);
    ctx.status = 204;
  };
}

/**
 * `POST /auth/disconnect` (with X-CSRF) → 204. "Disconnect this app": deletes the user's whole
 * authorization on GitHub (every token; the next sign-in asks for consent again) and ends every
 * session of this user, on every device.
 */
export function disconnectRoute({ githubApi, config, store, log }: Services): Middleware {
  return async (ctx) => {
    const current = currentSession(ctx);
    const token = current?.data.github?.accessToken;
    if (token) {
      await deleteGrant(githubApi, config.github, token).catch((err: unknown) =>
        log.warn(errorLogFields(err), 'delete grant failed; signing out anyway'),
      );
    }
    const userId = current?.data.user?.id;
    if (userId !== undefined) await store.destroyByUser(userId);
    endSession(ctx);
    ctx.status = 204;
  };
}
