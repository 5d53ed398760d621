import type { Context, Middleware } from 'koa';
import type { AuthErrorCode } from '../contract.ts';
import { GitHubError } from '../github/github-error.ts';
import { isAllowed } from '../github/github-access.ts';
import { revokeToken } from '../github/github-app-tokens.ts';
import { fetchGitHubUser } from '../github/github-user.ts';
import { StoreUnavailableError } from '../session/session-store.ts';
import { startUserSession } from '../session/session-lifetime.ts';
import { takePendingLogin } from './pending-login.ts';
import type { Services } from './services.ts';

/**
 * `GET /auth/callback?code&state` (or `?error&state`): GitHub sends the browser back here.
 * Success → a new session id and a 302 to the returnTo of the pending login. Every failure →
 * 302 to `/?auth_error=<code>`, no session, and GitHub's own error text never reflected.
 */
export function callbackRoute(services: Services): Middleware {
  const { oauth, githubApi, lifetime, now, log } = services;
  return async (ctx) => {
    // Security: the callback URL carries the code; no Referer may leak it onward.
    ctx.set('Referrer-Policy', 'no-referrer');
    const session = ctx.session;
    const { state, code, error } = ctx.query;
    const taken = takePendingLogin(session, state, now());
    if (!taken.ok) return fail(ctx, taken.reason);
    if (error !== undefined) return fail(ctx, error === 'access_denied' ? 'access_denied' : 'github_refused');
    if (typeof code !== 'string' || code === '') return fail(ctx, 'invalid_request');

    let started = false;
    try {
      const github = await oauth.exchangeCode(code, taken.login.codeVerifier);
      // Security: whatever the token response claimed, ask GitHub who this token belongs to.
      const user = await fetchGitHubUser(githubApi, github.accessToken);
      if (!(await isAllowed(githubApi, github.accessToken, user.login, services.config.github.allowed))) {
        log.info({ userId: user.id }, 'sign-in refused: not in the allowed orgs, teams or users');
        // Leave no usable token behind for someone who may not sign in.
        await revokeToken(githubApi, services.config.github, github.accessToken).catch(() => {});
        return fail(ctx, 'not_allowed');
      }
      startUserSession(session!, user, github, lifetime, now(), ctx.get('User-Agent'));
      started = true;
      // Security: a new id at sign-in, so an id planted before login (fixation) is worthless.
      await session!.regenerate();
      log.info({ userId: user.id }, 'signed in');
      ctx.redirect(taken.login.returnTo);
    } catch (err) {
      const reason = failureReason(err);
      log.warn({ err: describe(err), reason }, 'sign-in failed');
      // Never let a half-made sign-in be saved under the old (pre-login) id.
      if (started) ctx.session = null;
      return fail(ctx, reason);
    }
  };
}

function fail(ctx: Context, reason: AuthErrorCode): void {
  // An anonymous session with nothing left pending has no reason to exist.
  if (ctx.session && !ctx.session.user && !ctx.session.pendingLogins) ctx.session = null;
  ctx.redirect(`/?auth_error=${reason}`);
}

function failureReason(err: unknown): AuthErrorCode {
  if (err instanceof GitHubError) return err.kind === 'refused' ? 'github_refused' : 'github_unavailable';
  if (err instanceof StoreUnavailableError) return 'session_unavailable';
  return 'login_failed';
}

/** What is safe to log of a failure: its kind and GitHub's error code, never a token or code. */
function describe(err: unknown): Record<string, string> {
  if (err instanceof GitHubError) return { type: err.name, kind: err.kind, detail: err.detail };
  if (err instanceof Error) return { type: err.name, message: err.message };
  return { type: typeof err };
}
