import type { Middleware } from 'koa';
import type { Services } from './services.ts';
import { addPendingLogin, PENDING_LOGIN_TTL_MS } from './pending-login.ts';
import { createCodeChallenge, createCodeVerifier, createState } from './pkce.ts';
import { sanitizeReturnTo } from './return-to.ts';

/** `GET /auth/login?returnTo=/path[&prompt=select_account]` → 302 to GitHub's authorize page. */
export function loginRoute({ oauth, now }: Services): Middleware {
  return async (ctx) => {
    const session = ctx.session;
    if (!session) throw new Error('session middleware missing');
    const state = createState();
    const codeVerifier = createCodeVerifier();
    const selectAccount = ctx.query.prompt === 'select_account';
    addPendingLogin(
      session,
      { state, codeVerifier, returnTo: sanitizeReturnTo(ctx.query.returnTo), selectAccount, createdAt: now() },
      now(),
    );
    // An anonymous session exists only to carry the pending login: let it expire with it.
    if (!session.user) session.maxAge = PENDING_LOGIN_TTL_MS;
    ctx.redirect(
      await oauth.createAuthorizationUrl({ state, codeChallenge: createCodeChallenge(codeVerifier), selectAccount }),
    );
  };
}
