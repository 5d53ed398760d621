import type { Context } from 'koa';
import type { Config } from '../config/config.ts';
import { generateToken, idOfToken } from '../crypto/tokens.ts';

/** As long as a sign-in may take. */
export const SIGN_IN_COOKIE_MAX_AGE_MS = 10 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Ties a pending sign-in to the browser that started it (RFC 9700 §4.7.1: `state` must be bound
 * to the user agent). The browser holds a random token in a short-lived cookie; the pending
 * sign-in keeps only its hash. A callback whose state was started by another browser (login
 * CSRF) does not match. Several tabs share one token, so their sign-ins can all finish.
 * Security: HttpOnly, SameSite=Lax (it must come along on GitHub's top-level redirect back),
 * Path=/ and Secure with the __Host- prefix over https, so no subdomain can plant it.
 */
export function bindSignIn(ctx: Context, config: Config): { binding: string; commit: () => void } {
  const token = readSignInToken(ctx, config) ?? generateToken();
  // The cookie is set only once the pending sign-in is stored (`commit`): a sign-in that failed
  // to start leaves nothing behind in the browser.
  return { binding: idOfToken(token), commit: () => setSignInCookie(ctx, config, token) };
}

function setSignInCookie(ctx: Context, config: Config, token: string): void {
  ctx.cookies.set(config.session.loginCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.session.secureCookie,
    path: '/',
    maxAge: SIGN_IN_COOKIE_MAX_AGE_MS,
    overwrite: true,
    signed: false,
  });
}

/** The binding of the browser making this request: the hash of its sign-in cookie, if it has one. */
export function signInBindingOf(ctx: Context, config: Config): string | undefined {
  const token = readSignInToken(ctx, config);
  return token === undefined ? undefined : idOfToken(token);
}

function readSignInToken(ctx: Context, config: Config): string | undefined {
  if (config.session.secureCookie) ctx.cookies.secure = true;
  const token = ctx.cookies.get(config.session.loginCookieName, { signed: false });
  return token !== undefined && TOKEN.test(token) ? token : undefined;
}
