import type { Middleware } from 'koa';
import type { Services } from '../services.ts';
import { putPendingLogin } from './pending-login.ts';
import { createCodeChallenge, createCodeVerifier, createState } from './pkce.ts';
import { sanitizeReturnTo } from './return-to.ts';

/** `GET /auth/login?returnTo=/path[&prompt=select_account]` → 302 to GitHub's authorize page. */
export function loginRoute(services: Services): Middleware {
  return async (ctx) => {
    const state = createState();
    const codeVerifier = createCodeVerifier();
    const selectAccount = ctx.query.prompt === 'select_account';
    await putPendingLogin(ctx, services, state, {
      codeVerifier,
      returnTo: sanitizeReturnTo(ctx.query.returnTo),
      selectAccount,
    });
    ctx.redirect(
      await services.oauth.createAuthorizationUrl({
        state,
        codeChallenge: createCodeChallenge(codeVerifier),
        selectAccount,
      }),
    );
  };
}
