import type { Middleware } from 'koa';
import { deleteGrant, revokeToken } from '../github/github-app-tokens.ts';
import type { Services } from './services.ts';

/**
 * `POST /auth/logout` (with X-CSRF) → 204. Revokes the GitHub token, destroys the session in
 * the store (so the old cookie, replayed, is refused) and expires the cookie. Revocation is
 * best effort within GITHUB_TIMEOUT_MS: the local session ends even when GitHub is down.
 */
export function logoutRoute(services: Services): Middleware {
  return async (ctx) => {
    const token = ctx.session?.github?.accessToken;
    if (token)
      await bestEffort(services, 'revoke token', () => revokeToken(services.githubApi, credentials(services), token));
    // koa-session deletes the store entry and clears the cookie on commit.
    ctx.session = null;
    ctx.status = 204;
  };
}

/**
 * `POST /auth/disconnect` (with X-CSRF) → 204. "Disconnect this app": deletes the user's whole
 * authorization on GitHub (every token; the next sign-in asks for consent again) and ends every
 * session of this user, on every device.
 */
export function disconnectRoute(services: Services): Middleware {
  return async (ctx) => {
    const session = ctx.session;
    const token = session?.github?.accessToken;
    if (token)
      await bestEffort(services, 'delete grant', () => deleteGrant(services.githubApi, credentials(services), token));
    if (session?.user) await endAllSessionsOf(services, session.user.id);
    ctx.session = null;
    ctx.status = 204;
  };
}

async function endAllSessionsOf({ store }: Services, userId: number): Promise<void> {
  for (const { handle } of await store.listByUser(userId)) await store.destroyByHandle(handle);
}

function credentials({ config }: Services) {
  return { clientId: config.github.clientId, clientSecret: config.github.clientSecret };
}

async function bestEffort(services: Services, what: string, call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (err) {
    services.log.warn(
      { err: { message: err instanceof Error ? err.message : String(err) } },
      `${what} failed; signing out anyway`,
    );
  }
}
