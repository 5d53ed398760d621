import type { Context, Middleware } from 'koa';
import { factsOf } from '../audit/security-events.ts';
import { BffError, errorLogFields } from '../errors/index.ts';
import { isAllowed } from '../github/github-access.ts';
import { revokeTokensQuietly } from '../github/github-app-tokens.ts';
import type { GitHubTokens } from '../github/github-oauth.ts';
import { fetchMemberships } from '../github/github-memberships.ts';
import { fetchGitHubUser, type GitHubUser } from '../github/github-user.ts';
import type { Services } from '../services.ts';
import { currentSession, startSession } from '../session/session-context.ts';
import type { Memberships } from '../session/session-data.ts';
import { newSessionData } from '../session/session-lifetime.ts';
import { takePendingLogin } from './pending-login.ts';

/**
 * `GET /auth/callback?code&state` (or `?error&state`): GitHub sends the browser back here.
 * Success → a new session (a new token) and a 302 to the returnTo of the pending sign-in. Every
 * failure is thrown, and signInErrors turns it into a 302 to `/?auth_error=<code>`: no session,
 * and GitHub's own error text never reflected.
 */
export function callbackRoute(services: Services): Middleware {
  const { oauth, lifetime, now, log } = services;
  return async (ctx) => {
    // Security: the callback URL carries the code; no Referer may leak it onward.
    ctx.set('Referrer-Policy', 'no-referrer');
    const { state, code, error } = ctx.query;
    // Taken before anything else, so a state works once, even when the rest fails.
    const login = await takePendingLogin(ctx, services, state);
    if (error !== undefined) throw new BffError(error === 'access_denied' ? 'access_denied' : 'github_error_redirect');
    if (typeof code !== 'string' || code === '') throw new BffError('callback_incomplete');

    const tokens = await oauth.exchangeCode(code, login.codeVerifier);
    const { user, memberships } = await withTokenRevokedOnFailure(services, tokens, () => admitUser(services, tokens));
    // Read before startSession, which empties the session object in place.
    const before = currentSession(ctx);
    const replaced =
      before?.data.user && before.data.github
        ? {
            who: { userId: before.data.user.id, login: before.data.user.login, sessionId: before.id },
            github: before.data.github,
          }
        : undefined;
    const data = newSessionData(user, tokens, lifetime, now(), ctx.get('User-Agent'));
    const sessionId = await startSession(ctx, memberships ? { ...data, memberships } : data, lifetime.absoluteMs);
    log.info({ userId: user.id }, 'signed in');
    services.events.signedIn(factsOf(ctx), { userId: user.id, login: user.login, sessionId });
    // The session this browser had before is over: its token must not outlive it at GitHub.
    if (replaced && replaced.github.accessToken !== tokens.accessToken) {
      services.events.sessionEnded(factsOf(ctx), replaced.who, 'replaced');
      const [outcome = 'failed'] = await revokeReplaced(ctx, services, replaced.github);
      services.events.tokenRevoked(factsOf(ctx), replaced.who, 'replaced', outcome);
    }
    ctx.redirect(login.returnTo);
  };
}

/**
 * Security: whatever the token response claimed, GitHub says whose token this is; then the
 * access lists decide. Someone who may not sign in gets `not_allowed`.
 */
async function admitUser(
  { githubApi, config }: Services,
  tokens: GitHubTokens,
): Promise<{ user: GitHubUser; memberships?: Memberships }> {
  const user = await fetchGitHubUser(githubApi, tokens.accessToken);
  if (!(await isAllowed(githubApi, tokens.accessToken, user.login, config.github.allowed, config.github.url))) {
    throw new BffError('not_allowed', { detail: `user ${user.id} is not in the allowed orgs, teams or users` });
  }
  // Kept for the upstreams' access rules (and their identity assertions), checked per request.
  if (!config.github.fetchMemberships) return { user };
  return { user, memberships: await fetchMemberships(githubApi, config.github.apiUrl, tokens.accessToken) };
}

/** A sign-in that fails after GitHub issued a token leaves no usable token behind. */
async function withTokenRevokedOnFailure<T>(
  services: Services,
  tokens: GitHubTokens,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    await revokeTokensQuietly(services.githubApi, services.config.github, [tokens.accessToken], (revokeErr) =>
      services.log.warn(errorLogFields(revokeErr), 'could not revoke the token of a failed sign-in'),
    );
    throw err;
  }
}

async function revokeReplaced(ctx: Context, services: Services, replaced: GitHubTokens) {
  return revokeTokensQuietly(services.githubApi, services.config.github, [replaced.accessToken], (err) =>
    services.log.warn({ ...errorLogFields(err), path: ctx.path }, 'could not revoke the token a sign-in replaced'),
  );
}
